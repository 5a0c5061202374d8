import type { EntityManager } from 'typeorm';
import type { BatchStatus } from '../batches/batch.entity';
import { dialectOf } from '../database/sql-dialect';

export interface LockedBatch {
  status: BatchStatus;
  lotCode: string;
}

/**
 * Locks a batch row inside the caller's transaction and reads it again under the lock, so a recall and
 * whatever is being created from the batch (labels, listings) are ordered: either the creation commits
 * first and the recall sees (and undoes) it, or the recall commits first and the creation sees `recalled`
 * (issue 11, point 5). `share` is for creations (they may run side by side), `update` for the recall.
 *
 * PostgreSQL: `FOR SHARE` / `FOR UPDATE`; under READ COMMITTED the row is re-read once the lock is granted.
 * SQLite has no row locks: a no-op write takes the database write lock first, so the read that follows
 * cannot be older than a recall committed by another process.
 */
export async function lockBatch(manager: EntityManager, batchId: string, mode: 'share' | 'update'): Promise<LockedBatch | null> {
  const dialect = dialectOf(manager);
  if (!dialect.rowLocks) await manager.query('UPDATE batches SET status = status WHERE id = ?', [batchId]);
  const rows = await manager.query<{ status: BatchStatus; lot_code: string }[]>(
    dialect.sql(`SELECT status, lot_code FROM batches WHERE id = ? ${dialect.rowLock(mode)}`),
    [batchId],
  );
  const row = rows[0];
  return row ? { status: row.status, lotCode: row.lot_code } : null;
}
