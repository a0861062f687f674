import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { RollupService } from '@techmarket/rollup';
import { AppModule } from '../apps/api/src/app.module.js';

/**
 * `npm run rollup:rebuild`: recomputes the roll-up's aggregates from the registered contracts
 * of DATABASE_URL (after deploying the roll-up on existing data, or to check the incremental
 * ones: the API's `POST /rollup/rebuild` does the same for the province admin). Set-based;
 * `--from-facts` rebuilds contract by contract through the events' code path instead (slow). Registrations
 * and confirmed payments wait while it runs, then apply on top.
 */
const app = await NestFactory.createApplicationContext(AppModule.forRoot({ workers: false }), { logger: ['error', 'warn'] });
try {
  const rollup = app.get(RollupService);
  const r = process.argv.includes('--from-facts') ? await rollup.rebuildFromFacts((line) => console.log(line)) : await rollup.rebuildAll();
  console.log(`统计已重建 roll-up rebuilt: ${r.contracts} contracts, ${r.aggregates} aggregate rows, ${(r.ms / 1000).toFixed(1)} s`);
} finally {
  await app.close();
}
