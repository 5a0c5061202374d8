import { Injectable } from '@nestjs/common';
import { SyncConfig } from '../../config/sections';
import { ImagePreparer } from '../../marketplaces/images/image-preparer';
import { CallResult, Marketplace, RemoteItem } from '../../marketplaces/marketplace';
import { MarketplaceClients } from '../../marketplaces/marketplace-clients';
import { ListingChannel } from '../listing-channel.entity';
import { Listing } from '../listing.entity';
import { ChannelChanges, ChannelStore } from './channel-store';
import { nextAction, SyncAction } from './next-action';

const unreachable = (action: never): never => {
  throw new Error(`unknown sync action ${JSON.stringify(action)}`);
};

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

/** Changes that must be on disk before the next platform call: what makes a retried run safe. */
const DURABLE_BEFORE_CALL: (keyof ChannelChanges)[] = ['createCalls', 'externalId', 'reviewRef'];

/**
 * One run's view of its channel: changes are staged and written together, at the latest before the
 * next platform call that depends on them (a create's count, a new external id) and at the end of the
 * run, with the lease released in the same statement. Before every call the lease is also renewed if
 * less than two calls' time is left, so a call (bounded by the HTTP timeout) always ends inside it.
 */
class ChannelRun {
  private staged: ChannelChanges = {};

  constructor(
    readonly channel: ListingChannel,
    private leaseUntil: number,
    private readonly store: ChannelStore,
    private readonly leaseMs: number,
    private readonly callMs: number,
  ) {}

  stage(changes: ChannelChanges): void {
    Object.assign(this.channel, changes);
    Object.assign(this.staged, changes);
  }

  /** Before a platform call: writes what a retry must know, and renews the lease when it runs short. */
  async beforeCall(): Promise<void> {
    const now = Date.now();
    if (!DURABLE_BEFORE_CALL.some((key) => key in this.staged) && this.leaseUntil - now > 2 * this.callMs) return;
    this.leaseUntil = now + this.leaseMs;
    await this.flush(new Date(this.leaseUntil));
  }

  async finish(): Promise<void> {
    await this.flush(null);
  }

  private async flush(leaseUntil: Date | null): Promise<void> {
    const changes = this.staged;
    this.staged = {};
    await this.store.write(this.channel.id, changes, leaseUntil);
  }
}

/**
 * Brings one channel in line with its listing. Each run reads the latest listing and channel, so a
 * job carries no values and a burst of changes is pushed once (a change made during a run queues
 * another run, which waits for this one's lease and reads the newer values). Steps: create (a create
 * retried after one was sent first looks the item up by seller SKU) → review (Lazada QC, Tiki
 * approval) → push price/stock (activates on Tiki) → delist. The create count and every external id
 * are stored before the next call; a run costs one claim, those writes and one final write.
 */
@Injectable()
export class ChannelSync {
  constructor(
    private readonly store: ChannelStore,
    private readonly clients: MarketplaceClients,
    private readonly images: ImagePreparer,
    private readonly sync: SyncConfig,
  ) {}

  /**
   * How long a run holds its channel: three calls' worth (each call is bounded by the HTTP timeout),
   * renewed before a call when it runs short, so a worker killed mid-run (kill -9) frees its channels
   * within seconds, while a live run never loses its lease mid-call.
   */
  private get leaseMs(): number {
    return 3 * this.sync.MARKETPLACE_HTTP_TIMEOUT_MS;
  }

