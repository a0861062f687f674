import 'reflect-metadata';
import { validateAppConfig } from '@techmarket/core';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  let config;
  try {
    config = validateAppConfig(process.env);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const app = await createApiApp();
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`techmarket API: http://${config.HOST}:${config.PORT}  (docs: /api/docs)`);
}

void main();
