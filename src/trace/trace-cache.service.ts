import { Injectable } from '@nestjs/common';
import { BatchLoader } from '../common/batch-loader';
import { ScanConfig } from '../config/sections';
import { readTimestamp } from '../database/sql-dialect';
import { ChangeNoticeCache, keepBounded } from '../redis/change-notice-cache';
import { ChangeNotice, ChangeNotices } from '../redis/change-notices';
import { LabelViewRow, TraceReadModel } from './trace.repository';
import { buildProductView, buildTraceView, ProductView, PublicContact, TraceView } from './trace-view';

export interface Producer {
  cooperative: string;
  contact: PublicContact | null;
}

export interface CachedLabel {
  serial: string;
  batchId: string;
  status: 'active' | 'voided';
  voidReason: string | null;
  /** When the label was voided: told apart from its lot's recall, which voids every label at the same instant. */
  voidedAt: Date | null;
  /** scan_count when the row was read. */
  storedScans: number;
  /** Scans this process has counted since the row was read (flushed or not). */
  localScans: number;
  firstScannedAt: Date | null;
  /** When a manager last cleared a suspicious alarm (ms), 0 if never: networks count from there. */
  clearedAt: number;
  loadedAt: number;
  /** The Link header of this label's answers, once built. */
  link?: string;
}

const MAX_LABELS = 200_000;

const MAX_VIEWS = 5_000;

/** A raw timestamp in ms, 0 for none. */
function timestampMs(value: Date | string | null): number {
  return value === null ? 0 : readTimestamp(value).getTime();
}

/**
 * Keeps the scan path off the database: label rows and built batch views live in memory until a change
 * notice (this process or another, via Redis) drops them, or TRACE_CACHE_SECONDS pass. Concurrent
 * misses for one key share a single database read.
 */
@Injectable()
export class TraceCache extends ChangeNoticeCache {
  private readonly labels = new Map<string, CachedLabel>();
  private readonly views = new Map<string, TraceView>();
  /** GTIN → the co-op that sells it, for unknown serials: a wrong serial under a known GTIN is answered with who to ask. */
  private readonly producers = new Map<string, { producer: Producer | null; loadedAt: number }>();
  /** GTIN → the product page of `/01/{gtin}` (null: no product carries it). */
  private readonly products = new Map<string, { view: ProductView | null; loadedAt: number }>();
  private readonly labelRows: BatchLoader<string, LabelViewRow>;

  constructor(
    private readonly records: TraceReadModel,
    notices: ChangeNotices,
    scanConfig: ScanConfig,
  ) {
    super(notices, scanConfig.TRACE_CACHE_SECONDS * 1000);
    this.labelRows = new BatchLoader((serials) => this.records.loadLabelViews(serials));
  }

  invalidate(notice: ChangeNotice): void {
    if (notice.kind === 'user') return;
    this.readsBefore();
    switch (notice.kind) {
      case 'batch':
        this.views.delete(notice.id);
        // A product edit is announced with its batches: its page is rebuilt on the next request.
        this.products.clear();
        // A recall voids every label of the batch: their cached rows go too.
        for (const [serial, label] of this.labels) if (label.batchId === notice.id) this.labels.delete(serial);
        break;
      case 'labels':
        for (const serial of notice.serials) this.labels.delete(serial);
        break;
      case 'all':
        this.labels.clear();
        this.views.clear();
        this.producers.clear();
        this.products.clear();
        break;
    }
  }

  async label(serial: string, now = Date.now()): Promise<CachedLabel | null> {
    const cached = this.labels.get(serial);
    if (this.fresh(cached, now)) return cached;
    return this.once(`l:${serial}`, async (current) => {
      // Read on a miss (and every TRACE_CACHE_SECONDS per label), in one query with the other labels missed meanwhile.
      const row = await this.labelRows.load(serial);
      if (!row) return null;
      const entry: CachedLabel = {
        serial,
        batchId: row.batch_id,
        status: row.status,
        voidReason: row.void_reason,
        voidedAt: row.voided_at === null ? null : new Date(timestampMs(row.voided_at)),
        storedScans: Number(row.scan_count),
        localScans: 0,
        firstScannedAt: row.first_scanned_at === null ? null : new Date(timestampMs(row.first_scanned_at)),
        clearedAt: timestampMs(row.last_cleared_at),
        loadedAt: Date.now(),
      };
      if (current()) keepBounded(this.labels, serial, entry, MAX_LABELS);
      return entry;
    });
  }

  async view(batchId: string, now = Date.now()): Promise<TraceView | null> {
    const cached = this.views.get(batchId);
    if (cached && now - cached.builtAt < this.ttlMs) return cached;
    return this.once(`v:${batchId}`, async (current) => {
      const view = await this.buildView(batchId);
      if (view && current()) keepBounded(this.views, batchId, view, MAX_VIEWS);
      return view;
    });
  }

  /** The co-operative whose product carries `gtin` (GTIN-14), and its public contact; null when no product has it. */
  async producerOf(gtin: string, now = Date.now()): Promise<Producer | null> {
    const cached = this.producers.get(gtin);
    if (this.fresh(cached, now)) return cached.producer;
    return this.once(`p:${gtin}`, async () => {
      const row = await this.records.loadProducer(gtin);
      const producer = row
        ? { cooperative: row.name, contact: row.phone || row.email ? { phone: row.phone, email: row.email } : null }
        : null;
      keepBounded(this.producers, gtin, { producer, loadedAt: Date.now() }, MAX_VIEWS);
      return producer;
    });
  }

  /** The product `/01/{gtin}` names (GTIN-14) with its co-operative; null when no product carries it. */
  async product(gtin: string, now = Date.now()): Promise<ProductView | null> {
    const cached = this.products.get(gtin);
    if (this.fresh(cached, now)) return cached.view;
    return this.once(`g:${gtin}`, async (current) => {
      const found = await this.records.loadProduct(gtin);
      const view = found ? buildProductView(found.product, found.cooperative) : null;
      if (current()) keepBounded(this.products, gtin, { view, loadedAt: Date.now() }, MAX_VIEWS);
      return view;
    });
  }

  /** The batch a Digital Link names without a serial (`/01/{gtin}/10/{lot}`), for the batch page. */
  batchIdFor(gtin: string | null, lotCode: string): Promise<string | null> {
    return this.records.findBatchId(gtin, lotCode);
  }

  private async buildView(batchId: string): Promise<TraceView | null> {
    const sources = await this.records.loadLotRecords(batchId);
    return sources ? buildTraceView(sources) : null;
  }
}
