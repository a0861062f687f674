import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe, validateAppConfig } from '@techmarket/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { serveConsole } from './console.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Builds the API exactly as production runs it; tests call this too, so what they exercise
 * is what ships.
 */
export async function createApiApp(opts: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const config = validateAppConfig(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    trustProxy: true,
    // Honour a caller's request id (from a gateway), otherwise make one; logs and audit use it.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as IncomingMessage & { id: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ workers: config.RUN_WORKERS_IN_API }), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);

  // Spreadsheet uploads (批量导入): one file per request, up to 50 MB (≈ 200,000 rows).
  await app.register(multipart as never, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('吉林省科技大市场 techmarket API')
    .setDescription(
      '三级（省、市州、县）技术市场平台接口。错误以 application/problem+json (RFC 9457) 返回，默认中文，`Accept-Language: en` 返回英文。列表使用游标分页（nextCursor）。',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  // The zh-CN console (apps/console), built: files at `/`, index.html for its own paths.
  await serveConsole(app);

  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
