import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain-errors';
import { message } from '../i18n/message';

/** Path ids must be UUIDs; anything else is a 400 naming the parameter, never a database error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => InvalidInputError.field(name, message('validation.uuid')) });
}
