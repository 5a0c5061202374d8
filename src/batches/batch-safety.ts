import type { PlotCertification } from '../registry/plot-certification.entity';
import { vietnamDate } from './safety-rules';

/**
 * Whether the plot's certificate had expired on the harvest day: for some scheme, a certificate ran out
 * before that day and none of the same scheme was still valid (a renewal keeps the batch unflagged).
 */
export function certificateExpiredAt(certifications: Pick<PlotCertification, 'scheme' | 'validUntil'>[], harvestedAt: Date): boolean {
  const day = vietnamDate(harvestedAt);
  const schemes = new Set(certifications.map((c) => c.scheme));
  return [...schemes].some((scheme) => {
    const of = certifications.filter((c) => c.scheme === scheme);
    return of.some((c) => c.validUntil < day) && !of.some((c) => c.validUntil >= day);
  });
}
