import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Batch } from '../../../src/batches/batch.entity';
import { Product } from '../../../src/catalog/product.entity';
import { LabelRun } from '../../../src/labels/label-run.entity';
import { Label } from '../../../src/labels/label.entity';
import { ListingChannel } from '../../../src/listings/listing-channel.entity';
import { Listing } from '../../../src/listings/listing.entity';
import { MarketplaceOrder } from '../../../src/listings/orders/marketplace-order.entity';
import type { Marketplace } from '../../../src/marketplaces/marketplace';
import { Cooperative } from '../../../src/registry/cooperative.entity';
import { Household } from '../../../src/registry/household.entity';
import { Plot } from '../../../src/registry/plot.entity';

let counter = 0;
const next = () => ++counter;

/** Rows inserted straight through TypeORM, the minimum each table requires: the repository specs' arrangement. */
export class MediumFixtures {
  constructor(private readonly db: DataSource) {}

  async cooperative(extra: Partial<Cooperative> = {}): Promise<Cooperative> {
    const row = Object.assign(new Cooperative(), {
      id: randomUUID(),
      name: `HTX ${next()}`,
      province: 'Hải Dương',
      commune: 'Thanh Hà',
      district: null,
      taxCode: null,
      gs1CompanyPrefix: null,
      contactPhone: null,
      contactEmail: null,
      version: 1,
      archivedAt: null,
      ...extra,
    });
    await this.db.manager.insert(Cooperative, row);
    return row;
  }

  async household(cooperative: Cooperative, extra: Partial<Household> = {}): Promise<Household> {
    const row = Object.assign(new Household(), {
      id: randomUUID(),
      cooperativeId: cooperative.id,
      headName: `Nguyễn Văn ${next()}`,
      phone: `09${String(10_000_000 + next()).slice(-8)}`,
      nationalIdEncrypted: null,
      nationalIdLast4: null,
      province: cooperative.province,
      commune: cooperative.commune,
      district: null,
      digitalSkillsTrained: false,
      version: 1,
      archivedAt: null,
      createFingerprint: null,
      ...extra,
    });
    await this.db.manager.insert(Household, row);
    return row;
  }

  async plot(household: Household, extra: Partial<Plot> = {}): Promise<Plot> {
    const row = Object.assign(new Plot(), {
      id: randomUUID(),
      householdId: household.id,
      cooperativeId: household.cooperativeId,
      code: `P${next()}`,
      areaHa: 1.5,
      latitude: 20.9,
      longitude: 106.4,
      crop: 'vải thiều',
      version: 1,
      archivedAt: null,
      createFingerprint: null,
      ...extra,
    });
    await this.db.manager.insert(Plot, row);
    return row;
  }

  async product(cooperative: Cooperative, extra: Partial<Product> = {}): Promise<Product> {
    const row = Object.assign(new Product(), {
      id: randomUUID(),
      cooperativeId: cooperative.id,
      name: 'Vải thiều',
      variety: null,
      gtin: null,
      unit: 'kg',
      packageNetWeightKg: null,
      geographicalIndication: null,
      ocopStars: null,
      description: null,
      shelfLifeDays: null,
      version: 1,
      archivedAt: null,
      ...extra,
    });
    await this.db.manager.insert(Product, row);
    return row;
  }

  async batch(household: Household, product: Product, extra: Partial<Batch> = {}): Promise<Batch> {
    const now = new Date();
    const row = Object.assign(new Batch(), {
      id: randomUUID(),
      productId: product.id,
      householdId: household.id,
      plotId: null,
      cooperativeId: household.cooperativeId,
      lotCode: `L${Date.now().toString(36).toUpperCase()}${next()}`,
      harvestedAt: new Date('2026-06-10T00:00:00Z'),
      quantity: 100,
      unit: 'kg',
      safetyWarnings: [],
      status: 'active',
      recallReason: null,
      recalledAt: null,
      version: 1,
      createFingerprint: null,
      archivedAt: null,
      safeFrom: null,
      safetyOverrideReason: null,
      safetyOverrideBy: null,
      safetyOverrideAt: null,
      safetyOverrideSafeFrom: null,
      createdAt: now,
      updatedAt: now,
      ...extra,
    });
    await this.db.manager.insert(Batch, row);
    return row;
  }

  async labelRun(batch: Batch, extra: Partial<LabelRun> = {}): Promise<LabelRun> {
    const now = new Date();
    const row = Object.assign(new LabelRun(), {
      id: randomUUID(),
      batchId: batch.id,
      cooperativeId: batch.cooperativeId,
      quantity: 1,
      layout: 'a4-3x8',
      format: 'pdf',
      status: 'queued',
      progress: 0,
      allowOverrun: false,
      batchCapacity: 100,
      idempotencyKey: null,
      requestedBy: randomUUID(),
      fileName: null,
      fileBytes: null,
      error: null,
      attempts: 0,
      finishedAt: null,
      createdAt: now,
      updatedAt: now,
      ...extra,
    });
    await this.db.manager.insert(LabelRun, row);
    return row;
  }

  async label(run: LabelRun, sequence: number, extra: Partial<Label> = {}): Promise<Label> {
    const row = Object.assign(new Label(), {
      id: randomUUID(),
      serial: `S${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      labelRunId: run.id,
      batchId: run.batchId,
      cooperativeId: run.cooperativeId,
      sequence,
      status: 'active',
      voidReason: null,
      voidedAt: null,
      scanCount: 0,
      firstScannedAt: null,
      lastScannedAt: null,
      ...extra,
    });
    await this.db.manager.insert(Label, row);
    return row;
  }

  /** An active listing with one channel per marketplace given, each in the status given. */
  async listing(product: Product, batch: Batch | null, channels: Partial<Record<Marketplace, ListingChannel['status']>>): Promise<Listing> {
    const now = new Date();
    const row = Object.assign(new Listing(), {
      id: randomUUID(),
      cooperativeId: product.cooperativeId,
      productId: product.id,
      batchId: batch?.id ?? null,
      sellerSku: `NST-${randomUUID().slice(0, 8)}`,
      title: 'Vải thiều Thanh Hà',
      description: 'Hộp 1 kg',
      price: 120000,
      stock: 10,
      weightKg: 1,
      imageUrls: [],
      state: 'active',
      version: 1,
      contentVersion: 1,
      oversoldAt: null,
      createdBy: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    await this.db.manager.insert(Listing, row);
    for (const [marketplace, status] of Object.entries(channels)) {
      await this.db.manager.insert(ListingChannel, {
        id: randomUUID(),
        listingId: row.id,
        marketplace: marketplace as Marketplace,
        status,
        externalId: null,
        reviewRef: null,
        attempts: 0,
        createCalls: 0,
        lastError: null,
        syncedAt: null,
        syncedVersion: 0,
        syncedContentVersion: 0,
        leaseUntil: null,
        createdAt: now,
        updatedAt: now,
      });
    }
    return row;
  }

  async order(listing: Listing, quantity: number): Promise<MarketplaceOrder> {
    const now = new Date();
    const row = Object.assign(new MarketplaceOrder(), {
      id: randomUUID(),
      marketplace: 'tiki',
      externalOrderId: `O${next()}`,
      externalItemId: `I${next()}`,
      listingId: listing.id,
      cooperativeId: listing.cooperativeId,
      batchId: listing.batchId,
      lotCode: null,
      quantity,
      unitPrice: 120000,
      totalAmount: 120000 * quantity,
      oversold: false,
      buyerRef: null,
      orderedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await this.db.manager.insert(MarketplaceOrder, row);
    return row;
  }
}
