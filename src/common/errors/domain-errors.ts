/** One field-level problem, as it appears in `errors` of a problem+json body. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Errors the services throw. They know nothing of HTTP; ProblemDetailsFilter maps each to its status.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly extra?: Record<string, unknown>;

  constructor(detail: string, options: { errors?: FieldError[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.errors = options.errors;
    this.headers = options.headers;
    this.extra = options.extra;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid input';

  static field(field: string, message: string): InvalidInputError {
    return new InvalidInputError(`${field}: ${message}`, { errors: [{ field, message }] });
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

  static of(resource: string, id: string): NotFoundError {
    return new NotFoundError(`${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';

  constructor(detail: string, retryAfterSeconds: number) {
    super(detail, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
  }
}
