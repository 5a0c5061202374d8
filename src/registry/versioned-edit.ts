import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ConflictError } from '../common/errors/domain-errors';
import { MessageKey } from '../common/i18n/catalogue';
import { message } from '../common/i18n/message';
import { assertIfMatch, etagOf } from '../common/records/record-version';

export interface Versioned {
  id: string;
  version: number;
}

/** Writes changes onto a record only while it is at `version`; true when it was. */
export interface VersionedWriter<E> {
  updateAtVersion(id: string, version: number, changes: QueryDeepPartialEntity<E>): Promise<boolean>;
}

export interface VersionedEdit<E extends Versioned, R> {
  repository: VersionedWriter<E>;
  /** Loads the record and checks the caller may change it. */
  load(): Promise<E>;
  /** The answer for the record (also what a 412 shows as `current`). */
  present(record: E): R | Promise<R>;
  /** The columns to write, or null when the edit changes nothing; throws for a refused change. */
  changes(record: E): Promise<QueryDeepPartialEntity<E> | null>;
  ifMatch: string | undefined;
}

export type EditChanges<E extends Versioned> = VersionedEdit<E, unknown>['changes'];

/**
 * An edit written only onto the version it was decided on (`UPDATE … WHERE version = n`; TypeORM bumps
 * `version` and `updated_at`), so two phones can never silently overwrite each other. With `If-Match`
 * a stale version answers 412 with the current record; without it, an edit that lost a race is
 * decided again on the new version.
 */
export async function applyVersionedEdit<E extends Versioned, R>(edit: VersionedEdit<E, R>): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const record = await edit.load();
    assertIfMatch(edit.ifMatch, record.version, await edit.present(record));
    const changes = await edit.changes(record);
    if (!changes) return edit.present(record);
    if (await edit.repository.updateAtVersion(record.id, record.version, changes)) return edit.present(await edit.load());
    if (attempt >= 2) {
      // Still losing after three tries: tell the client as a stale version would be told.
      const fresh = await edit.load();
      assertIfMatch(etagOf(record.version), fresh.version, await edit.present(fresh));
    }
  }
}

/**
 * The change that archives a record: none when it already is, and refused (409, `refusal`) while printed
 * labels point at it, since a label must keep leading to the records it names.
 */
export function archiving(hasLabels: () => Promise<boolean>, refusal: MessageKey): EditChanges<Versioned & { archivedAt: Date | null }> {
  return async (current) => {
    if (current.archivedAt) return null;
    if (await hasLabels()) throw new ConflictError(message(refusal));
    return { archivedAt: new Date() };
  };
}
