/** The API's answers as these screens read them: the server's wire contracts (the *.contract.ts files under src/). */
export type {
  BatchDetailResponse as BatchDetail,
  BatchEventResponse as BatchEvent,
  BatchResponse as Batch,
} from '../../../../src/batches/batches.contract';
export type { ProductResponse as Product } from '../../../../src/catalog/catalog.contract';
export type { LabelResponse as Label, LabelRunResponse as LabelRun } from '../../../../src/labels/labels.contract';
export type { ChannelResponse as Channel, ListingResponse as Listing } from '../../../../src/listings/listings.contract';
export { MARKETPLACES, type Marketplace } from '../../../../src/marketplaces/marketplaces.contract';
export type { RecallResponse as RecallResult } from '../../../../src/recalls/recalls.contract';
export type {
  CertificationResponse as Certification,
  CertificationStatus,
  HouseholdResponse as Household,
  ImportResponse as ImportResult,
  PlotResponse as Plot,
} from '../../../../src/registry/registry.contract';
