export const VERDICTS = ['genuine', 'suspicious', 'voided', 'counterfeit', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VerdictInput {
  labelStatus: 'active' | 'voided';
  batchRecalled: boolean;
  /** Distinct networks (IPv4 /24, IPv6 /48) with a consumer view in the window, since the last clearing. */
  networksInWindow: number;
}

export interface VerdictRules {
  suspiciousNetworks: number;
}

/**
 * What a known label's scan says. Voided wins over everything (a recalled batch voids all its labels).
 * A copied label shows itself by being looked at from many places at once: one shopper reloading,
 * switching language or sharing a link is one network, however often, so the raw scan count never
 * decides (issue 11).
 */
export function decideVerdict(input: VerdictInput, rules: VerdictRules): Verdict {
  if (input.labelStatus === 'voided' || input.batchRecalled) return 'voided';
  if (input.networksInWindow > rules.suspiciousNetworks) return 'suspicious';
  return 'genuine';
}
