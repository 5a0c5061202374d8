import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, cooperativeScope } from '../common/auth/access-policy';
import { ForbiddenError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { ReportsConfig } from '../config/sections';
import { dialectOf } from '../database/sql-dialect';
import { batchCapacity } from '../labels/batch-capacity';
import { communeMatcher, provinceMatcher } from './area';
import {
  BatchReconciliation,
  IndicatorsQuery,
  IndicatorsResponse,
  PlotReconciliation,
  ReconciliationFlag,
  ReconciliationResponse,
} from './dto/report.dto';

const LYCHEE = /vải|lychee|litchi/i;
const LIVE_CHANNEL = `EXISTS (SELECT 1 FROM listing_channels lc WHERE lc.listing_id = l.id AND lc.status = 'live')`;

/** A WHERE fragment and its parameters, written with `?` and numbered for PostgreSQL when run. */
interface Fragment {
  sql: string;
  params: unknown[];
}

export interface DashboardData {
  indicators: IndicatorsResponse;
  labelsPrintedByDay: { day: string; labels: number }[];
  scansByDay: { day: string; scans: number }[];
  syncHealth: { marketplace: string; status: string; channels: number }[];
  flags: { lotCode: string; batchId: string; flags: ReconciliationFlag[]; labelsPrinted: number; capacity: number }[];
  plotFlags: { code: string; year: number; kgPerHa: number; maxKgPerHa: number | null; flags: ReconciliationFlag[] }[];
}

/**
 * Province and co-operative reports, computed in SQL that runs unchanged on PostgreSQL and SQLite
 * (COUNT/SUM/EXISTS only, booleans compared with TRUE, dates bucketed in code).
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reportsConfig: ReportsConfig,
  ) {}

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query<T[]>(dialectOf(this.dataSource).sql(sql), params);
  }

  private async distinct(table: 'households' | 'cooperatives', column: 'province' | 'commune'): Promise<string[]> {
    const rows = await this.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM ${table}`, []);
    return rows.map((r) => r.v);
  }

  /** `alias.province IN (…) AND alias.commune IN (…)` for the stored spellings the filter covers; null when no filter. */
  private async areaFragment(table: 'households' | 'cooperatives', alias: string, q: IndicatorsQuery): Promise<Fragment | null> {
    if (!q.province && !q.commune) return null;
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [column, value, matcher] of [
      ['province', q.province, provinceMatcher],
      ['commune', q.commune, communeMatcher],
    ] as const) {
      if (!value) continue;
      const names = (await this.distinct(table, column)).filter(matcher(value));
      if (!names.length) return { sql: '1 = 0', params: [] };
      parts.push(`${alias}.${column} IN (${names.map(() => '?').join(', ')})`);
      params.push(...names);
    }
    return { sql: parts.join(' AND '), params };
  }

  async indicators(actor: Actor, q: IndicatorsQuery): Promise<IndicatorsResponse> {
    if (actor.role === 'farmer') throw new ForbiddenError(message('reports.indicatorsNotForFarmers'));
    const cooperativeId = cooperativeScope(actor, q.cooperativeId);
    const household = await this.areaFragment('households', 'h', q);
    const coop = await this.areaFragment('cooperatives', 'c', q);
    const coopOf = (column: string): Fragment =>
      cooperativeId ? { sql: `${column} = ?`, params: [cooperativeId] } : { sql: '1 = 1', params: [] };
    const and = (...fs: (Fragment | null)[]): Fragment => {
      const present = fs.filter((f): f is Fragment => !!f);
      return { sql: present.map((f) => `(${f.sql})`).join(' AND ') || '1 = 1', params: present.flatMap((f) => f.params) };
    };
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

  async reconciliation(actor: Actor, requested?: string): Promise<ReconciliationResponse> {
    if (actor.role === 'farmer') throw new ForbiddenError(message('reports.reconciliationNotForFarmers'));
    const cooperativeId = cooperativeScope(actor, requested);
    if (cooperativeId) assertManagesCooperative(actor, cooperativeId);
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
    const batches: BatchReconciliation[] = rows.map((r) => {
      const quantity = Number(r.quantity);
      const packageKg = r.package_kg === null ? null : Number(r.package_kg);
      const capacity = batchCapacity(quantity, r.unit, packageKg);
      const kgHarvested = r.unit === 'kg' ? quantity : r.unit === 'tonne' ? quantity * 1000 : packageKg ? quantity * packageKg : null;
      const printed = Number(r.printed);
      const sold = Number(r.sold);
      const flags: ReconciliationFlag[] = [];
      if (printed > capacity) flags.push('LABELS_EXCEED_HARVEST');
      if (sold > capacity) flags.push('SOLD_EXCEEDS_HARVEST');
      return {
        batchId: r.id,
        lotCode: r.lot_code,
        cooperativeId: r.cooperative_id,
        plotId: r.plot_id,
        product: r.product,
        status: r.status,
        harvestedAt: new Date(
          r.harvested_at instanceof Date
            ? r.harvested_at
            : `${String(r.harvested_at).replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(String(r.harvested_at)) ? '' : 'Z'}`,
        ).toISOString(),
        quantity,
        unit: r.unit,
        kgHarvested,
        capacity,
        labelsPrinted: printed,
        labelsScanned: Number(r.scanned),
        unitsSold: sold,
        flags,
      };
    });

    const plotIds = [...new Set(batches.map((b) => b.plotId).filter((id): id is string => !!id))];
    const plots = plotIds.length
      ? await this.query<{ id: string; code: string; crop: string; area_ha: string | number }>(
          `SELECT id, code, crop, area_ha FROM plots WHERE id IN (${plotIds.map(() => '?').join(', ')})`,
          plotIds,
        )
      : [];
    const plotById = new Map(plots.map((p) => [p.id, p]));
    const groups = new Map<string, PlotReconciliation>();
    for (const b of batches) {
      const plot = b.plotId ? plotById.get(b.plotId) : undefined;
      if (!plot) continue;
      const year = new Date(Date.parse(b.harvestedAt) + 7 * 3_600_000).getUTCFullYear();
      const key = `${plot.id}:${year}`;
      const areaHa = Number(plot.area_ha);
      const group = groups.get(key) ?? {
        plotId: plot.id,
        code: plot.code,
        crop: plot.crop,
        areaHa,
        year,
        batches: 0,
        kgHarvested: 0,
        kgPerHa: 0,
        maxKgPerHa: LYCHEE.test(plot.crop) ? this.reportsConfig.LYCHEE_MAX_YIELD_KG_PER_HA : null,
        labelsPrinted: 0,
        labelsScanned: 0,
        unitsSold: 0,
        flags: [],
      };
      group.batches++;
      group.kgHarvested += b.kgHarvested ?? 0;
      group.labelsPrinted += b.labelsPrinted;
      group.labelsScanned += b.labelsScanned;
      group.unitsSold += b.unitsSold;
      groups.set(key, group);
    }
    for (const g of groups.values()) {
      g.kgPerHa = g.areaHa > 0 ? Math.round((g.kgHarvested / g.areaHa) * 10) / 10 : 0;
      if (g.maxKgPerHa !== null && g.kgPerHa > g.maxKgPerHa) g.flags.push('YIELD_IMPLAUSIBLE');
    }
    return { batches, plots: [...groups.values()].sort((a, b) => b.year - a.year || a.code.localeCompare(b.code)) };
  }

  /** What the /admin page shows, for the same actor scope as the indicators. */
  async dashboard(actor: Actor, q: IndicatorsQuery): Promise<DashboardData> {
    const indicators = await this.indicators(actor, q);
    const cooperativeId = cooperativeScope(actor, q.cooperativeId);
    const where = (column: string): string => (cooperativeId ? `WHERE ${column} = ?` : '');
    const params = cooperativeId ? [cooperativeId] : [];
    const runs = await this.query<{ created_at: string | Date; quantity: string | number }>(
      `SELECT r.created_at, r.quantity FROM label_runs r ${where('r.cooperative_id')} ORDER BY r.created_at DESC LIMIT 5000`,
      params,
    );
    const printed = new Map<string, number>();
    for (const r of runs) {
      const at = r.created_at instanceof Date ? r.created_at : new Date(`${String(r.created_at).replace(' ', 'T')}Z`);
      const day = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
      printed.set(day, (printed.get(day) ?? 0) + Number(r.quantity));
    }
    const scans = await this.query<{ day: string; scans: string | number }>(
      `SELECT d.day, SUM(d.scans) AS scans FROM batch_scan_days d JOIN batches b ON b.id = d.batch_id ${where('b.cooperative_id')}
       GROUP BY d.day ORDER BY d.day DESC LIMIT 90`,
      params,
    );
    const health = await this.query<{ marketplace: string; status: string; n: string | number }>(
      `SELECT lc.marketplace, lc.status, COUNT(*) AS n FROM listing_channels lc JOIN listings l ON l.id = lc.listing_id
       ${where('l.cooperative_id')} GROUP BY lc.marketplace, lc.status ORDER BY lc.marketplace, lc.status`,
      params,
    );
    const reconciliation = await this.reconciliation(actor, cooperativeId);
    return {
      indicators,
      labelsPrintedByDay: [...printed.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .slice(-90)
        .map(([day, labels]) => ({ day, labels })),
      scansByDay: scans.map((s) => ({ day: s.day, scans: Number(s.scans) })).reverse(),
      syncHealth: health.map((h) => ({ marketplace: h.marketplace, status: h.status, channels: Number(h.n) })),
      flags: reconciliation.batches
        .filter((b) => b.flags.length)
        .slice(0, 20)
        .map((b) => ({ lotCode: b.lotCode, batchId: b.batchId, flags: b.flags, labelsPrinted: b.labelsPrinted, capacity: b.capacity })),
      plotFlags: reconciliation.plots
        .filter((p) => p.flags.length)
        .slice(0, 20)
        .map((p) => ({ code: p.code, year: p.year, kgPerHa: p.kgPerHa, maxKgPerHa: p.maxKgPerHa, flags: p.flags })),
    };
  }
}
