import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A validation decorator of our own: `validate` checks the property's value (the whole request is in
 * `args.object`), and a refusal reads `message`, a catalogue key (see src/common/http/validation.ts).
 */
export function propertyRule(
  name: string,
  message: string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate },
    });
}
