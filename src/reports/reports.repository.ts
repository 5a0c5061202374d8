import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dialectOf, readTimestamp } from '../database/sql-dialect';
import type { IndicatorsResponse } from './reports.contract';

const LIVE_CHANNEL = `EXISTS (SELECT 1 FROM listing_channels lc WHERE lc.listing_id = l.id AND lc.status = 'live')`;

/** A WHERE fragment and its parameters, written with `?` and numbered for PostgreSQL when run. */
interface Fragment {
  sql: string;
  params: unknown[];
}

/**
 * The stored spellings an area filter covers, per column; an empty list matches nothing. Resolved by the
 * service (which spellings mean the province asked for is a rule), applied here.
 */
export interface AreaNames {
  province?: string[];
  commune?: string[];
}

/** Whose records a report counts: one co-op (or all), and the area of households and of co-ops (or anywhere). */
export interface ReportScope {
  cooperativeId?: string;
  households: AreaNames | null;
  cooperatives: AreaNames | null;
}

/** A batch with what was printed, scanned and sold of it (the reconciliation's raw material). */
export interface BatchVolumeRow {
  id: string;
  lotCode: string;
  cooperativeId: string;
  plotId: string | null;
  status: string;
  harvestedAt: Date;
  quantity: number;
  unit: string;
  product: string;
  packageKg: number | null;
  printed: number;
  scanned: number;
  sold: number;
}

export interface PlotAreaRow {
  id: string;
  code: string;
  crop: string;
  areaHa: number;
}

/**
 * The reports' read model. Indicators and reconciliation count across registry, batches, labels, listings,
 * orders and scans: that cross-table SQL is what a report is, so it lives here, read-only, in one place,
 * in SQL that runs unchanged on PostgreSQL and SQLite (COUNT/SUM/EXISTS only, booleans compared with TRUE,
 * dates bucketed by the caller).
 */
