import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf, SqlDialect } from '../../database/sql-dialect';
import { StatementBatcher } from '../../database/statement-batcher';
import type { Marketplace } from '../../marketplaces/marketplace';
import { ListingChannel } from '../listing-channel.entity';
import { Listing } from '../listing.entity';

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

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

interface ClaimRequest {
  listingId: string;
  marketplace: Marketplace;
  now: Date;
  leaseUntil: Date;
}

interface WriteRequest {
  channelId: string;
  values: Record<string, unknown>;
}

/**
 * The sync's own reads and writes of a channel, in as few statements as the database allows. A run
 * claims its channel and reads the listing in one statement and writes each step with one UPDATE.
 * On PostgreSQL, concurrent runs share statements (StatementBatcher): claims are one
 * `FOR UPDATE SKIP LOCKED` statement for many channels (a channel locked by another claim is simply
 * busy, so batches never wait on each other), and writes of the same shape are one
 * `UPDATE … FROM (VALUES …)`. The SQL is built from the entity metadata, not by the query builder
 * on every call: the sync runs thousands of these a second.
 */
@Injectable()
export class ChannelStore {
  private readonly dialect: SqlDialect;
  private readonly channelMeta: EntityMetadata;
  private readonly listingMeta: EntityMetadata;
  private readonly channelColumns: string[];
  private readonly listingColumns: string[];
  private readonly claims: StatementBatcher<ClaimRequest, ClaimedChannel | null>;
  /** Each request answers its own failure, so one bad write never fails the runs that shared its statement. */
  private readonly writes: StatementBatcher<WriteRequest, Error | null>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
    const shared = this.dialect.sharedStatements;
    this.channelMeta = dataSource.getMetadata(ListingChannel);
    this.listingMeta = dataSource.getMetadata(Listing);
    this.channelColumns = this.channelMeta.columns.map((c) => c.databaseName);
    this.listingColumns = this.listingMeta.columns.map((c) => c.databaseName);
    // SQLite has one writer and no network round trip: one statement per request is as good as it gets there.
    this.claims = new StatementBatcher((r) => (shared ? this.claimBatch(r) : this.claimOne(r[0]).then((c) => [c])), 2, shared ? 200 : 1);
    this.writes = new StatementBatcher((r) => this.writeBatch(r), 2, shared ? 200 : 1);
  }

  /** Takes the channel for one run, until `leaseUntil`; null while another run holds it. */
  claim(listingId: string, marketplace: Marketplace, now: Date, leaseUntil: Date): Promise<ClaimedChannel | null> {
    return this.claims.submit({ listingId, marketplace, now, leaseUntil });
  }

  /** Writes a run's changes and sets (or, with null, releases) its lease, in one statement. */
  async write(channelId: string, changes: ChannelChanges, leaseUntil: Date | null, now = new Date()): Promise<void> {
    const failure = await this.writes.submit({ channelId, values: { ...changes, leaseUntil, updatedAt: now } });
    if (failure) throw failure;
  }

  private async claimBatch(requests: ClaimRequest[]): Promise<(ClaimedChannel | null)[]> {
    const keyOf = (listingId: string, marketplace: string) => `${listingId}|${marketplace}`;
    const first = new Map<string, number>();
    requests.forEach((r, i) => {
      if (!first.has(keyOf(r.listingId, r.marketplace))) first.set(keyOf(r.listingId, r.marketplace), i);
    });
    const last = requests[requests.length - 1];
    // PostgreSQL only (see sharedStatements); the claim's text never changes, so it is a named prepared statement.
    const rows = await this.dialect.fastQuery<Record<string, unknown>>(
      this.dataSource,
      `WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::varchar[]) AS w(listing_id, marketplace)),
       locked AS (
         SELECT c.id FROM listing_channels c JOIN wanted w ON c.listing_id = w.listing_id AND c.marketplace = w.marketplace
          WHERE c.lease_until IS NULL OR c.lease_until < $4
          FOR UPDATE OF c SKIP LOCKED),
       claimed AS (
         UPDATE listing_channels c SET lease_until = $3 FROM locked WHERE c.id = locked.id
         RETURNING ${this.channelColumns.map((c) => `c.${c}`).join(', ')})
       SELECT claimed.*, ${this.listingColumns.map((c) => `l.${c} AS "l.${c}"`).join(', ')}
         FROM claimed LEFT JOIN listings l ON l.id = claimed.listing_id`,
      [[...first.keys()].map((k) => k.split('|')[0]), [...first.keys()].map((k) => k.split('|')[1]), last.leaseUntil, last.now],
      'nst_claim_channels',
    );
    const results: (ClaimedChannel | null)[] = requests.map(() => null);
    for (const row of rows) {
      const index = first.get(keyOf(String(row.listing_id), String(row.marketplace)));
      if (index !== undefined) results[index] = this.claimedFrom(row);
    }
    return results;
  }

  private async claimOne(r: ClaimRequest): Promise<ClaimedChannel | null> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      this.dialect.sql(`UPDATE listing_channels SET lease_until = ?
        WHERE listing_id = ? AND marketplace = ? AND (lease_until IS NULL OR lease_until < ?)
        RETURNING ${this.channelColumns.join(', ')}`),
      [this.persistent('leaseUntil', r.leaseUntil), r.listingId, r.marketplace, this.persistent('leaseUntil', r.now)],
    );
    if (rows.length === 0) return null;
    const listing = await this.dataSource.query<Record<string, unknown>[]>(
      this.dialect.sql(`SELECT ${this.listingColumns.map((c) => `${c} AS "l.${c}"`).join(', ')} FROM listings WHERE id = ?`),
      [r.listingId],
    );
    return this.claimedFrom({ ...rows[0], ...listing[0] });
  }

  private claimedFrom(row: Record<string, unknown>): ClaimedChannel {
    return {
      channel: this.hydrate(this.channelMeta, row, ''),
      listing: row['l.id'] ? this.hydrate(this.listingMeta, row, 'l.') : null,
    };
  }

  /** One statement per shape of change (the set of columns written); most batches have one or two shapes. */
  private async writeBatch(requests: WriteRequest[]): Promise<(Error | null)[]> {
    const shapes = new Map<string, WriteRequest[]>();
    for (const request of requests) {
      const shape = Object.keys(request.values).sort().join(',');
      shapes.set(shape, [...(shapes.get(shape) ?? []), request]);
    }
    const failures = new Map<WriteRequest, Error>();
    await Promise.all(
      [...shapes.values()].map(async (group) => {
        try {
          await this.writeShape(group);
        } catch (error) {
          if (group.length === 1) return failures.set(group[0], asError(error));
          // A shared statement failed: each write alone, so only the one at fault (if any) fails.
          for (const request of group) await this.writeShape([request]).catch((e: unknown) => failures.set(request, asError(e)));
        }
      }),
    );
    return requests.map((r) => failures.get(r) ?? null);
  }

  private async writeShape(group: WriteRequest[]): Promise<void> {
    const properties = Object.keys(group[0].values).sort();
    const columns = properties.map((property) => {
      const column = this.channelMeta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`listing_channels has no column for ${property}`);
      return column;
    });
    const params: unknown[] = [];
    const placeholder = (value: unknown, cast: string): string => {
      params.push(value);
      return this.dialect.placeholder(params.length, cast);
    };
    if (!this.dialect.sharedStatements || group.length === 1) {
      for (const request of group) {
        params.length = 0;
        const sets = columns.map(
          (c, i) => `${c.databaseName} = ${placeholder(this.persistent(properties[i], request.values[properties[i]]), this.castOf(c))}`,
        );
        const sql = `UPDATE listing_channels SET ${sets.join(', ')} WHERE id = ${placeholder(request.channelId, 'uuid')}`;
        await this.dialect.fastQuery(this.dataSource, sql, params);
      }
      return;
    }
    const rows = group.map(
      (request) =>
        `(${[placeholder(request.channelId, 'uuid'), ...columns.map((c, i) => placeholder(this.persistent(properties[i], request.values[properties[i]]), this.castOf(c)))].join(', ')})`,
    );
    await this.dialect.fastQuery(
      this.dataSource,
      `UPDATE listing_channels AS c SET ${columns.map((c) => `${c.databaseName} = v.${c.databaseName}`).join(', ')}
         FROM (VALUES ${rows.join(', ')}) AS v(id, ${columns.map((c) => c.databaseName).join(', ')})
        WHERE c.id = v.id`,
      params,
    );
  }

  /** The column's type as PostgreSQL names it, for the cast a VALUES list needs (the SQLite dialect ignores casts). */
  private castOf(column: ColumnMetadata): string {
    return this.dataSource.driver.normalizeType(column);
  }

  private persistent(property: string, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return this.dataSource.driver.preparePersistentValue(value, this.channelMeta.findColumnWithPropertyName(property)!);
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
}
