import { RegistrySchema1764100000000 } from './1764100000000-registry-schema';
import { LabelsSchema1764200000000 } from './1764200000000-labels-schema';
import { TraceSchema1764300000000 } from './1764300000000-trace-schema';
import { ListingsSchema1764400000000 } from './1764400000000-listings-schema';
import { RecordsSchema1764500000000 } from './1764500000000-records-schema';
import { ListingContentSync1764450000000 } from './1764450000000-listing-content-sync';
import { RefreshTokens1764600000000 } from './1764600000000-refresh-tokens';
import { LegacyShortLabelLots1764700000000 } from './1764700000000-legacy-short-label-lots';

/** Every migration, in order. Listed explicitly so the compiled app and ts-node/jest load the same set. */
export const MIGRATIONS = [
  RegistrySchema1764100000000,
  LabelsSchema1764200000000,
  TraceSchema1764300000000,
  ListingsSchema1764400000000,
  ListingContentSync1764450000000,
  RecordsSchema1764500000000,
  RefreshTokens1764600000000,
  LegacyShortLabelLots1764700000000,
];
