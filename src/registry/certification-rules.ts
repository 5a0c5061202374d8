import { FieldProblem } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import type { CertificationScheme } from './plot-certification.entity';
import type { CertificationStatus } from './registry.contract';

export type { CertificationStatus };

/** A certificate this close to its end date is shown as `expiring`, so the co-op renews before the harvest. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * The longest a certificate of each scheme may run, in years from its issue date (or from today when
 * the issue date is not known). `null`: no limit is enforced.
 * - VietGAP: at most 2 years (DOMAIN.md: "VietGAP certificates last at most 2 years").
 * - GlobalG.A.P.: certificates are annual, one certification cycle of 12 months (issue 12, point 7).
 * - Organic: DOMAIN.md says nothing about how long an organic certificate lasts, and TCVN 11041
 *   (the organic production standards) sets what must be done, not a certificate's lifetime; the
 *   period is the certifying body's. Until someone who owns the domain confirms a figure, only the
 *   general checks apply (issued no later than today, valid until after its issue).
 */
export const MAX_VALIDITY_YEARS: Record<CertificationScheme, number | null> = {
  VietGAP: 2,
  GlobalGAP: 1,
  Organic: null,
};

/** Today's date in Vietnam (UTC+7, no daylight saving): certificates are dated in Vietnam's calendar. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface CertificateDates {
  scheme: CertificationScheme;
  issuedAt: string | null;
  validUntil: string;
}

/** What is wrong with a certificate's dates for its scheme (empty when nothing is). Fields are named `prefix + field`. */
export function certificateDateProblems(c: CertificateDates, now = new Date(), prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const today = todayInVietnam(now);
  if (c.issuedAt && c.issuedAt > today) problems.push({ field: `${prefix}issuedAt`, message: message('registry.issuedInFuture') });
  if (c.issuedAt && c.validUntil <= c.issuedAt) {
    problems.push({ field: `${prefix}validUntil`, message: message('registry.validBeforeIssued', { issuedAt: c.issuedAt }) });
  }
  const years = MAX_VALIDITY_YEARS[c.scheme];
  if (years !== null) {
    const latest = addYears(c.issuedAt ?? today, years);
    if (c.validUntil > latest) {
      problems.push({ field: `${prefix}validUntil`, message: message('registry.validityTooLong', { scheme: c.scheme, years, latest }) });
    }
  }
  return problems;
}

export interface CertificateState {
  validUntil: string;
  verifiedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * One word for what a certificate is worth today. A revoked or expired certificate is never shown as
 * valid, whoever entered it; among the live ones, one nobody has checked yet says so before anything else.
 */
export function certificationStatus(c: CertificateState, now = new Date()): CertificationStatus {
  if (c.revokedAt) return 'revoked';
  const today = todayInVietnam(now);
  if (c.validUntil < today) return 'expired';
  if (!c.verifiedAt) return 'unverified';
  return daysBetween(today, c.validUntil) <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid';
}

const STATUS_RANK: Record<CertificationStatus, number> = { valid: 0, expiring: 1, unverified: 2, expired: 3, revoked: 4 };

/** The plot's best certificate (the one a buyer would be shown first), or null when it has none. */
export function bestCertificate<T extends CertificateState>(certificates: T[], now = new Date()): T | null {
  let best: T | null = null;
  for (const c of certificates) {
    if (
      !best ||
      STATUS_RANK[certificationStatus(c, now)] < STATUS_RANK[certificationStatus(best, now)] ||
      (certificationStatus(c, now) === certificationStatus(best, now) && c.validUntil > best.validUntil)
    ) {
      best = c;
    }
  }
  return best;
}
