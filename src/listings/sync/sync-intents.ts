import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { dialectOf } from '../../database/sql-dialect';
import type { Marketplace } from '../../marketplaces/marketplace';

/**
 * Writes sync intents inside the caller's transaction (the outbox). With `coalesce`, a channel that
 * already has an intent waiting gets no second one: a burst of stock/price changes is one sync, which
 * reads the latest values when it runs.
 */
export async function writeSyncIntents(
  manager: EntityManager,
  listingId: string,
  marketplaces: Marketplace[],
  availableAt: Date,
  coalesce: boolean,
): Promise<void> {
  const dialect = dialectOf(manager);
  const at = dialect.timestamp(availableAt);
  // A SELECT without a table gives PostgreSQL no column to infer the parameters' types from: they are cast.
  const [id, listing, channel, time] = ['uuid', 'uuid', 'varchar', 'timestamptz'].map((type) => dialect.cast('?', type));
  const sql = dialect.sql(
    `INSERT INTO sync_outbox (id, listing_id, marketplace, available_at)
     SELECT ${id}, ${listing}, ${channel}, ${time}
     ${coalesce ? `WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE listing_id = ${listing} AND marketplace = ${channel})` : ''}`,
  );
  for (const marketplace of marketplaces) {
    const params = [randomUUID(), listingId, marketplace, at];
    await manager.query(sql, coalesce ? [...params, listingId, marketplace] : params);
  }
}
