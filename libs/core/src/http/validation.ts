import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldError, ProblemException } from './problem.exception.js';

/** The arguments of a constraint (e.g. 64 for MaxLength(64)), read back from class-validator's metadata. */
function constraintArgs(target: object | undefined, property: string, constraint: string): unknown[] | undefined {
  if (!target) return undefined;
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const meta = metas.find((m) => m.propertyName === property && (m.name === constraint || m.type === constraint));
  return meta?.constraints;
}

/** The most basic failure is the one worth telling: a number sent as a name is a type error, not "too long". */
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isString',
  'isBoolean',
  'isInt',
  'isArray',
  'isUuid',
  'isUUID',
  'isIn',
  'isEnum',
  'isNotEmpty',
];
const rank = (code: string) => (PRIORITY.includes(code) ? PRIORITY.indexOf(code) : PRIORITY.length);

/** One error per field (the most basic one), with nested fields as JSON paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const err of errors) {
    const field = parent ? (/^\d+$/.test(err.property) ? `${parent}[${err.property}]` : `${parent}.${err.property}`) : err.property;
    const codes = Object.keys(err.constraints ?? {}).sort((a, b) => rank(a) - rank(b));
    if (codes.length) out.push({ field, code: codes[0], args: constraintArgs(err.target, err.property, codes[0]) });
    if (err.children?.length) out.push(...flattenValidationErrors(err.children, field));
  }
  return out;
}

/**
 * Strict validation: unknown fields are errors (not silently dropped), payloads are
 * transformed into their DTO classes, and every error names its field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ProblemException('VALIDATION_FAILED', {}, flattenValidationErrors(errors)),
  });
}
