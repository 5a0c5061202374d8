import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BatchesService } from '../batches/batches.service';
import { ProductsService } from '../catalog/products.service';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { message } from '../common/i18n/message';
import { Page } from '../common/http/pagination';
import { SyncConfig } from '../config/sections';
import type { Marketplace } from '../marketplaces/marketplace';
import { CreateListingDto, ListListingsQuery, RelistListingDto, UpdateListingDto } from './dto/listing.dto';
import type { ListingResponse } from './listings.contract';
import { ListingChannel } from './listing-channel.entity';
import { toListingResponse } from './listing.mapper';
import { Listing } from './listing.entity';
import { FreshChannel, ListingsRepository } from './listings.repository';
import { writeSyncIntents } from './sync/sync-intents';

const recalledBatch = (lotCode: string) => new ConflictError(message('listings.batchRecalled', { lotCode }));

/** The link key on every platform: a new one for every listing, and again when a listing is relisted. */
const newSellerSku = () => `NST-${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;

/**
 * Listings and their channels. Every change is written with its sync intents in one transaction
 * (the outbox); the worker's relay moves them to the marketplace queues, so an accepted change is
 * never lost to a Redis outage and a request never waits on Redis.
 */
@Injectable()
export class ListingsService {
  constructor(
    private readonly listings: ListingsRepository,
    private readonly products: ProductsService,
    private readonly batches: BatchesService,
    private readonly sync: SyncConfig,
  ) {}

  async create(actor: Actor, dto: CreateListingDto): Promise<ListingResponse> {
    const product = await this.products.findOrFail(dto.productId);
    assertManagesCooperative(actor, product.cooperativeId);
    if (dto.batchId) {
      const batch = await this.batches.findById(dto.batchId);
      if (!batch || batch.productId !== product.id) throw InvalidInputError.field('batchId', message('listings.batchOfProduct'));
      if (batch.status !== 'active') throw recalledBatch(batch.lotCode);
      // Food safety (issue 12): no listing for a batch on hold (inside a pre-harvest interval) or archived.
      await this.batches.assertReleasable(batch.id);
    }
    const now = new Date();
    const id = randomUUID();
    const listing = Object.assign(new Listing(), {
      id,
      cooperativeId: product.cooperativeId,
      productId: product.id,
      batchId: dto.batchId ?? null,
      oversoldAt: null,
      sellerSku: newSellerSku(),
      title: dto.title.trim(),
      description: dto.description.trim(),
      price: dto.price,
      stock: dto.stock,
      weightKg: product.packageNetWeightKg ? Number(product.packageNetWeightKg) : 1,
      imageUrls: dto.imageUrls ?? [],
      state: 'active',
      version: 1,
      contentVersion: 1,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const channels = dto.channels.map((marketplace) => newChannel(id, marketplace, now));
    await this.listings.transaction(async (manager) => {
      if (dto.batchId) {
        // Checked again under the batch's lock: a recall that committed since the check above wins.
        const locked = await this.batches.lockForRelease(manager, dto.batchId, 'share');
        if (locked?.status !== 'active') throw recalledBatch(locked?.lotCode ?? dto.batchId);
      }
      await this.listings.insert(manager, listing, channels);
      await writeSyncIntents(manager, id, dto.channels, now, false);
    });
    return toListingResponse(listing, channels);
  }

  async get(actor: Actor, id: string): Promise<ListingResponse> {
    const listing = await this.findAccessible(actor, id);
    return toListingResponse(listing, await this.listings.channelsOf([id]));
  }

  async list(actor: Actor, query: ListListingsQuery): Promise<Page<ListingResponse>> {
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    const page = await this.listings.list({ cooperativeId, productId: query.productId }, query);
    const channels = await this.listings.channelsOf(page.items.map((l) => l.id));
    return {
      items: page.items.map((l) =>
        toListingResponse(
          l,
          channels.filter((c) => c.listingId === l.id),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** Price, stock, title and description follow on every channel; a burst of changes is coalesced into one sync per channel. */
  async update(actor: Actor, id: string, dto: UpdateListingDto): Promise<ListingResponse> {
    const listing = await this.findAccessible(actor, id);
    if (listing.state === 'delisted') throw new ConflictError(message('listings.delisted', { id }));
    const changes: Partial<Listing> = {};
    if (dto.price !== undefined) changes.price = dto.price;
    if (dto.stock !== undefined) changes.stock = dto.stock;
    if (dto.title !== undefined) changes.title = dto.title.trim();
    if (dto.description !== undefined) changes.description = dto.description.trim();
    if (Object.keys(changes).length === 0) return this.get(actor, id);
    // Price/stock and title/description are versioned apart, so each channel pushes only what changed.
    const offer = dto.price !== undefined || dto.stock !== undefined;
    const content = dto.title !== undefined || dto.description !== undefined;
    const now = new Date();
    await this.listings.transaction(async (manager) => {
      await this.listings.applyEdit(manager, id, changes, { offer, content }, now);
      const channels = await this.listings.channelsOf([id], manager);
      const following = channels.filter((c) => c.status !== 'rejected' && c.status !== 'delisted').map((c) => c.marketplace);
      await writeSyncIntents(manager, id, following, new Date(now.getTime() + this.sync.LISTING_UPDATE_DELAY_MS), true);
    });
    return this.get(actor, id);
  }

  /** Delists everywhere (202): each channel ends `delisted`. */
  async remove(actor: Actor, id: string): Promise<ListingResponse> {
    const listing = await this.findAccessible(actor, id);
    if (listing.state !== 'delisted') {
      const now = new Date();
      await this.listings.transaction(async (manager) => {
        await this.listings.update(manager, id, { state: 'delisted', version: listing.version + 1, updatedAt: now });
        const channels = await this.listings.channelsOf([id], manager);
        await writeSyncIntents(
          manager,
          id,
          channels.map((c) => c.marketplace),
          now,
          false,
        );
      });
    }
    return this.get(actor, id);
  }

  /** Re-queues a failed (or rejected) channel; its history (external id, create calls) is kept so nothing is created twice. */
  async retry(actor: Actor, id: string, marketplace: Marketplace): Promise<ListingResponse> {
    const listing = await this.findAccessible(actor, id);
    const channel = await this.listings.channelOf(id, marketplace);
    if (!channel) throw new NotFoundError(message('listings.notOnMarketplace', { id, marketplace }));
    if (channel.status !== 'failed' && channel.status !== 'rejected') {
      throw new ConflictError(message('listings.retryOnlyFailed', { marketplace, status: channel.status }));
    }
    const now = new Date();
    await this.listings.transaction(async (manager) => {
      // A rejected Tiki request is final on Tiki's side: the retry makes a new request, so the earlier one is
      // forgotten (no review ref, and no create counted against this request: no look-up that would find it again).
      const fresh = channel.status === 'rejected' && marketplace === 'tiki';
      await this.listings.updateChannel(manager, channel.id, {
        status: 'pending',
        lastError: null,
        reviewRef: fresh ? null : channel.reviewRef,
        createCalls: fresh ? 0 : channel.createCalls,
        updatedAt: now,
      });
      await writeSyncIntents(manager, listing.id, [marketplace], now, false);
    });
    return this.get(actor, id);
  }

  /**
   * Puts a listing that is on sale on one more marketplace (202, the channel `pending`). A channel that
   * was left delisted when the listing was relisted elsewhere starts afresh: its old item carries the
   * seller SKU of before the relist, so the create under today's SKU is a first one on that platform.
   */
  async addChannel(actor: Actor, id: string, marketplace: Marketplace): Promise<ListingResponse> {
    const listing = await this.findAccessible(actor, id);
    if (listing.state === 'delisted') throw new ConflictError(message('listings.delisted', { id }));
    const now = new Date();
    const present = (status: string) => new ConflictError(message('listings.channelPresent', { marketplace, status }));
    try {
      await this.listings.transaction(async (manager) => {
        await this.assertBatchActive(manager, listing);
        const existing = await this.listings.channelOf(id, marketplace, manager);
        if (existing && existing.status !== 'delisted') throw present(existing.status);
        if (existing) {
          // Only while still delisted: a concurrent add (or a sync run) that moved it first wins.
          const reset = await this.listings.resetDelistedChannel(manager, existing.id, freshChannel(now));
          if (!reset) throw present('pending');
        } else {
          await this.listings.insertChannel(manager, newChannel(id, marketplace, now));
        }
        const current = await this.listings.findById(id, manager);
        if (current?.state !== 'active') throw new ConflictError(message('listings.delisted', { id }));
        await writeSyncIntents(manager, id, [marketplace], now, false);
      });
    } catch (error) {
      // Two adds of the same marketplace at once: the unique (listing, marketplace) index lets one through.
      if (isUniqueViolation(error)) throw present('pending');
      throw error;
    }
    return this.get(actor, id);
  }

  /**
   * Lists a delisted listing again (202), on the channels it had or the ones named. The platforms keep a
   * delisted item and refuse a second create with its seller SKU (Lazada, Tiki) or make a duplicate of
   * it (Shopee), so the relisted listing gets a new seller SKU and each relisted channel creates its
   * item afresh, once, through the usual outbox and sync. Channels not named stay delisted. Refused
   * while a channel is still delisting, so no sync run of the old SKU overlaps the new one.
   */
  async relist(actor: Actor, id: string, dto: RelistListingDto): Promise<ListingResponse> {
    const listing = await this.findAccessible(actor, id);
    if (listing.state !== 'delisted') throw new ConflictError(message('listings.notDelisted', { id }));
    const now = new Date();
    await this.listings.transaction(async (manager) => {
      await this.assertBatchActive(manager, listing);
      const channels = await this.listings.channelsOf([id], manager);
      const unfinished = channels.filter((c) => c.status !== 'delisted').map((c) => c.marketplace);
      if (unfinished.length) throw new ConflictError(message('listings.stillDelisting', { marketplaces: unfinished.join(', ') }));
      const wanted = dto.channels ?? channels.map((c) => c.marketplace);
      const reopened = await this.listings.reopen(manager, id, newSellerSku(), now);
      if (!reopened) throw new ConflictError(message('listings.notDelisted', { id }));
      for (const marketplace of wanted) {
        const existing = channels.find((c) => c.marketplace === marketplace);
        if (!existing) {
          await this.listings.insertChannel(manager, newChannel(id, marketplace, now));
          continue;
        }
        const reset = await this.listings.resetDelistedChannel(manager, existing.id, freshChannel(now));
        if (!reset) throw new ConflictError(message('listings.stillDelisting', { marketplaces: marketplace }));
      }
      await writeSyncIntents(manager, id, wanted, now, false);
    });
    return this.get(actor, id);
  }

  /**
   * A listing of a recalled lot, or of a lot held for food safety, is never put (back) on sale; checked
   * under the batch's lock, as at create.
   */
  private async assertBatchActive(manager: EntityManager, listing: Listing): Promise<void> {
    if (!listing.batchId) return;
    const locked = await this.batches.lockForRelease(manager, listing.batchId, 'share');
    if (locked?.status !== 'active') throw recalledBatch(locked?.lotCode ?? listing.batchId);
    await this.batches.assertReleasable(listing.batchId, manager);
  }

  /** Every listing drawing on a lot, oldest first (the recall delists them). */
  drawingOn(batchId: string): Promise<Listing[]> {
    return this.listings.drawingOn(batchId);
  }

  private async findAccessible(actor: Actor, id: string): Promise<Listing> {
    const listing = await this.listings.findById(id);
    if (!listing) throw NotFoundError.of('Listing', id);
    assertManagesCooperative(actor, listing.cooperativeId);
    return listing;
  }
}

/** A channel that has never talked to its platform: what the sync's create step starts from. */
function freshChannel(now: Date): FreshChannel {
  return {
    status: 'pending' as const,
    externalId: null,
    reviewRef: null,
    attempts: 0,
    createCalls: 0,
    lastError: null,
    syncedAt: null,
    syncedVersion: 0,
    syncedContentVersion: 0,
    leaseUntil: null,
    updatedAt: now,
  };
}

function newChannel(listingId: string, marketplace: Marketplace, now: Date): ListingChannel {
  return Object.assign(new ListingChannel(), { id: randomUUID(), listingId, marketplace, ...freshChannel(now), createdAt: now });
}
