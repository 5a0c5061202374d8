import type { ValidationError } from 'class-validator';

/**
 * When a field breaks several constraints, the reader is told the most basic one: a value of the wrong
 * type is "must be a number", not also "must not be less than 1" and "must be at most 10".
 */
const CONSTRAINT_PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'isArray',
  'isObject',
  'nestedValidation',
  'isUuid',
  'isUUID',
  'isDateString',
  'isIso8601',
  'isEnum',
  'isIn',
];

function priority(constraint: string): number {
  const index = CONSTRAINT_PRIORITY.indexOf(constraint);
  return index === -1 ? CONSTRAINT_PRIORITY.length : index;
}

/** The one constraint a reader is told about when a value breaks several, with class-validator's text for it. */
export function mostBasicConstraint(error: ValidationError): { constraint: string; text: string } | undefined {
  const [first] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => priority(a) - priority(b));
  return first && { constraint: first[0], text: first[1] };
}
