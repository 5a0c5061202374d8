import { RegistrySchema1764100000000 } from './1764100000000-registry-schema';
import { LabelsSchema1764200000000 } from './1764200000000-labels-schema';
import { TraceSchema1764300000000 } from './1764300000000-trace-schema';
import { ListingsSchema1764400000000 } from './1764400000000-listings-schema';
import { RecordsSchema1764500000000 } from './1764500000000-records-schema';
import { ListingContentSync1764450000000 } from './1764450000000-listing-content-sync';
import { RefreshTokens1764600000000 } from './1764600000000-refresh-tokens';
import { MarketplaceOrderLines1764730000000 } from './1764730000000-marketplace-order-lines';
import { AccountSecurity1764720000000 } from './1764720000000-account-security';
import { RegistryRecords1764800000000 } from './1764800000000-registry-records';
import { ScanAlertClearances1764740000000 } from './1764740000000-scan-alert-clearances';
import { BatchesFoodSafety1764810000000 } from './1764810000000-batches-food-safety';
import { LegacyShortLabelLots1764700000000 } from './1764700000000-legacy-short-label-lots';
import { CooperativePublicContact1764820000000 } from './1764820000000-cooperative-public-contact';
import { PlotActivities1764830000000 } from './1764830000000-plot-activities';
import { Photos1764840000000 } from './1764840000000-photos';

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
  AccountSecurity1764720000000,
  MarketplaceOrderLines1764730000000,
  ScanAlertClearances1764740000000,
  RegistryRecords1764800000000,
  BatchesFoodSafety1764810000000,
  CooperativePublicContact1764820000000,
  PlotActivities1764830000000,
  Photos1764840000000,
];
