import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityMetadata } from 'typeorm';
import type { Marketplace } from '../marketplaces/marketplace';
import { ListingChannel } from './listing-channel.entity';
import { Listing } from './listing.entity';

/** The channel fields a sync run may change (the lease is handled by the store itself). */
export type ChannelChanges = Partial<
  Pick<
    ListingChannel,
    'status' | 'externalId' | 'reviewRef' | 'attempts' | 'createCalls' | 'lastError' | 'syncedAt' | 'syncedVersion' | 'syncedContentVersion'
  >
>;

export interface ClaimedChannel {
  channel: ListingChannel;
  /** Null when the listing is gone. */
  listing: Listing | null;
}

/**
 * The sync's own reads and writes of a channel, in as few round trips as the database allows: a run
 * claims its channel and reads the listing in one statement (PostgreSQL; two on SQLite), and writes
 * each step with one plain UPDATE. The sync runs thousands of these a second, so the SQL is built once
 * from the entity metadata instead of through the query builder on every call.
 */
@Injectable()
export class ChannelStore {
  private readonly postgres: boolean;
  private readonly channelMeta: EntityMetadata;
  private readonly listingMeta: EntityMetadata;
  private readonly claimSql: string;
  private readonly listingSql: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
    this.channelMeta = dataSource.getMetadata(ListingChannel);
    this.listingMeta = dataSource.getMetadata(Listing);
    const channelColumns = this.channelMeta.columns.map((c) => c.databaseName);
    const listingColumns = this.listingMeta.columns.map((c) => c.databaseName);
    if (this.postgres) {
      this.claimSql = `WITH claimed AS (
          UPDATE listing_channels SET lease_until = $3
           WHERE listing_id = $1 AND marketplace = $2 AND (lease_until IS NULL OR lease_until < $4)
          RETURNING ${channelColumns.join(', ')})
        SELECT claimed.*, ${listingColumns.map((c) => `l.${c} AS "l.${c}"`).join(', ')}
          FROM claimed LEFT JOIN listings l ON l.id = claimed.listing_id`;
      this.listingSql = '';
    } else {
      this.claimSql = `UPDATE listing_channels SET lease_until = ?
          WHERE listing_id = ? AND marketplace = ? AND (lease_until IS NULL OR lease_until < ?)
        RETURNING ${channelColumns.join(', ')}`;
      this.listingSql = `SELECT ${listingColumns.map((c) => `${c} AS "l.${c}"`).join(', ')} FROM listings WHERE id = ?`;
    }
  }

  /** Takes the channel for one run, until `leaseUntil`; null while another run holds it. */
  async claim(listingId: string, marketplace: Marketplace, now: Date, leaseUntil: Date): Promise<ClaimedChannel | null> {
    if (this.postgres) {
      const rows = await this.dataSource.query<Record<string, unknown>[]>(this.claimSql, [listingId, marketplace, leaseUntil, now]);
      if (rows.length === 0) return null;
      return {
        channel: this.hydrate(this.channelMeta, rows[0], ''),
        listing: rows[0]['l.id'] ? this.hydrate(this.listingMeta, rows[0], 'l.') : null,
      };
    }
    const rows = await this.dataSource.query<Record<string, unknown>[]>(this.claimSql, [
      this.timestamp(leaseUntil),
      listingId,
      marketplace,
      this.timestamp(now),
    ]);
    if (rows.length === 0) return null;
    const listing = await this.dataSource.query<Record<string, unknown>[]>(this.listingSql, [listingId]);
    return {
      channel: this.hydrate(this.channelMeta, rows[0], ''),
      listing: listing[0] ? this.hydrate(this.listingMeta, listing[0], 'l.') : null,
    };
  }

  /** Writes a run's changes and sets (or, with null, releases) its lease, in one statement. */
  async write(channelId: string, changes: ChannelChanges, leaseUntil: Date | null, now = new Date()): Promise<void> {
    const values: Record<string, unknown> = { ...changes, leaseUntil, updatedAt: now };
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(values)) {
      const column = this.channelMeta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`listing_channels has no column for ${property}`);
      params.push(value === null ? null : this.dataSource.driver.preparePersistentValue(value, column));
      sets.push(`${column.databaseName} = ${this.postgres ? `$${params.length}` : '?'}`);
    }
    params.push(channelId);
    await this.dataSource.query(
      `UPDATE listing_channels SET ${sets.join(', ')} WHERE id = ${this.postgres ? `$${params.length}` : '?'}`,
      params,
    );
  }

  /** After the last attempt (rare): the channel shows `failed`. */
  async markFailed(listingId: string, marketplace: Marketplace, message: string): Promise<void> {
    await this.dataSource
      .getRepository(ListingChannel)
      .update({ listingId, marketplace }, { status: 'failed', lastError: message, updatedAt: new Date() });
  }

  private hydrate<T>(metadata: EntityMetadata, row: Record<string, unknown>, prefix: string): T {
    const entity = metadata.create() as Record<string, unknown>;
    for (const column of metadata.columns) {
      const raw = row[prefix + column.databaseName];
      entity[column.propertyName] = raw === null || raw === undefined ? null : this.dataSource.driver.prepareHydratedValue(raw, column);
    }
    return entity as T;
  }

  private timestamp(date: Date): unknown {
    return this.dataSource.driver.preparePersistentValue(date, this.channelMeta.findColumnWithPropertyName('leaseUntil')!);
  }
}
