import { createHash } from 'node:crypto';
import { ConflictError } from '../errors/domain-errors';
import { isUniqueViolation } from '../errors/unique-violation';
import { message } from '../i18n/message';

/**
 * Creates that a phone may safely send twice. The client makes the record's id (a UUID) before it
 * sends; a create that arrives again with the same id (the answer was lost, the browser re-sent, the
 * app restarted) answers the record already made instead of a second one. The same id with another
 * body is a client bug or a collision, refused with 409. The body is compared by a fingerprint stored
 * with the record (`create_fingerprint`).
 */
export function createFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** JSON with object keys sorted and `undefined` dropped, so equal bodies give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface RepeatableCreate<T> {
  /** The client's id, or undefined when the client left it to the server. */
  id: string | undefined;
  fingerprint: string;
  /** The record with this id, if any, with the fingerprint of the create that made it. */
  find(id: string): Promise<{ record: T; fingerprint: string | null } | null>;
  /** Makes the record (with `id` when given); may throw a unique violation when a twin create won the race. */
  create(): Promise<T>;
}

/** `find`'s answer for a record that keeps its create's fingerprint in `createFingerprint`. */
export function withFingerprint<T extends { createFingerprint: string | null }>(
  record: T | null,
): { record: T; fingerprint: string | null } | null {
  return record ? { record, fingerprint: record.createFingerprint } : null;
}

/** Runs a create at most once per client id: `{ record, created }`, where `created` is false for a repeat. */
export async function createOnce<T>(spec: RepeatableCreate<T>): Promise<{ record: T; created: boolean }> {
  const repeat = async (): Promise<{ record: T; created: boolean } | null> => {
    if (!spec.id) return null;
    const existing = await spec.find(spec.id);
    if (!existing) return null;
    if (existing.fingerprint !== spec.fingerprint) throw new ConflictError(message('common.idReusedWithOtherBody', { id: spec.id }));
    return { record: existing.record, created: false };
  };
  const earlier = await repeat();
  if (earlier) return earlier;
  try {
    return { record: await spec.create(), created: true };
  } catch (error) {
    // Two copies of one create raced: the loser answers what the winner made.
    if (spec.id && isUniqueViolation(error)) {
      const twin = await repeat();
      if (twin) return twin;
    }
    throw error;
  }
}
