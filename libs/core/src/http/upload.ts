import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception.js';

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  parts(opts?: {
    limits?: { fileSize?: number; files?: number };
  }): AsyncIterable<
    | { type: 'file'; fieldname: string; filename: string; toBuffer(): Promise<Buffer> }
    | { type: 'field'; fieldname: string; value: unknown }
  >;
};

/** One uploaded file (multipart field `file`) and the form's other fields. */
export interface Upload {
  buffer: Buffer;
  fileName: string;
  fields: Record<string, unknown>;
}

/**
 * Reads a multipart upload: exactly one file in the field `file`, plus plain fields. Every
 * failure is a 4xx naming the field: no file or not multipart (`missing`, default `isDefined`),
 * a file over the limit (`tooLarge`, default 413), a second file, a file under another name.
 */
export async function readUpload(
  request: FastifyRequest,
  opts: { maxBytes?: number; missing?: string; tooLarge?: () => ProblemException } = {},
): Promise<Upload> {
  const req = request as MultipartRequest;
  const missing = () => ProblemException.invalidField('file', opts.missing ?? 'isDefined');
  if (!req.isMultipart()) throw missing();
  const fields: Record<string, unknown> = {};
  let file: { buffer: Buffer; fileName: string } | undefined;
  try {
    for await (const part of req.parts({ limits: { ...(opts.maxBytes ? { fileSize: opts.maxBytes } : {}), files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw ProblemException.invalidField(part.fieldname, 'whitelistValidation');
        file = { buffer: await part.toBuffer(), fileName: part.filename };
      } else fields[part.fieldname] = part.value;
    }
  } catch (e) {
    if (e instanceof ProblemException) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw opts.tooLarge?.() ?? new ProblemException('BODY_TOO_LARGE');
    if (code === 'FST_FILES_LIMIT') throw ProblemException.invalidField('file', 'arrayMaxSize', [1]);
    throw missing();
  }
  if (!file) throw missing();
  return { ...file, fields };
}
