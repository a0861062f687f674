import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { dataSourceOptions, validateAppConfig } from '@techmarket/core';
import { seedDemo, seedTenants } from '@techmarket/core/seed';
import { seedRollupTargets } from '@techmarket/rollup/seed';
import { allEntities, allMigrations } from '../migrations/index.js';

/** Repository root, from src (ts) or from dist (built). */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.split(path.sep).includes('dist') ? '../..' : '..');

/**
 * `node dist/scripts/db.js migrate|seed|setup`: runs the migrations, loads the tenant
 * tree, the KPI targets of the policy texts and (setup) the demo accounts. Used by `npm start` and by the test setup.
 */
export async function runDbCommand(command: string, databaseUrl: string): Promise<string[]> {
  const db = await new DataSource(dataSourceOptions(databaseUrl, allMigrations, allEntities)).initialize();
  const said: string[] = [];
  try {
    if (command === 'migrate' || command === 'setup') {
      const ran = await db.runMigrations({ transaction: 'each' });
      said.push(ran.length ? `已执行迁移 migrations applied: ${ran.map((m) => m.name).join(', ')}` : '数据库已是最新 schema up to date');
    }
    if (command === 'seed' || command === 'setup') {
      const tenants = await seedTenants(db, path.join(root, 'data/jilin-tenants.json'));
      const users = await seedDemo(db, path.join(root, 'data/demo-accounts.json'));
      said.push(`已加载租户 ${tenants} 个、演示账号 ${users} 个 (tenants: ${tenants}, demo accounts: ${users})`);
      const targets = await seedRollupTargets(db);
      if (targets) said.push(`已加载考核目标 ${targets} 项 (KPI targets of the policy texts: ${targets})`);
    }
    if (command === 'revert') {
      await db.undoLastMigration({ transaction: 'each' });
      said.push('已回滚最近一次迁移 last migration reverted');
    }
  } finally {
    await db.destroy();
  }
  return said;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const command = process.argv[2] ?? 'setup';
  runDbCommand(command, validateAppConfig(process.env).DATABASE_URL)
    .then((lines) => lines.forEach((l) => console.log(l)))
    .catch((e: Error) => {
      console.error(`数据库操作失败 database ${command} failed: ${e.message}`);
      process.exit(1);
    });
}
