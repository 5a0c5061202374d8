import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { FieldProblem, InvalidInputError } from '../errors/domain-errors';
import { mostBasicConstraint } from './constraint-priority';
import { ComposedText, isMessageKey, message, Message, MessageParams, translate } from '../i18n/message';

function metadataOf(target: object | undefined, property: string, constraint: string): ValidationMetadata | undefined {
  if (!target) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === constraint);
}

function parametersOf(constraints: unknown[] | undefined): MessageParams {
  const params: MessageParams = {};
  (constraints ?? []).forEach((value, index) => {
    if (typeof value === 'string' || typeof value === 'number') params[String(index)] = value;
  });
  const first = constraints?.[0];
  if (Array.isArray(first)) params.values = first.join(', ');
  else if (first && typeof first === 'object' && !(first instanceof RegExp)) {
    // An enum object: its values, not its keys.
    params.values = [...new Set(Object.values(first as Record<string, unknown>).filter((v) => typeof v === 'string'))].join(', ');
  }
  return params;
}

/** The request's own plain values (`{layout}`), for a DTO's sentence that names a sibling field. */
function fieldsOf(target: object | undefined): MessageParams {
  const params: MessageParams = {};
  for (const [key, value] of Object.entries(target ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = typeof value === 'string' ? value.slice(0, 100) : value;
  }
  return params;
}

/** The reader's message for one broken constraint: a catalogue sentence, or the DTO's own text until it has one. */
function constraintMessage(error: ValidationError, constraint: string, text: string): string | Message {
  if (constraint === 'whitelistValidation') return message('validation.unknownField');
  // ValidateNested always carries its own English default message.
  if (constraint === 'nestedValidation') return message('validation.nestedValidation');
  const metadata = metadataOf(error.target, error.property, constraint);
  const params = { ...fieldsOf(error.target), ...parametersOf(metadata?.constraints) };
  if (metadata?.message !== undefined) {
    return typeof metadata.message === 'string' && isMessageKey(metadata.message) ? message(metadata.message, params) : text;
  }
  const key = `validation.${constraint}`;
  return isMessageKey(key) ? message(key, params) : text;
}

/** Flattens nested class-validator errors into `{ field: "certifications.0.validUntil", message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // One entry per bad field (API.md), with one reason.
    const first = mostBasicConstraint(error);
    if (first) out.push({ field, message: constraintMessage(error, first.constraint, first.text) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

const MAX_SCAN_DEPTH = 32;

/**
 * Plain objects, arrays, and the null-prototype records Fastify's query-string parser makes (prototype
 * or its prototype null): what a JSON body, a query or path parameters are made of. Anything else (an
 * uploaded file's Buffer) belongs to its handler, and walking its bytes one entry each is slow.
 */
function isParsedStructure(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === Object.prototype || prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * Fields holding a NUL character (U+0000). PostgreSQL cannot store one in text or jsonb, so such input
 * would fail in the database (a 500); it is refused here with the field's name instead.
 */
export function findNulCharacters(value: unknown, path = '', depth = 0, out: FieldProblem[] = []): FieldProblem[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path || 'body', message: message('validation.nul') });
    // A lone surrogate (JSON allows "\ud800") is no text at all: it cannot be stored as UTF-8, and some
    // validators (isEmail's byte length) throw on it.
    else if (!value.isWellFormed()) out.push({ field: path || 'body', message: message('validation.notUnicode') });
  } else if (value !== null && typeof value === 'object' && depth < MAX_SCAN_DEPTH && isParsedStructure(value)) {
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) out.push({ field: field.split('\u0000').join(''), message: message('validation.nul') });
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
  if (!isParsedStructure(value)) return value;
  const prototype = Object.getPrototypeOf(value) as object | null;
  const out: Record<string, unknown> = prototype === Object.prototype ? {} : (Object.create(null) as Record<string, unknown>);
  // Defined, not assigned: a "__proto__" key stays a plain property.
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: normalizeText(child, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The problem's `detail` for field errors: each field and its reason, in the reader's language. */
function describe(errors: FieldProblem[]): ComposedText {
  return (locale) => errors.map((e) => `${e.field}: ${translate(e.message, locale)}`).join('; ');
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = findNulCharacters(value);
      if (errors.length) throw new InvalidInputError(describe(errors), { errors });
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
    // The target is kept so that a broken constraint's arguments can be read from its metadata.
    validationError: { target: true, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new InvalidInputError(fieldErrors.length ? describe(fieldErrors) : message('problem.invalidRequest'), { errors: fieldErrors });
    },
  });
}
