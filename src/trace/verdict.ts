export const VERDICTS = ['genuine', 'suspicious', 'voided', 'counterfeit', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VerdictInput {
  labelStatus: 'active' | 'voided';
  batchRecalled: boolean;
  scanCount: number;
  networksInWindow: number;
}

export interface VerdictRules {
  suspiciousAfter: number;
  suspiciousNetworks: number;
}

/**
 * What a known label's scan says. Voided wins over everything (a recalled batch voids all its labels);
 * a copied label shows itself by being scanned too often or from too many places.
 */
export function decideVerdict(input: VerdictInput, rules: VerdictRules): Verdict {
  if (input.labelStatus === 'voided' || input.batchRecalled) return 'voided';
  if (input.scanCount > rules.suspiciousAfter || input.networksInWindow > rules.suspiciousNetworks) return 'suspicious';
  return 'genuine';
}

/** The part of a client address that identifies its network: IPv4 /24, IPv6 /48. */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}`;
  const groups = ip.toLowerCase().split(':');
  return groups.slice(0, 3).join(':');
}