  async run(listingId: string, marketplace: Marketplace): Promise<SyncOutcome> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const claimed = await this.store.claim(listingId, marketplace, now, leaseUntil);
    if (!claimed) return { kind: 'busy' };
    const run = new ChannelRun(claimed.channel, leaseUntil.getTime(), this.store, this.leaseMs, this.sync.MARKETPLACE_HTTP_TIMEOUT_MS);
    const progress = { made: false };
    try {
      if (!claimed.listing) return { kind: 'done' };
      return await this.reconcile(run, claimed.listing, progress);
    } catch (error) {
      if (error instanceof TransientSyncError && progress.made) throw new TransientSyncError(error.message, true);
      throw error;
    } finally {
      await run.finish();
    }
  }

  /** After the last attempt: the channel shows `failed` with the platform's last words, ready for a retry. */
  async markFailed(listingId: string, marketplace: Marketplace, message: string): Promise<void> {
    await this.store.markFailed(listingId, marketplace, message.slice(0, 1000));
  }

  /**
   * Asks `nextAction` what to do, does it, and asks again with what the platform answered, until the
   * channel is in line or a call has to wait. Six rounds cover the longest path (look up, review,
   * content, price and stock); the bound only guards against a platform answering in circles.
   */
  private async reconcile(run: ChannelRun, listing: Listing, progress: { made: boolean }): Promise<SyncOutcome> {
    for (let step = 0; step < 6; step++) {
      const outcome = await this.apply(nextAction(run.channel, listing), run, listing, progress);
      if (outcome !== 'next') return outcome;
    }
    return { kind: 'done' };
  }

  /** Makes the action's platform call and stages its answer; `next` when the run goes on to another action. */
  private async apply(action: SyncAction, run: ChannelRun, listing: Listing, progress: { made: boolean }): Promise<SyncOutcome | 'next'> {
    const channel = run.channel;
    const client = this.clients.get(channel.marketplace);
    /** Every platform call goes through here: its prerequisites are written first, and a successful answer means this run moved on. */
    const call = async <T>(send: () => Promise<CallResult<T>>): Promise<CallResult<T>> => {
      await run.beforeCall();
      const result = await send();
      if (result.kind === 'ok') progress.made = true;
      return result;
    };
    /** A call that counts toward MARKETPLACE_SYNC_ATTEMPTS, after which a channel that keeps failing is marked failed. */
    const attempt = <T>(send: () => Promise<CallResult<T>>): Promise<CallResult<T>> => {
      run.stage({ attempts: channel.attempts + 1 });
      return call(send);
    };
    switch (action.kind) {
      case 'done':
        return { kind: 'done' };

      case 'markDelisted':
        run.stage({ status: 'delisted', lastError: null, syncedAt: new Date(), syncedVersion: listing.version });
        return { kind: 'done' };

      case 'delist': {
        if (action.lookUpFirst) {
          const found = await call(() => client.findBySku(listing.sellerSku));
          if (found.kind !== 'ok') return this.fail(run, found);
          if (found.value?.externalId) run.stage({ externalId: found.value.externalId });
        }
        if (channel.externalId) {
          const externalId = channel.externalId;
          const delisted = await attempt(() => client.delist(externalId, listing.sellerSku));
          if (delisted.kind !== 'ok') return this.fail(run, delisted);
        }
        run.stage({ status: 'delisted', lastError: null, syncedAt: new Date(), syncedVersion: listing.version });
        return { kind: 'done' };
      }

      case 'create': {
        run.stage({ status: 'syncing', attempts: channel.attempts + 1 });
        if (action.lookUpFirst) {
          const found = await call(() => client.findBySku(listing.sellerSku));
          if (found.kind !== 'ok') return this.fail(run, found);
          if (found.value) {
            this.adopt(run, found.value);
            return 'next';
          }
        }
        const prepared = await this.images.prepareAll(listing.imageUrls, client.imageRules, () => run.beforeCall());
        if (prepared.kind !== 'ok') return this.fail(run, prepared);
        run.stage({ createCalls: channel.createCalls + 1 });
        const created = await call(() =>
          client.create({
            sellerSku: listing.sellerSku,
            title: listing.title,
            description: listing.description,
            price: listing.price,
            stock: listing.stock,
            weightKg: Number(listing.weightKg),
            images: prepared.value,
          }),
        );
        if (created.kind !== 'ok') return this.fail(run, created);
        this.adopt(run, created.value, { version: listing.version, contentVersion: listing.contentVersion });
        // Under review: nothing more to ask the platform now (a review answer right after a create is always
        // "pending"); the next look is a poll, so each run makes one call and a rate limit is met call for call.
        if (channel.status === 'in_review') return { kind: 'poll' };
        return 'next';
      }

      case 'review': {
        const item = { externalId: channel.externalId, reviewRef: channel.reviewRef, live: false };
        const review = await call(() => client.review(item, listing.sellerSku));
        if (review.kind !== 'ok') return this.fail(run, review);
        if (review.value.state === 'pending') {
          if (channel.status !== 'in_review') run.stage({ status: 'in_review' });
          return { kind: 'poll' };
        }
        if (review.value.state === 'rejected') {
          run.stage({ status: 'rejected', lastError: review.value.message.slice(0, 1000), syncedAt: new Date() });
          return { kind: 'done' };
        }
        if (review.value.externalId !== channel.externalId) run.stage({ externalId: review.value.externalId });
        if (!client.approvedItemsStartInactive && channel.syncedVersion >= listing.version) {
          // On sale as created, and nothing changed since: no call needed.
          run.stage({ status: 'live', lastError: null, syncedAt: new Date() });
          return 'next';
        }
        // The price/stock push that follows brings a newer version and activates it where approved items start inactive.
        run.stage({ status: 'syncing' });
        return 'next';
      }

      case 'updateContent': {
        // Coalesced like price and stock: one run reads the latest content, however many changes came before it.
        const content = await attempt(() =>
          client.updateContent(action.externalId, listing.sellerSku, { title: listing.title, description: listing.description }),
        );
        if (content.kind !== 'ok') return this.fail(run, content);
        run.stage({ syncedContentVersion: listing.contentVersion, lastError: null, syncedAt: new Date() });
        return 'next';
      }

      case 'updatePriceStock': {
        const updated = await attempt(() =>
          client.update(action.externalId, listing.sellerSku, { price: listing.price, stock: listing.stock }),
        );
        if (updated.kind !== 'ok') return this.fail(run, updated);
        run.stage({ status: 'live', lastError: null, syncedAt: new Date(), syncedVersion: listing.version });
        return 'next';
      }

      default:
        return unreachable(action);
    }
  }

  /**
   * Takes what the platform gave; it is written before any further call. `sent` is what this run's
   * create carried; an item found by SKU (a create whose answer was lost) may hold older values, so its
   * price, stock and content are pushed again.
   */
  private adopt(run: ChannelRun, item: RemoteItem, sent?: { version: number; contentVersion: number }): void {
    const live = item.live && !!item.externalId;
    run.stage({
      ...(sent ? { syncedVersion: sent.version, syncedContentVersion: sent.contentVersion } : {}),
      externalId: item.externalId,
      reviewRef: item.reviewRef,
      status: live ? 'live' : 'in_review',
      lastError: null,
      syncedAt: live ? new Date() : run.channel.syncedAt,
    });
  }

  private fail(run: ChannelRun, result: Exclude<CallResult<unknown>, { kind: 'ok' }>): SyncOutcome {
    switch (result.kind) {
      case 'throttled':
        return { kind: 'throttled', retryAfterMs: result.retryAfterMs };
      case 'rejected':
        run.stage({ status: 'rejected', lastError: result.message.slice(0, 1000), syncedAt: new Date() });
        return { kind: 'done' };
      case 'transient':
        run.stage({ lastError: result.message.slice(0, 1000) });
        throw new TransientSyncError(result.message);
    }
  }
}
