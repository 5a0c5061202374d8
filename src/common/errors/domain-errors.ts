import { Message, message, Translatable, translate } from '../i18n/message';

/** Kinds of record a 404 can name (each has a `notFound.<kind>` sentence in the catalogue). */
export type NotFoundResource = 'Batch' | 'Cooperative' | 'Household' | 'Label run' | 'Listing' | 'Plot' | 'Product' | 'User' | 'Certification' | 'Event' | 'Label' | 'Photo';

export type { FieldError } from './problem.contract';

/** A field-level problem as services raise it: the message is translated when the answer is written. */
export interface FieldProblem {
  field: string;
  message: string | Message;
}

/**
 * Errors the services throw. They know nothing of HTTP; ProblemDetailsFilter maps each to its status.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** What the reader is told, translated at the edge (`message` keeps the English text for logs). */
  readonly detail: Translatable;
  readonly errors?: FieldProblem[];
  readonly headers?: Record<string, string>;
  readonly extra?: Record<string, unknown>;

  constructor(
    detail: Translatable,
    options: { errors?: FieldProblem[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(translate(detail, 'en'));
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extra = options.extra;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid input';

  static field(field: string, problem: string | Message): InvalidInputError {
    return new InvalidInputError((locale) => `${field}: ${translate(problem, locale)}`, { errors: [{ field, message: problem }] });
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';

  static of(resource: NotFoundResource, id: string): NotFoundError {
    return new NotFoundError(message(`notFound.${resource}`, { id }));
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';

  constructor(detail: string | Message, retryAfterSeconds: number) {
    super(detail, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
  }
}

/** A write sent with an `If-Match` version that is no longer the record's (another phone changed it). */
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly title = 'Precondition failed';
}
