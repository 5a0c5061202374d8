/** One field-level problem, as it appears in `errors` of a problem+json body (and of an import's rejected rows). */
export interface FieldError {
  field: string;
  message: string;
}
