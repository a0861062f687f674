import { HttpException } from '@nestjs/common';
import { type ErrorCode, errorDefinition } from './messages.js';

/** One invalid field: `field` is the JSON path (`contact.email`, `roles[1]`). */
export interface FieldError {
  field: string;
  code: string;
  /** Arguments of the constraint (e.g. the maximum length), used to build the message. */
  args?: unknown[];
}

/**
 * Every error the API returns on purpose. It carries a stable code, parameters for the
 * message and optional field errors; the filter renders it as RFC 9457 problem+json in the
 * caller's language.
 */
export class ProblemException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code, errorDefinition(code).status);
  }

  static notFound(entity: string): ProblemException {
    return new ProblemException('NOT_FOUND', { entity });
  }

  static forbidden(): ProblemException {
    return new ProblemException('FORBIDDEN');
  }

  static invalidField(field: string, code: string, args?: unknown[]): ProblemException {
    return new ProblemException('VALIDATION_FAILED', {}, [{ field, code, args }]);
  }
}
