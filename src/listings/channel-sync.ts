import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Environment } from '../config/environment';
import { ImagePreparer } from '../marketplaces/images/image-preparer';
import { CallResult, Marketplace, RemoteItem } from '../marketplaces/marketplace';
import { MarketplaceClients } from '../marketplaces/marketplace-clients';
import { ListingChannel } from './listing-channel.entity';
import { Listing } from './listing.entity';

/** What a sync run ended with, for the queue: done, wait and look again, wait as the platform asked, or retry. */
export type SyncOutcome = { kind: 'done' } | { kind: 'busy' } | { kind: 'poll' } | { kind: 'throttled'; retryAfterMs: number };

/**
 * A 5xx, timeout or network failure: retried with backoff. `progressed` says whether some platform call
 * of this run succeeded first (a step moved on), so only failures in a row count towards the last attempt.
 */
export class TransientSyncError extends Error {
  constructor(
    message: string,
    readonly progressed = false,
  ) {
    super(message);
  }
}

/**
 * Brings one channel in line with its listing. Each run reads the latest listing and channel, so a
 * job carries no values and a burst of changes is pushed once. Steps, each saved before the next:
 * create (a create retried after one was sent first looks the item up by seller SKU) → review
 * (Lazada QC, Tiki approval) → push price/stock (activates on Tiki) → delist.
 */
@Injectable()
export class ChannelSync {
  constructor(
    @InjectRepository(Listing) private readonly listings: Repository<Listing>,
    @InjectRepository(ListingChannel) private readonly channels: Repository<ListingChannel>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: MarketplaceClients,
    private readonly images: ImagePreparer,
    private readonly env: Environment,
  ) {}

  /**
   * How long a run holds its channel: three calls' worth, renewed with every step saved, so a worker killed
   * mid-run (kill -9) frees its channels within seconds, while a live run never loses its lease mid-call.
   */
  private get leaseMs(): number {
    return 3 * this.env.MARKETPLACE_HTTP_TIMEOUT_MS;
  }

  async run(listingId: string, marketplace: Marketplace): Promise<SyncOutcome> {
    const channel = await this.claim(listingId, marketplace);
    if (!channel) return { kind: 'busy' };
    const progress = { made: false };
    try {
      return await this.reconcile(channel, progress);
    } catch (error) {
      if (error instanceof TransientSyncError && progress.made) throw new TransientSyncError(error.message, true);
      throw error;
    } finally {
      await this.channels.update({ id: channel.id }, { leaseUntil: null });
    }
  }

  /** After the last attempt: the channel shows `failed` with the platform's last words, ready for a retry. */
  async markFailed(listingId: string, marketplace: Marketplace, message: string): Promise<void> {
    await this.channels.update({ listingId, marketplace }, { status: 'failed', lastError: message.slice(0, 1000) });
  }

  private async claim(listingId: string, marketplace: Marketplace): Promise<ListingChannel | null> {
    const now = new Date();
    const result = await this.channels
      .createQueryBuilder()
      .update(ListingChannel)
      .set({ leaseUntil: new Date(now.getTime() + this.leaseMs) })
      .where('listing_id = :listingId AND marketplace = :marketplace', { listingId, marketplace })
      .andWhere('(lease_until IS NULL OR lease_until < :now)', { now: this.param(now) })
      .execute();
    if (!result.affected) return null;
    return this.channels.findOne({ where: { listingId, marketplace } });
  }

