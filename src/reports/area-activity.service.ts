import { Injectable } from '@nestjs/common';
import { readTimestamp } from '../database/sql-dialect';
import { AreaActivityReadModel, AreaScope, CertificateRow } from './area-activity.repository';
import type { Actor } from '../common/auth/actor';
import { cooperativeScope } from '../common/auth/access-policy';
import { todayInVietnam } from '../registry/certification-rules';
import { communeMatcher, provinceMatcher } from './area';
import type { IndicatorsQuery } from './dto/report.dto';
import type { AreaActivityResponse, ExpiredCertificateFlag } from './reports.contract';
import { ReportsService } from './reports.service';

/** Rows a flag list answers at most: a dashboard list, not an export. */
const FLAG_LIMIT = 200;
const DAY_LIMIT = 400;

function vietnamDay(value: string | Date): string {
  return new Date(readTimestamp(value).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The province dashboard's time series and food-safety flags, for everything the caller sees or narrowed to a
 * province, a commune (of the household that grew the batch, names matched as the indicators match them,
 * merged provinces included) and/or a co-operative. Its rows come from AreaActivityReadModel.
 */
@Injectable()
export class AreaActivityService {
  constructor(
    private readonly records: AreaActivityReadModel,
    private readonly reports: ReportsService,
  ) {}

  /**
   * The stored province and commune names the filters match (names matched as the indicators match them,
   * merged provinces included); null when a filter matches none.
   */
  private async areaNames(q: IndicatorsQuery): Promise<{ column: 'province' | 'commune'; names: string[] }[] | null> {
    const filters: { column: 'province' | 'commune'; names: string[] }[] = [];
    for (const [column, value, matcher] of [
      ['province', q.province?.trim(), provinceMatcher],
      ['commune', q.commune?.trim(), communeMatcher],
    ] as const) {
      if (!value) continue;
      const names = (await this.records.storedNames(column)).filter(matcher(value));
      if (!names.length) return null;
      filters.push({ column, names });
    }
    return filters;
  }

  /** Households `h` and records of co-op column `coopColumn` inside the filters. */
  private scope(cooperativeId: string | undefined, areas: { column: string; names: string[] }[] | null, coopColumn: string): AreaScope {
    if (areas === null) return { sql: '1 = 0', params: [] };
    const parts: string[] = [];
    const params: unknown[] = [];
    if (cooperativeId) {
      parts.push(`${coopColumn} = ?`);
      params.push(cooperativeId);
    }
    for (const { column, names } of areas) {
      parts.push(`h.${column} IN (${names.map(() => '?').join(', ')})`);
      params.push(...names);
    }
    return { sql: parts.map((p) => `(${p})`).join(' AND ') || '1 = 1', params };
  }

  async activity(actor: Actor, q: IndicatorsQuery): Promise<AreaActivityResponse> {
    const cooperativeId = cooperativeScope(actor, q.cooperativeId);
    // The area names are read once and serve both scopes.
    const areas = await this.areaNames(q);
    const batches = this.scope(cooperativeId, areas, 'b.cooperative_id');

    const runs = await this.records.labelRuns(batches);
    const printed = new Map<string, number>();
    for (const r of runs) printed.set(vietnamDay(r.created_at), (printed.get(vietnamDay(r.created_at)) ?? 0) + Number(r.quantity));

    const scans = await this.records.scansByDay(batches, DAY_LIMIT);

    const safety = await this.records.safetyBatches(batches, FLAG_LIMIT * 2);
    // On hold exactly as the batch answers it (safety-rules.ts): a safeFrom no release covers.
    const held = safety.filter(
      (b) =>
        b.safe_from !== null &&
        !(
          b.safety_override_safe_from !== null &&
          readTimestamp(b.safety_override_safe_from).getTime() >= readTimestamp(b.safe_from).getTime()
        ),
    );
    const released = safety.filter((b) => b.safety_override_at !== null);

    const certificates = await this.records.certificates(this.scope(cooperativeId, areas, 'pl.cooperative_id'));
    // A plot is flagged for a scheme when every certificate of that scheme has ended (a renewal clears it).
    const latest = new Map<string, CertificateRow>();
    for (const c of certificates) {
      const key = `${c.plot_id}:${c.scheme}`;
      const seen = latest.get(key);
      if (!seen || c.valid_until > seen.valid_until) latest.set(key, c);
    }
    const today = todayInVietnam();
    const expired: ExpiredCertificateFlag[] = [...latest.values()]
      .filter((c) => c.valid_until < today)
      .sort((a, b) => (a.valid_until < b.valid_until ? 1 : a.valid_until > b.valid_until ? -1 : a.code.localeCompare(b.code)))
      .slice(0, FLAG_LIMIT)
      .map((c) => ({
        plotId: c.plot_id,
        plotCode: c.code,
        crop: c.crop,
        cooperativeId: c.cooperative_id,
        scheme: c.scheme,
        number: c.number,
        validUntil: c.valid_until,
      }));

    const reconciliation = await this.reports.reconciliation(actor, cooperativeId);
    let mismatched = reconciliation.batches.filter((b) => b.flags.length);
    if (q.province?.trim() || q.commune?.trim()) {
      const inArea = await this.records.batchIds(batches);
      mismatched = mismatched.filter((b) => inArea.has(b.batchId));
    }

    return {
      labelsPrintedByDay: [...printed.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .slice(-DAY_LIMIT)
        .map(([day, labels]) => ({ day, labels })),
      scansByDay: scans.map((s) => ({ day: s.day, scans: Number(s.scans) })).reverse(),
      flags: {
        phiHolds: held.slice(0, FLAG_LIMIT).map((b) => ({
          batchId: b.id,
          lotCode: b.lot_code,
          product: b.product,
          cooperativeId: b.cooperative_id,
          harvestedAt: readTimestamp(b.harvested_at).toISOString(),
          safeFrom: readTimestamp(b.safe_from!).toISOString(),
        })),
        phiOverrides: released.slice(0, FLAG_LIMIT).map((b) => ({
          batchId: b.id,
          lotCode: b.lot_code,
          product: b.product,
          cooperativeId: b.cooperative_id,
          reason: b.safety_override_reason ?? '',
          at: readTimestamp(b.safety_override_at!).toISOString(),
        })),
        expiredCertificates: expired,
        labelMismatches: mismatched.slice(0, FLAG_LIMIT).map((b) => ({
          batchId: b.batchId,
          lotCode: b.lotCode,
          product: b.product,
          cooperativeId: b.cooperativeId,
          labelsPrinted: b.labelsPrinted,
          unitsSold: b.unitsSold,
          capacity: b.capacity,
          flags: b.flags,
        })),
      },
    };
  }
}
