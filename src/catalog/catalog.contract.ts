/**
 * The catalogue's answers as they travel on the wire (dates as ISO strings). Decorator- and import-free, so
 * the farm app type-checks against the same declarations (web/src/screens).
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */

export class ProductResponse {
  id!: string;
  cooperativeId!: string;
  name!: string;
  variety!: string | null;
  gtin!: string | null;
  unit!: string;
  packageNetWeightKg!: number | null;
  geographicalIndication!: string | null;
  ocopStars!: number | null;
  description!: string | null;
  shelfLifeDays!: number | null;
  /** Set when an admin accepted a GTIN outside the co-operative's GS1 company prefix. */
  gtinPrefixOverride?: { reason: string; by: string | null; at: string | null } | null;
  // Optional in the type only (records built by other modules' fixtures stay valid); the API always sends them.
  version?: number;
  archivedAt?: string | null;
  createdAt!: string;
}