  private async reconcile(channel: ListingChannel, progress: { made: boolean }): Promise<SyncOutcome> {
    const client = this.clients.get(channel.marketplace);
    /** Every platform answer goes through here: a successful one means this run moved on. */
    const answered = <T>(result: CallResult<T>): CallResult<T> => {
      if (result.kind === 'ok') progress.made = true;
      return result;
    };
    for (let step = 0; step < 6; step++) {
      const listing = await this.listings.findOne({ where: { id: channel.listingId } });
      if (!listing) return { kind: 'done' };

      if (listing.state === 'delisted') {
        if (channel.status === 'delisted') return { kind: 'done' };
        if (!channel.externalId && channel.createCalls > 0) {
          const found = answered(await client.findBySku(listing.sellerSku));
          if (found.kind !== 'ok') return this.fail(channel, found);
          if (found.value?.externalId) await this.save(channel, { externalId: found.value.externalId });
        }
        if (channel.externalId) {
          await this.save(channel, { attempts: channel.attempts + 1 });
          const delisted = answered(await client.delist(channel.externalId, listing.sellerSku));
          if (delisted.kind !== 'ok') return this.fail(channel, delisted);
        }
        await this.save(channel, { status: 'delisted', lastError: null, syncedAt: new Date(), syncedVersion: listing.version });
        return { kind: 'done' };
      }

      if (channel.status === 'rejected' || channel.status === 'delisted') return { kind: 'done' };

      if (!channel.externalId && !channel.reviewRef) {
        await this.save(channel, { status: 'syncing', attempts: channel.attempts + 1 });
        if (channel.createCalls > 0) {
          // A create went out before and its answer may have been lost: never send a second one blindly.
          const found = answered(await client.findBySku(listing.sellerSku));
          if (found.kind !== 'ok') return this.fail(channel, found);
          if (found.value) {
            await this.adopt(channel, found.value, listing);
            continue;
          }
        }
        const prepared = await this.images.prepareAll(listing.imageUrls, client.imageRules);
        if (prepared.kind !== 'ok') return this.fail(channel, prepared);
        await this.save(channel, { createCalls: channel.createCalls + 1 });
        const created = answered(
          await client.create({
            sellerSku: listing.sellerSku,
            title: listing.title,
            description: listing.description,
            price: listing.price,
            stock: listing.stock,
            weightKg: Number(listing.weightKg),
            images: prepared.value,
          }),
        );
        if (created.kind !== 'ok') return this.fail(channel, created);
        await this.adopt(channel, created.value, listing, listing.contentVersion);
        // Under review: nothing more to ask the platform now (a review answer right after a create is always
        // "pending"); the next look is a poll, so each run makes one call and a rate limit is met call for call.
        if (channel.status === 'in_review') return { kind: 'poll' };
        continue;
      }

      if (channel.status !== 'live' && (channel.status === 'in_review' || !channel.externalId)) {
        const review = answered(
          await client.review({ externalId: channel.externalId, reviewRef: channel.reviewRef, live: false }, listing.sellerSku),
        );
        if (review.kind !== 'ok') return this.fail(channel, review);
        if (review.value.state === 'pending') {
          if (channel.status !== 'in_review') await this.save(channel, { status: 'in_review' });
          return { kind: 'poll' };
        }
        if (review.value.state === 'rejected') {
          await this.save(channel, { status: 'rejected', lastError: review.value.message.slice(0, 1000), syncedAt: new Date() });
          return { kind: 'done' };
        }
        // Approved: the first price/stock push below also activates it (Tiki starts approved products inactive).
        await this.save(channel, { externalId: review.value.externalId, status: 'syncing', syncedVersion: 0 });
        continue;
      }

      if (channel.externalId && channel.syncedContentVersion < listing.contentVersion) {
        // Title/description changed: the platform's item update call; coalesced like price and stock
        // (one run reads the latest content, however many changes came before it).
        await this.save(channel, { attempts: channel.attempts + 1 });
        const content = answered(
          await client.updateContent(channel.externalId, listing.sellerSku, { title: listing.title, description: listing.description }),
        );
        if (content.kind !== 'ok') return this.fail(channel, content);
        await this.save(channel, { syncedContentVersion: listing.contentVersion, lastError: null, syncedAt: new Date() });
        continue;
      }

      if (channel.status !== 'live' || channel.syncedVersion < listing.version) {
        if (!channel.externalId) return { kind: 'done' };
        await this.save(channel, { attempts: channel.attempts + 1 });
        const updated = answered(
          await client.update(channel.externalId, listing.sellerSku, { price: listing.price, stock: listing.stock }),
        );
        if (updated.kind !== 'ok') return this.fail(channel, updated);
        await this.save(channel, { status: 'live', lastError: null, syncedAt: new Date(), syncedVersion: listing.version });
        continue;
      }
      return { kind: 'done' };
    }
    return { kind: 'done' };
  }

  /** Stores what the platform gave before anything else happens. */
  private async adopt(channel: ListingChannel, item: RemoteItem, listing: Listing, contentVersion?: number): Promise<void> {
    const live = item.live && !!item.externalId;
    await this.save(channel, {
      // The content this create sent; an item found by SKU (a lost answer) keeps what is known, so its content is re-sent.
      ...(contentVersion === undefined ? {} : { syncedContentVersion: contentVersion }),
      externalId: item.externalId,
      reviewRef: item.reviewRef,
      status: live ? 'live' : 'in_review',
      lastError: null,
      syncedAt: live ? new Date() : channel.syncedAt,
      // Created with the values read above; a later change bumps the version and is pushed next.
      syncedVersion: live ? listing.version : channel.syncedVersion,
    });
  }

  private async fail(channel: ListingChannel, result: Exclude<CallResult<unknown>, { kind: 'ok' }>): Promise<SyncOutcome> {
    switch (result.kind) {
      case 'throttled':
        return { kind: 'throttled', retryAfterMs: result.retryAfterMs };
      case 'rejected':
        await this.save(channel, { status: 'rejected', lastError: result.message.slice(0, 1000), syncedAt: new Date() });
        return { kind: 'done' };
      case 'transient':
        await this.save(channel, { lastError: result.message.slice(0, 1000) });
        throw new TransientSyncError(result.message);
    }
  }

  private async save(channel: ListingChannel, changes: Partial<ListingChannel>): Promise<void> {
    Object.assign(channel, changes);
    const now = new Date();
    await this.channels.update({ id: channel.id }, { ...changes, leaseUntil: new Date(now.getTime() + this.leaseMs), updatedAt: now });
  }

  private param(date: Date): Date | string {
    return this.dataSource.options.type === 'postgres' ? date : date.toISOString().replace('T', ' ').replace('Z', '');
  }
}