@Injectable()
export class ReportsReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query<T[]>(dialectOf(this.dataSource).sql(sql), params);
  }

  /** Every spelling stored for a province or commune, so the service can match them however they are written. */
  async areaNames(table: 'households' | 'cooperatives', column: 'province' | 'commune'): Promise<string[]> {
    const rows = await this.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM ${table}`, []);
    return rows.map((r) => r.v);
  }

  async indicatorCounts(scope: ReportScope): Promise<IndicatorsResponse> {
    const household = area(scope.households, 'h');
    const coop = area(scope.cooperatives, 'c');
    const coopOf = (column: string): Fragment =>
      scope.cooperativeId ? { sql: `${column} = ?`, params: [scope.cooperativeId] } : { sql: '1 = 1', params: [] };
    // A record tied to a batch is in the area of the batch's household; a listing or order without a batch, in its co-op's.
    const inArea = (batchColumn: string, coopColumn: string): Fragment | null =>
      household && coop
        ? {
            sql: `(${batchColumn} IS NOT NULL AND EXISTS (SELECT 1 FROM batches ab JOIN households h ON h.id = ab.household_id WHERE ab.id = ${batchColumn} AND ${household.sql}))
               OR (${batchColumn} IS NULL AND EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = ${coopColumn} AND ${coop.sql}))`,
            params: [...household.params, ...coop.params],
          }
        : null;

    const h = and(coopOf('h.cooperative_id'), household);
    const [hh] = await this.query<{ registered: string | number; trained: string | number; ecommerce: string | number }>(
      `SELECT COUNT(*) AS registered,
              COALESCE(SUM(CASE WHEN h.digital_skills_trained = TRUE THEN 1 ELSE 0 END), 0) AS trained,
              COALESCE(SUM(CASE WHEN EXISTS (
                  SELECT 1 FROM batches b JOIN listings l ON l.batch_id = b.id
                  WHERE b.household_id = h.id AND l.state = 'active' AND ${LIVE_CHANNEL})
                OR EXISTS (SELECT 1 FROM batches b JOIN marketplace_orders o ON o.batch_id = b.id WHERE b.household_id = h.id)
              THEN 1 ELSE 0 END), 0) AS ecommerce
       FROM households h WHERE ${h.sql}`,
      h.params,
    );
    const l = and(coopOf('l.cooperative_id'), inArea('l.batch_id', 'l.cooperative_id'));
    const [listed] = await this.query<{ products: string | number; listings: string | number }>(
      `SELECT COUNT(DISTINCT l.product_id) AS products, COUNT(*) AS listings FROM listings l
       WHERE l.state = 'active' AND ${LIVE_CHANNEL} AND ${l.sql}`,
      l.params,
    );
    const o = and(coopOf('o.cooperative_id'), inArea('o.batch_id', 'o.cooperative_id'));
    const [orders] = await this.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM marketplace_orders o WHERE ${o.sql}`, o.params);
    const lb = and(coopOf('lb.cooperative_id'), household);
    const [labels] = await this.query<{ printed: string | number; scans: string | number }>(
      `SELECT COUNT(*) AS printed, COALESCE(SUM(lb.scan_count), 0) AS scans FROM labels lb
       ${household ? 'JOIN batches b ON b.id = lb.batch_id JOIN households h ON h.id = b.household_id' : ''}
       WHERE ${lb.sql}`,
      lb.params,
    );
    return {
      householdsRegistered: Number(hh.registered),
      householdsTrained: Number(hh.trained),
      householdsOnEcommerce: Number(hh.ecommerce),
      productsListed: Number(listed.products),
      listingsLive: Number(listed.listings),
      transactions: Number(orders.n),
      labelsPrinted: Number(labels.printed),
      scans: Number(labels.scans),
    };
  }

  /** Every batch (of one co-op, or all) with its labels printed and scanned and units sold, latest harvest first. */
  async batchVolumes(cooperativeId?: string): Promise<BatchVolumeRow[]> {
    const rows = await this.query<{
      id: string;
      lot_code: string;
      cooperative_id: string;
      plot_id: string | null;
      status: string;
      harvested_at: string | Date;
      quantity: string | number;
      unit: string;
      product: string;
      package_kg: string | number | null;
      printed: string | number;
      scanned: string | number;
      sold: string | number;
    }>(
      `SELECT b.id, b.lot_code, b.cooperative_id, b.plot_id, b.status, b.harvested_at, b.quantity, b.unit,
              p.name AS product, p.package_net_weight_kg AS package_kg,
              (SELECT COUNT(*) FROM labels l WHERE l.batch_id = b.id) AS printed,
              (SELECT COUNT(*) FROM labels l WHERE l.batch_id = b.id AND l.scan_count > 0) AS scanned,
              (SELECT COALESCE(SUM(o.quantity), 0) FROM marketplace_orders o WHERE o.batch_id = b.id) AS sold
       FROM batches b JOIN products p ON p.id = b.product_id
       ${cooperativeId ? 'WHERE b.cooperative_id = ?' : ''}
       ORDER BY b.harvested_at DESC, b.id`,
      cooperativeId ? [cooperativeId] : [],
    );
    return rows.map((r) => ({
      id: r.id,
      lotCode: r.lot_code,
      cooperativeId: r.cooperative_id,
      plotId: r.plot_id,
      status: r.status,
      harvestedAt: readTimestamp(r.harvested_at),
      quantity: Number(r.quantity),
      unit: r.unit,
      product: r.product,
      packageKg: r.package_kg === null ? null : Number(r.package_kg),
      printed: Number(r.printed),
      scanned: Number(r.scanned),
      sold: Number(r.sold),
    }));
  }

  async plotAreas(plotIds: string[]): Promise<PlotAreaRow[]> {
    if (!plotIds.length) return [];
    const rows = await this.query<{ id: string; code: string; crop: string; area_ha: string | number }>(
      `SELECT id, code, crop, area_ha FROM plots WHERE id IN (${plotIds.map(() => '?').join(', ')})`,
      plotIds,
    );
    return rows.map((p) => ({ id: p.id, code: p.code, crop: p.crop, areaHa: Number(p.area_ha) }));
  }

  /** The latest 5000 label runs (of one co-op, or all): when and how many labels. */
  async labelRunSizes(cooperativeId?: string): Promise<{ createdAt: Date; quantity: number }[]> {
    const rows = await this.query<{ created_at: string | Date; quantity: string | number }>(
      `SELECT r.created_at, r.quantity FROM label_runs r ${cooperativeId ? 'WHERE r.cooperative_id = ?' : ''} ORDER BY r.created_at DESC LIMIT 5000`,
      cooperativeId ? [cooperativeId] : [],
    );
    return rows.map((r) => ({ createdAt: readTimestamp(r.created_at), quantity: Number(r.quantity) }));
  }

  /** Scans per day, the latest 90 days that had any, latest first. */
  async scansByDay(cooperativeId?: string): Promise<{ day: string; scans: number }[]> {
    const rows = await this.query<{ day: string; scans: string | number }>(
      `SELECT d.day, SUM(d.scans) AS scans FROM batch_scan_days d JOIN batches b ON b.id = d.batch_id ${cooperativeId ? 'WHERE b.cooperative_id = ?' : ''}
       GROUP BY d.day ORDER BY d.day DESC LIMIT 90`,
      cooperativeId ? [cooperativeId] : [],
    );
    return rows.map((s) => ({ day: s.day, scans: Number(s.scans) }));
  }

  /** Listing channels per marketplace and status. */
  async channelHealth(cooperativeId?: string): Promise<{ marketplace: string; status: string; channels: number }[]> {
    const rows = await this.query<{ marketplace: string; status: string; n: string | number }>(
      `SELECT lc.marketplace, lc.status, COUNT(*) AS n FROM listing_channels lc JOIN listings l ON l.id = lc.listing_id
       ${cooperativeId ? 'WHERE l.cooperative_id = ?' : ''} GROUP BY lc.marketplace, lc.status ORDER BY lc.marketplace, lc.status`,
      cooperativeId ? [cooperativeId] : [],
    );
    return rows.map((h) => ({ marketplace: h.marketplace, status: h.status, channels: Number(h.n) }));
  }
}

/** `alias.province IN (…) AND alias.commune IN (…)` for the names given; null when there is no area filter. */
function area(names: AreaNames | null, alias: string): Fragment | null {
  if (!names) return null;
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const column of ['province', 'commune'] as const) {
    const values = names[column];
    if (!values) continue;
    if (!values.length) return { sql: '1 = 0', params: [] };
    parts.push(`${alias}.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  return { sql: parts.join(' AND '), params };
}

function and(...fragments: (Fragment | null)[]): Fragment {
  const present = fragments.filter((f): f is Fragment => !!f);
  return { sql: present.map((f) => `(${f.sql})`).join(' AND ') || '1 = 1', params: present.flatMap((f) => f.params) };
}
