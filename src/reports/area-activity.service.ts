import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dialectOf, readTimestamp } from '../database/sql-dialect';
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

/** `WHERE` text with `?` placeholders and its parameters. */
interface Scope {
  sql: string;
  params: unknown[];
}

function vietnamDay(value: string | Date): string {
  return new Date(readTimestamp(value).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The province dashboard's time series and food-safety flags, for everything the caller sees or narrowed to a
 * province, a commune (of the household that grew the batch, names matched as the indicators match them,
 * merged provinces included) and/or a co-operative. SQL that runs unchanged on PostgreSQL and SQLite.
 */
@Injectable()
export class AreaActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query<T[]>(dialectOf(this.dataSource).sql(sql), params);
  }

  /** Households `h` and records of co-op column `coopColumn` inside the filters. */
  private async scope(actor: Actor, q: IndicatorsQuery, coopColumn: string): Promise<Scope> {
    const parts: string[] = [];
    const params: unknown[] = [];
    const cooperativeId = cooperativeScope(actor, q.cooperativeId);
    if (cooperativeId) {
      parts.push(`${coopColumn} = ?`);
      params.push(cooperativeId);
    }
    for (const [column, value, matcher] of [
      ['province', q.province?.trim(), provinceMatcher],
      ['commune', q.commune?.trim(), communeMatcher],
    ] as const) {
      if (!value) continue;
      const stored = (await this.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM households`, [])).map((r) => r.v);
      const names = stored.filter(matcher(value));
      if (!names.length) return { sql: '1 = 0', params: [] };
      parts.push(`h.${column} IN (${names.map(() => '?').join(', ')})`);
      params.push(...names);
    }
    return { sql: parts.map((p) => `(${p})`).join(' AND ') || '1 = 1', params };
  }

  async activity(actor: Actor, q: IndicatorsQuery): Promise<AreaActivityResponse> {
    const batches = await this.scope(actor, q, 'b.cooperative_id');
    const fromBatches = `JOIN batches b ON b.id = {batch} JOIN households h ON h.id = b.household_id`;

    const runs = await this.query<{ created_at: string | Date; quantity: string | number }>(
      `SELECT r.created_at, r.quantity FROM label_runs r ${fromBatches.replace('{batch}', 'r.batch_id')}
       WHERE ${batches.sql} ORDER BY r.created_at DESC LIMIT 20000`,
      batches.params,
    );
    const printed = new Map<string, number>();
    for (const r of runs) printed.set(vietnamDay(r.created_at), (printed.get(vietnamDay(r.created_at)) ?? 0) + Number(r.quantity));

    const scans = await this.query<{ day: string; scans: string | number }>(
      `SELECT d.day, SUM(d.scans) AS scans FROM batch_scan_days d ${fromBatches.replace('{batch}', 'd.batch_id')}
       WHERE ${batches.sql} GROUP BY d.day ORDER BY d.day DESC LIMIT ${DAY_LIMIT}`,
      batches.params,
    );

    const safety = await this.query<{
      id: string;
      lot_code: string;
      cooperative_id: string;
      harvested_at: string | Date;
      safe_from: string | Date | null;
      safety_override_at: string | Date | null;
      safety_override_reason: string | null;
      safety_override_safe_from: string | Date | null;
      product: string;
    }>(
      `SELECT b.id, b.lot_code, b.cooperative_id, b.harvested_at, b.safe_from, b.safety_override_at, b.safety_override_reason,
              b.safety_override_safe_from, p.name AS product
       FROM batches b JOIN products p ON p.id = b.product_id JOIN households h ON h.id = b.household_id
       WHERE ${batches.sql} AND b.archived_at IS NULL AND (b.safe_from IS NOT NULL OR b.safety_override_at IS NOT NULL)
       ORDER BY b.harvested_at DESC, b.id LIMIT ${FLAG_LIMIT * 2}`,
      batches.params,
    );
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

    const plots = await this.scope(actor, q, 'pl.cooperative_id');
    const certificates = await this.query<{
      plot_id: string;
      code: string;
      crop: string;
      cooperative_id: string;
      scheme: string;
      number: string;
      valid_until: string;
    }>(
      `SELECT c.plot_id, pl.code, pl.crop, pl.cooperative_id, c.scheme, c.number, c.valid_until
       FROM plot_certifications c JOIN plots pl ON pl.id = c.plot_id JOIN households h ON h.id = pl.household_id
       WHERE ${plots.sql} AND c.revoked_at IS NULL AND pl.archived_at IS NULL`,
      plots.params,
    );
    // A plot is flagged for a scheme when every certificate of that scheme has ended (a renewal clears it).
    const latest = new Map<string, (typeof certificates)[number]>();
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

    const reconciliation = await this.reports.reconciliation(actor, cooperativeScope(actor, q.cooperativeId));
    let mismatched = reconciliation.batches.filter((b) => b.flags.length);
    if (q.province?.trim() || q.commune?.trim()) {
      const inArea = new Set(
        (
          await this.query<{ id: string }>(
            `SELECT b.id FROM batches b JOIN households h ON h.id = b.household_id WHERE ${batches.sql}`,
            batches.params,
          )
        ).map((r) => r.id),
      );
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
