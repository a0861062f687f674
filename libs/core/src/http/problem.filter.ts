import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, EntityNotFoundError, OptimisticLockVersionMismatchError } from 'typeorm';
import { ProblemException } from './problem.exception.js';
import { entityLabel, type ErrorCode, errorDefinition, fieldMessage, format, type Lang, pickLang } from './messages.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  errors?: { field: string; code: string; message: string }[];
  requestId?: string;
}

const CONFLICT_MESSAGES: Record<string, { zh: string; en: string }> = {
  '23505': { zh: '记录已存在（唯一性冲突）', en: 'A record with these values already exists' },
  '23503': { zh: '该记录仍被其他数据引用，或引用的数据不存在', en: 'The record is still referenced, or refers to a missing record' },
};

/** Turns anything thrown into an RFC 9457 problem+json body (never a stack trace). */
export function toProblem(
  exception: unknown,
  lang: Lang,
  instance: string,
  requestId?: string,
): { body: ProblemBody; headers: Record<string, string> } {
  const p = classify(exception);
  const def = errorDefinition(p.code);
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const params = { ...p.params };
  const label = typeof params.entity === 'string' ? entityLabel(params.entity) : undefined;
  if (label) params.entity = pick(label);
  if (params.detailMessage) params.detail = pick(params.detailMessage as { zh: string; en: string });
  // Parameters that are themselves messages (e.g. a plugin's name) follow the caller's language.
  for (const [k, v] of Object.entries(params)) if (isLabel(v)) params[k] = pick(v);
  const title = pick(def);
  const body: ProblemBody = {
    type: `urn:techmarket:problem:${p.code.toLowerCase().replace(/_/g, '-')}`,
    title: p.code === 'CONFLICT' ? pick({ zh: '冲突', en: 'Conflict' }) : format(title, params),
    status: def.status,
    detail: format(title, params),
    instance,
    code: p.code,
  };
  if (p.fieldErrors.length) {
    body.errors = p.fieldErrors.map((e) => {
      const m = fieldMessage(e.code);
      const args = Object.fromEntries((e.args ?? []).map((a, i) => [String(i), Array.isArray(a) ? a.join(', ') : a]));
      return { field: e.field, code: e.code, message: `${e.field}: ${format(pick(m), args)}` };
    });
    body.detail = body.errors.map((e) => e.message).join('；');
  }
  if (requestId) body.requestId = requestId;
  return { body, headers: p.headers };
}

function isLabel(v: unknown): v is { zh: string; en: string } {
  return (
    typeof v === 'object' && v !== null && typeof (v as { zh?: unknown }).zh === 'string' && typeof (v as { en?: unknown }).en === 'string'
  );
}

function classify(e: unknown): ProblemException {
  if (e instanceof ProblemException) return e;
  if (e instanceof ThrottlerException) return new ProblemException('RATE_LIMITED');
  if (e instanceof OptimisticLockVersionMismatchError) return new ProblemException('VERSION_CONFLICT');
  if (e instanceof EntityNotFoundError) return new ProblemException('NOT_FOUND', { entity: '' });
  if (e instanceof QueryFailedError) {
    const code = (e as unknown as { code?: string }).code ?? '';
    if (CONFLICT_MESSAGES[code]) return new ProblemException('CONFLICT', { detailMessage: CONFLICT_MESSAGES[code] });
    if (code === '22P02' || code === '22001' || code === '22003') return new ProblemException('VALIDATION_FAILED');
    return new ProblemException('INTERNAL');
  }
  // Fastify's own errors (body parsing) arrive as an HttpException whose cause is the FastifyError.
  const fastifyCode = (e as { code?: string } | null)?.code ?? (e as { cause?: { code?: string } } | null)?.cause?.code;
  if (fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new ProblemException('MALFORMED_BODY');
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ProblemException('UNSUPPORTED_MEDIA_TYPE');
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ProblemException('BODY_TOO_LARGE');
  if (e instanceof SyntaxError && (e as { statusCode?: number }).statusCode === 400) return new ProblemException('MALFORMED_BODY');
  if (e instanceof HttpException) {
    const status = e.getStatus();
    if (status === 404) return new ProblemException('ROUTE_NOT_FOUND');
    if (status === 401) return new ProblemException('UNAUTHENTICATED');
    if (status === 403) return new ProblemException('FORBIDDEN');
    if (status === 413) return new ProblemException('BODY_TOO_LARGE');
    if (status === 415) return new ProblemException('UNSUPPORTED_MEDIA_TYPE');
    if (status === 429) return new ProblemException('RATE_LIMITED');
    if (status >= 400 && status < 500) return new ProblemException('VALIDATION_FAILED');
  }
  const status = (e as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ProblemException('VALIDATION_FAILED');
  return new ProblemException('INTERNAL');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    sendProblem(exception, req, reply, this.logger);
  }
}

export function sendProblem(exception: unknown, req: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  const lang = pickLang(req.headers['accept-language']);
  const { body, headers } = toProblem(exception, lang, req.url, String(req.id));
  if (body.status >= 500) logger.error({ err: exception, requestId: req.id }, 'unhandled error');
  void reply
    .status(body.status)
    .headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang })
    .send(body);
}
