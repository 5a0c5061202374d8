/**
 * One field-level problem, as it appears in `errors` of a problem+json body (and of an import's rejected rows).
 * A class, not an interface, so that the Swagger plugin (nest-cli.json) documents it in /docs.
 */
export class FieldError {
  field!: string;
  message!: string;
}
