import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, InvalidInputError } from '../errors/domain-errors';

/**
 * Constraints that say what a value must be before anything else can be said of it, most basic first.
 * When one of them fails, the field's other constraints are noise and may contradict each other: for
 * "abc", class-validator adds "must not be less than 0" and "must not be greater than 1000000".
 */
const KIND_CONSTRAINTS = [
  'isDefined',
  'isArray',
  'isObject',
  'nestedValidation',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isDateString',
  'isIso8601',
  'isDate',
  'isUuid',
  'isEnum',
  'isIn',
  'isNotEmpty',
];

/** The reasons worth giving for one field: its most basic failed constraint when there is one, otherwise all. */
function relevantMessages(constraints: Record<string, string>): string[] {
  const kind = KIND_CONSTRAINTS.find((name) => name in constraints);
  return kind ? [constraints[kind]] : Object.values(constraints);
}

/** Flattens nested class-validator errors into `{ field: "certifications.0.validUntil", message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // One entry per bad field (API.md), however many of its constraints failed.
    const messages = relevantMessages(error.constraints ?? {}).map((message) =>
      // class-validator says "property x should not exist" for unknown fields; say it plainly.
      message.startsWith('property ') && message.endsWith('should not exist') ? 'unknown field' : message,
    );
    if (messages.length) out.push({ field, message: messages.join('; ') });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

const MAX_SCAN_DEPTH = 32;

/**
 * Fields holding a NUL character (U+0000). PostgreSQL cannot store one in text or jsonb, so such input
 * would fail in the database (a 500); it is refused here with the field's name instead.
 */
export function findNulCharacters(value: unknown, path = '', depth = 0, out: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path || 'body', message: 'must not contain NUL characters' });
  } else if (value !== null && typeof value === 'object' && depth < MAX_SCAN_DEPTH) {
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) out.push({ field: field.split('\u0000').join(''), message: 'must not contain NUL characters' });
      findNulCharacters(child, field, depth + 1, out);
    }
  }
  return out;
}

/**
 * Every string of a JSON body, query or path parameter in Unicode NFC. Phones (iOS and some Android
 * keyboards) send Vietnamese decomposed, "Nguyễn" as "Nguye\u0302\u0303n": stored that way it would look
 * the same yet never match, in searches or uniqueness, what a computer typed. Non-plain objects (a CSV
 * upload's Buffer) are left as they are.
 */
export function normalizeText(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (depth >= MAX_SCAN_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => normalizeText(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as object | null;
  // Plain objects, and the null-prototype records Fastify's query-string parser makes (prototype or its prototype null).
  if (prototype !== Object.prototype && prototype !== null && Object.getPrototypeOf(prototype) !== null) return value;
  const out: Record<string, unknown> = prototype === Object.prototype ? {} : (Object.create(null) as Record<string, unknown>);
  // Defined, not assigned: a "__proto__" key stays a plain property.
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: normalizeText(child, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = findNulCharacters(value);
      if (errors.length) throw new InvalidInputError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
      value = normalizeText(value);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const fieldErrors = flattenValidationErrors(errors);
      const detail = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'The request is invalid';
      return new InvalidInputError(detail, { errors: fieldErrors });
    },
  });
}
