import { InvalidInputError, PreconditionFailedError } from '../errors/domain-errors';
import { message } from '../i18n/message';

/**
 * Optimistic concurrency for edits (RFC 9110 §13.1.1): every editable record has a `version` that each
 * change increments, sent as a strong ETag (`"7"`). A phone that edits with `If-Match: "6"` after
 * another phone saved version 7 gets 412 and both versions to choose from, instead of silently
 * overwriting the other phone's change. Without If-Match the edit applies to the current version.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The versions an If-Match header accepts; `null` for `*` or no header (any version). */
export function parseIfMatch(header: string | string[] | undefined): number[] | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '' || value.trim() === '*') return null;
  const versions: number[] = [];
  for (const part of value.split(',')) {
    const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(part);
    if (!match) throw InvalidInputError.field('If-Match', message('common.ifMatchMalformed'));
    versions.push(Number(match[1]));
  }
  return versions;
}

/**
 * Throws 412 when If-Match names versions and the record is at none of them; the current record goes
 * in the problem (`current`) so the client can show both versions side by side.
 */
export function assertIfMatch(header: string | string[] | undefined, currentVersion: number, current?: unknown): void {
  const accepted = parseIfMatch(header);
  if (accepted === null || accepted.includes(currentVersion)) return;
  throw new PreconditionFailedError(message('common.ifMatchStale', { current: currentVersion, sent: accepted.join(', ') }), {
    headers: { ETag: etagOf(currentVersion) },
    extra: { currentVersion, ...(current === undefined ? {} : { current }) },
  });
}
