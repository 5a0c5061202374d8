import { IsOptional, IsUUID } from 'class-validator';
import { AreaQuery } from '../../common/http/area-query.dto';

export class IndicatorsQuery extends AreaQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class ReconciliationQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

/** The "1034" indicators (see README, "Indicators"). */
export interface IndicatorsResponse {
  householdsRegistered: number;
  householdsTrained: number;
  /** Households with a batch behind a listing live on at least one marketplace, or behind a marketplace order. */
  householdsOnEcommerce: number;
  productsListed: number;
  listingsLive: number;
  transactions: number;
  labelsPrinted: number;
  scans: number;
}

export type ReconciliationFlag = 'LABELS_EXCEED_HARVEST' | 'SOLD_EXCEEDS_HARVEST' | 'YIELD_IMPLAUSIBLE';

export interface BatchReconciliation {
  batchId: string;
  lotCode: string;
  cooperativeId: string;
  plotId: string | null;
  product: string;
  status: string;
  harvestedAt: string;
  quantity: number;
  unit: string;
  /** null when the batch is counted in boxes of a product without a package weight. */
  kgHarvested: number | null;
  /** Labelled packages the harvest can fill. */
  capacity: number;
  labelsPrinted: number;
  labelsScanned: number;
  unitsSold: number;
  flags: ReconciliationFlag[];
}

export interface PlotReconciliation {
  plotId: string;
  code: string;
  crop: string;
  areaHa: number;
  /** Harvest year in Vietnam time. */
  year: number;
  batches: number;
  kgHarvested: number;
  kgPerHa: number;
  maxKgPerHa: number | null;
  labelsPrinted: number;
  labelsScanned: number;
  unitsSold: number;
  flags: ReconciliationFlag[];
}

export interface ReconciliationResponse {
  batches: BatchReconciliation[];
  plots: PlotReconciliation[];
}
