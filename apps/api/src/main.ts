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
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  // Tests and scripts read this line to find the port (PORT=0 picks a free one).
  console.log(`techmarket API listening on ${url}  (API docs: ${url}/api/docs)`);
}

void main();
