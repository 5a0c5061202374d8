import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ScanConfig } from '../config/sections';
import { ChangeNotice, ChangeNotices } from '../redis/change-notices';
import { TraceReadModel } from './trace.repository';
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

/** A raw timestamp: a Date from PostgreSQL, UTC text ("YYYY-MM-DD HH:MM:SS.SSS") from SQLite. */
function timestampMs(value: Date | string | null): number {
  if (value === null) return 0;
  if (value instanceof Date) return value.getTime();
  return new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).getTime();
}

/**
 * Keeps the scan path off the database: label rows and built batch views live in memory until a change
 * notice (this process or another, via Redis) drops them, or TRACE_CACHE_SECONDS pass. Concurrent
 * misses for one key share a single database read.
 */
@Injectable()
export class TraceCache implements OnModuleInit, OnModuleDestroy {
  private readonly labels = new Map<string, CachedLabel>();
  private readonly views = new Map<string, TraceView>();
  /** GTIN → the co-op that sells it, for unknown serials: a wrong serial under a known GTIN is answered with who to ask. */
  private readonly producers = new Map<string, { producer: Producer | null; loadedAt: number }>();
  /** GTIN → the product page of `/01/{gtin}` (null: no product carries it). */
  private readonly products = new Map<string, { view: ProductView | null; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly ttlMs: number;
  private unsubscribe: (() => void) | null = null;
  /** Bumped by every change notice; a read that started before one does not fill the cache. */
  private generation = 0;

  constructor(
    private readonly records: TraceReadModel,
    private readonly notices: ChangeNotices,
    scanConfig: ScanConfig,
  ) {
    this.ttlMs = scanConfig.TRACE_CACHE_SECONDS * 1000;
  }

  onModuleInit(): void {
    this.unsubscribe = this.notices.subscribe((notice) => this.invalidate(notice));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  invalidate(notice: ChangeNotice): void {
    if (notice.kind === 'user') return;
    // A read already in flight may have seen the old row: it must not be cached, nor shared with later callers.
    this.generation++;
    this.loading.clear();
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
    if (cached && now - cached.loadedAt < this.ttlMs) return cached;
    return this.once(`l:${serial}`, async (generation) => {
      // One query on a miss (and every TRACE_CACHE_SECONDS per label).
      const row = await this.records.loadLabelView(serial);
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
      if (generation !== this.generation) return entry;
      if (this.labels.size >= MAX_LABELS) this.labels.delete(this.labels.keys().next().value!);
      this.labels.set(serial, entry);
      return entry;
    });
  }

  async view(batchId: string, now = Date.now()): Promise<TraceView | null> {
    const cached = this.views.get(batchId);
    if (cached && now - cached.builtAt < this.ttlMs) return cached;
    return this.once(`v:${batchId}`, async (generation) => {
      const view = await this.buildView(batchId);
      if (view && generation === this.generation) {
        if (this.views.size >= MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
        this.views.set(batchId, view);
      }
      return view;
    });
  }

  /** The co-operative whose product carries `gtin` (GTIN-14), and its public contact; null when no product has it. */
  async producerOf(gtin: string, now = Date.now()): Promise<Producer | null> {
    const cached = this.producers.get(gtin);
    if (cached && now - cached.loadedAt < this.ttlMs) return cached.producer;
    return this.once(`p:${gtin}`, async () => {
      const row = await this.records.loadProducer(gtin);
      const producer = row
        ? { cooperative: row.name, contact: row.phone || row.email ? { phone: row.phone, email: row.email } : null }
        : null;
      if (this.producers.size >= MAX_VIEWS) this.producers.delete(this.producers.keys().next().value!);
      this.producers.set(gtin, { producer, loadedAt: Date.now() });
      return producer;
    });
  }

  /** The product `/01/{gtin}` names (GTIN-14) with its co-operative; null when no product carries it. */
  async product(gtin: string, now = Date.now()): Promise<ProductView | null> {
    const cached = this.products.get(gtin);
    if (cached && now - cached.loadedAt < this.ttlMs) return cached.view;
    return this.once(`g:${gtin}`, async (generation) => {
      const found = await this.records.loadProduct(gtin);
      const view = found ? buildProductView(found.product, found.cooperative) : null;
      if (generation === this.generation) {
        if (this.products.size >= MAX_VIEWS) this.products.delete(this.products.keys().next().value!);
        this.products.set(gtin, { view, loadedAt: Date.now() });
      }
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

  private once<T>(key: string, load: (generation: number) => Promise<T>): Promise<T> {
    const pending = this.loading.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const promise: Promise<T> = load(this.generation).finally(() => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    });
    this.loading.set(key, promise);
    return promise;
  }
}
