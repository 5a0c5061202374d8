import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, cooperativeScope } from '../common/auth/access-policy';
import { ForbiddenError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { ReportsConfig } from '../config/sections';
import { batchCapacity } from '../labels/batch-capacity';
import { communeMatcher, provinceMatcher } from './area';
import { IndicatorsQuery } from './dto/report.dto';
import type {
  BatchReconciliation,
  IndicatorsResponse,
  PlotReconciliation,
  ReconciliationFlag,
  ReconciliationResponse,
} from './reports.contract';
import { AreaNames, ReportsReadModel } from './reports.repository';

const LYCHEE = /vải|lychee|litchi/i;

export interface DashboardData {
  indicators: IndicatorsResponse;
  labelsPrintedByDay: { day: string; labels: number }[];
  scansByDay: { day: string; scans: number }[];
  syncHealth: { marketplace: string; status: string; channels: number }[];
  flags: { lotCode: string; batchId: string; flags: ReconciliationFlag[]; labelsPrinted: number; capacity: number }[];
  plotFlags: { code: string; year: number; kgPerHa: number; maxKgPerHa: number | null; flags: ReconciliationFlag[] }[];
}

/** Province and co-operative reports: who may see what, and what the counts mean. The SQL is ReportsReadModel's. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly readModel: ReportsReadModel,
    private readonly reportsConfig: ReportsConfig,
  ) {}

  /** The stored spellings the area filter covers (however the province or commune is written); null when no filter. */
  private async areaNames(table: 'households' | 'cooperatives', q: IndicatorsQuery): Promise<AreaNames | null> {
    if (!q.province && !q.commune) return null;
    const names: AreaNames = {};
    for (const [column, value, matcher] of [
      ['province', q.province, provinceMatcher],
      ['commune', q.commune, communeMatcher],
    ] as const) {
      if (!value) continue;
      names[column] = (await this.readModel.areaNames(table, column)).filter(matcher(value));
      if (!names[column].length) return names;
    }
    return names;
  }

  async indicators(actor: Actor, q: IndicatorsQuery): Promise<IndicatorsResponse> {
    if (actor.role === 'farmer') throw new ForbiddenError(message('reports.indicatorsNotForFarmers'));
    const cooperativeId = cooperativeScope(actor, q.cooperativeId);
    const households = await this.areaNames('households', q);
    const cooperatives = await this.areaNames('cooperatives', q);
    return this.readModel.indicatorCounts({ cooperativeId, households, cooperatives });
  }

  async reconciliation(actor: Actor, requested?: string): Promise<ReconciliationResponse> {
    if (actor.role === 'farmer') throw new ForbiddenError(message('reports.reconciliationNotForFarmers'));
    const cooperativeId = cooperativeScope(actor, requested);
    if (cooperativeId) assertManagesCooperative(actor, cooperativeId);
    const rows = await this.readModel.batchVolumes(cooperativeId);
    const batches: BatchReconciliation[] = rows.map((r) => {
      const quantity = r.quantity;
      const packageKg = r.packageKg;
      const capacity = batchCapacity(quantity, r.unit, packageKg);
      const kgHarvested = r.unit === 'kg' ? quantity : r.unit === 'tonne' ? quantity * 1000 : packageKg ? quantity * packageKg : null;
      const printed = r.printed;
      const sold = r.sold;
      const flags: ReconciliationFlag[] = [];
      if (printed > capacity) flags.push('LABELS_EXCEED_HARVEST');
      if (sold > capacity) flags.push('SOLD_EXCEEDS_HARVEST');
      return {
        batchId: r.id,
        lotCode: r.lotCode,
        cooperativeId: r.cooperativeId,
        plotId: r.plotId,
        product: r.product,
        status: r.status,
        harvestedAt: r.harvestedAt.toISOString(),
        quantity,
        unit: r.unit,
        kgHarvested,
        capacity,
        labelsPrinted: printed,
        labelsScanned: r.scanned,
        unitsSold: sold,
        flags,
      };
    });

    const plotIds = [...new Set(batches.map((b) => b.plotId).filter((id): id is string => !!id))];
    const plots = await this.readModel.plotAreas(plotIds);
    const plotById = new Map(plots.map((p) => [p.id, p]));
    const groups = new Map<string, PlotReconciliation>();
    for (const b of batches) {
      const plot = b.plotId ? plotById.get(b.plotId) : undefined;
      if (!plot) continue;
      const year = new Date(Date.parse(b.harvestedAt) + 7 * 3_600_000).getUTCFullYear();
      const key = `${plot.id}:${year}`;
      const areaHa = plot.areaHa;
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
    const runs = await this.readModel.labelRunSizes(cooperativeId);
    const printed = new Map<string, number>();
    for (const r of runs) {
      // Days are Vietnam's (UTC+7).
      const day = new Date(r.createdAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
      printed.set(day, (printed.get(day) ?? 0) + r.quantity);
    }
    const scans = await this.readModel.scansByDay(cooperativeId);
    const syncHealth = await this.readModel.channelHealth(cooperativeId);
    const reconciliation = await this.reconciliation(actor, cooperativeId);
    return {
      indicators,
      labelsPrintedByDay: [...printed.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .slice(-90)
        .map(([day, labels]) => ({ day, labels })),
      scansByDay: [...scans].reverse(),
      syncHealth,
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
