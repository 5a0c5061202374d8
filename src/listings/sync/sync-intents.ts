import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Marketplace } from '../../marketplaces/marketplace';
import { sqliteTimestamp } from '../../database/column-types';

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
  const postgres = manager.connection.options.type === 'postgres';
  const at = postgres ? availableAt : sqliteTimestamp(availableAt);
  for (const marketplace of marketplaces) {
    const params = [randomUUID(), listingId, marketplace, at];
    if (postgres) {
      await manager.query(
        `INSERT INTO sync_outbox (id, listing_id, marketplace, available_at)
         SELECT $1::uuid, $2::uuid, $3::varchar, $4::timestamptz ${coalesce ? 'WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE listing_id = $2::uuid AND marketplace = $3::varchar)' : ''}`,
        params,
      );
    } else {
      await manager.query(
        `INSERT INTO sync_outbox (id, listing_id, marketplace, available_at)
         SELECT ?, ?, ?, ? ${coalesce ? 'WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE listing_id = ? AND marketplace = ?)' : ''}`,
        coalesce ? [...params, listingId, marketplace] : params,
      );
    }
  }
}
