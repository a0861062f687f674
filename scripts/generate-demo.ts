import 'reflect-metadata';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { DEMO_SCALES, DEMO_STAGES, DEMO_STATUS_KEY, type DemoScale, type DemoStatus, generateDemoCatalog } from '@techmarket/catalog/demo';
import { dataSourceOptions } from '@techmarket/core';
import { installDemoPolicies } from '@techmarket/policy/demo';
import { allEntities } from '../migrations/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `node dist/scripts/generate-demo.js [--scale small|jilin|national] [--seed N]`
 * Loads the deterministic demo catalog into DATABASE_URL in one transaction (all or nothing),
 * then installs the demo policies through the same domain function as the API (audited, in a
 * transaction of their own). The tenants and migrations must be in place (`npm run db:setup`).
 */
export async function generateDemo(databaseUrl: string, scale: DemoScale, seed: number, log = console.log): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    await client.query('BEGIN');
    const db = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
    const result = await generateDemoCatalog(db, { scale, seed, log });
    await client.query('COMMIT');
    const ds = await new DataSource(dataSourceOptions(databaseUrl, [], allEntities)).initialize();
    try {
      const policies = await installDemoPolicies(ds, path.join(root, 'data/demo-policies.json'));
      if (policies.length) log(`已安装演示政策 demo policies installed: ${policies.join(', ')}`);
    } finally {
      await ds.destroy();
    }
    if (result.skipped) log(`演示目录已存在，跳过 demo catalog already loaded (${result.counts.achievements} achievements)`);
    else log(`已生成演示目录 demo catalog loaded: scale=${scale} seed=${seed} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    await client.end();
  }
}

/**
 * Reports progress to Redis (`<REDIS_PREFIX>:demo:status`) for the API and the console while the
 * loader runs in the background of `npm start`; every line logged is one stage done.
 */
function progressReporter(scale: DemoScale, log: (line: string) => void) {
  const redis = process.env.REDIS_URL
    ? new Redis(process.env.REDIS_URL, { keyPrefix: `${process.env.REDIS_PREFIX ?? 'tm'}:`, maxRetriesPerRequest: 1, lazyConnect: true })
    : null;
  const startedAt = new Date().toISOString();
  let step = 0;
  const write = async (status: DemoStatus) => {
    await redis?.set(DEMO_STATUS_KEY, JSON.stringify({ scale, steps: DEMO_STAGES.length, startedAt, ...status })).catch(() => undefined);
  };
  return {
    log: (line: string) => {
      log(line);
      step = Math.min(step + 1, DEMO_STAGES.length - 1);
      void write({ state: 'loading', step, message: line });
    },
    start: () => write({ state: 'loading', step: 0, message: '正在加载演示数据 loading the demo catalog' }),
    end: async (state: 'done' | 'failed', message: string) => {
      await write({ state, step: state === 'done' ? DEMO_STAGES.length : step, message, finishedAt: new Date().toISOString() });
      redis?.disconnect();
    },
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1]?.endsWith('generate-demo.js')) {
  const scale = (arg('scale') ?? process.env.DEMO_SCALE ?? 'jilin') as DemoScale;
  if (!(scale in DEMO_SCALES)) {
    console.error(`--scale 必须是 ${Object.keys(DEMO_SCALES).join(' | ')}`);
    process.exit(2);
  }
  const seed = Number(arg('seed') ?? 20261125);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/techmarket';
  const progress = progressReporter(scale, console.log);
  void progress
    .start()
    .then(() => generateDemo(url, scale, seed, progress.log))
    .then(() => progress.end('done', '演示数据已加载 the demo catalog is loaded'))
    .catch(async (e: Error) => {
      console.error(`演示数据生成失败 demo generation failed: ${e.message}`);
      await progress.end('failed', `演示数据加载失败：${e.message}`);
      process.exit(1);
    });
}
