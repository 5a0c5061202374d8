import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BatchEvent } from '../batches/batch-event.entity';
import { Batch } from '../batches/batch.entity';
import { Product } from '../catalog/product.entity';
import { dialectOf, SqlDialect } from '../database/sql-dialect';
import { Cooperative } from '../registry/cooperative.entity';
import { Household } from '../registry/household.entity';
import { PlotCertification } from '../registry/plot-certification.entity';
import { Plot } from '../registry/plot.entity';
import type { TraceSources } from './trace-view';

/** A label as the resolver needs it: one row each, read on cache misses. */
export interface LabelViewRow {
  serial: string;
  batch_id: string;
  status: 'active' | 'voided';
  void_reason: string | null;
  voided_at: Date | string | null;
  scan_count: number | string;
  first_scanned_at: Date | string | null;
  last_cleared_at: Date | string | null;
}

export interface ProducerRow {
  name: string;
  phone: string | null;
  email: string | null;
}

/**
 * The resolver's read model: what a shopper's scan shows comes from several modules' tables (labels,
 * batches and their diary, products, co-operatives, households, plots and certificates), read here in
 * the few queries the scan path can afford, and nowhere else in the trace module. Writes stay with the
 * owning modules; their change notices tell the trace cache when to read again.
 */
@Injectable()
export class TraceReadModel {
  private readonly dialect: SqlDialect;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  /**
   * Labels and the time of each one's latest alarm clearing, from their indexes, by serial (unknown
   * serials are absent). Plain SQL on the driver: building it with the query builder cost more CPU than
   * the rest of the scan (bench:scan profile, issue 14), and the trace cache asks for the labels missed
   * together in one call.
   */
  async loadLabelViews(serials: readonly string[]): Promise<Map<string, LabelViewRow>> {
    const list = this.dialect.inList(serials);
    const rows = await this.dialect.fastQuery<LabelViewRow>(
      this.dataSource,
      this.dialect.sql(
        'SELECT l.serial, l.batch_id, l.status, l.void_reason, l.voided_at, l.scan_count, l.first_scanned_at, ' +
          '(SELECT MAX(c.cleared_at) FROM scan_alert_clearances c WHERE c.serial = l.serial) AS last_cleared_at ' +
          `FROM labels l WHERE l.serial ${list.sql}`,
      ),
      list.params,
      // A prepared statement on PostgreSQL: `= ANY($1)` is one text, and one plan, for any number of serials.
      'trace_label_views',
    );
    return new Map(rows.map((row) => [row.serial, row]));
  }

  /** The co-operative whose product carries `gtin`, with its public contact. */
  async loadProducer(gtin: string): Promise<ProducerRow | null> {
    const row = await this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .innerJoin(Cooperative, 'c', 'c.id = p.cooperative_id')
      .select(['c.name AS name', 'c.contact_phone AS phone', 'c.contact_email AS email'])
      .where('p.gtin = :gtin', { gtin })
      .getRawOne<ProducerRow>();
    return row ?? null;
  }

  /** The product carrying `gtin` and its co-operative, for the product page. */
  async loadProduct(gtin: string): Promise<{ product: Product; cooperative: Cooperative } | null> {
    const product = await this.dataSource.getRepository(Product).findOne({ where: { gtin } });
    if (!product) return null;
    const cooperative = await this.dataSource.getRepository(Cooperative).findOneBy({ id: product.cooperativeId });
    return cooperative ? { product, cooperative } : null;
  }

  /** The batch a Digital Link names without a serial (`/01/{gtin}/10/{lot}`; no GTIN: the short form's lots). */
  async findBatchId(gtin: string | null, lotCode: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(Batch)
      .createQueryBuilder('b')
      .innerJoin(Product, 'p', 'p.id = b.product_id')
      .select('b.id', 'id')
      .where('b.lot_code = :lotCode', { lotCode })
      .andWhere(gtin ? 'p.gtin = :gtin' : 'p.gtin IS NULL', { gtin })
      .getRawOne<{ id: string }>();
    return row?.id ?? null;
  }

  /** Everything the lot's public page is built from; null for an unknown batch. */
  async loadLotRecords(batchId: string): Promise<TraceSources | null> {
    const db = this.dataSource;
    const batch = await db.getRepository(Batch).findOne({ where: { id: batchId } });
    if (!batch) return null;
    const [product, cooperative, household, plot, events] = await Promise.all([
      db.getRepository(Product).findOneByOrFail({ id: batch.productId }),
      db.getRepository(Cooperative).findOneByOrFail({ id: batch.cooperativeId }),
      db.getRepository(Household).findOneByOrFail({ id: batch.householdId }),
      batch.plotId ? db.getRepository(Plot).findOneBy({ id: batch.plotId }) : Promise.resolve(null),
      db.getRepository(BatchEvent).find({ where: { batchId } }),
    ]);
    const certifications = plot ? await db.getRepository(PlotCertification).find({ where: { plotId: plot.id }, order: { validUntil: 'DESC' } }) : [];
    return { batch, product, cooperative, household, plot, certifications, events };
  }
}
