import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { validateAppConfig } from '@techmarket/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  try {
    validateAppConfig(process.env);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  console.log('techmarket worker: processing queues');
}

void main();
