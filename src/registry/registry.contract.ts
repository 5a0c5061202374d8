/**
 * The registry's answers as they travel on the wire (dates as ISO strings, calendar dates as YYYY-MM-DD).
 * Decorator- and import-free but for other contracts, so the farm app type-checks against the same
 * declarations (web/src/screens).
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */
import type { FieldError } from '../common/errors/problem.contract';

export const CERTIFICATION_SCHEMES = ['VietGAP', 'GlobalGAP', 'Organic'] as const;
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number];

export type CertificationStatus = 'valid' | 'expiring' | 'expired' | 'revoked' | 'unverified';

export class CooperativeResponse {
  id!: string;
  name!: string;
  province!: string;
  commune!: string;
  district!: string | null;
  taxCode!: string | null;
  gs1CompanyPrefix!: string | null;
  /** Public contact shown on the consumer page. */
  contactPhone!: string | null;
  contactEmail!: string | null;
  /** The record's version, also sent as the `ETag` header; send it back in `If-Match` when editing. */
  version!: number;
  /** When it was archived (hidden from lists); null while in use. */
  archivedAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class HouseholdResponse {
  id!: string;
  cooperativeId!: string;
  headName!: string;
  phone!: string;
  /** Masked: `********1234`. */
  nationalId!: string | null;
  province!: string;
  commune!: string;
  district!: string | null;
  digitalSkillsTrained!: boolean;
  /** The record's version, also sent as the `ETag` header; send it back in `If-Match` when editing. */
  version!: number;
  archivedAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class CertificationResponse {
  id!: string;
  plotId!: string;
  scheme!: CertificationScheme;
  number!: string;
  issuer!: string | null;
  issuedAt!: string | null;
  validUntil!: string;
  /**
   * `revoked`, `expired` (validUntil has passed), `unverified` (entered by a farmer, nobody has checked
   * it yet), `expiring` (ends within 30 days) or `valid`. An expired certificate is never shown as valid.
   */
  status!: CertificationStatus;
  verified!: boolean;
  /** The manager or province-office account that verified it. */
  verifiedBy!: string | null;
  verifiedAt!: string | null;
  revokedAt!: string | null;
  revokedReason!: string | null;
  version!: number;
  createdAt!: string;
}

export class PlotResponse {
  id!: string;
  householdId!: string;
  cooperativeId!: string;
  code!: string;
  areaHa!: number;
  latitude!: number;
  longitude!: number;
  crop!: string;
  certifications!: CertificationResponse[];
  /** The status of the plot's best certificate (`none` without one): what a buyer would be shown first. */
  certificationStatus!: CertificationStatus | 'none';
  /** validUntil of that certificate. */
  certificationExpiresOn!: string | null;
  version!: number;
  archivedAt!: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class ImportRejectionResponse {
  /** The line of the file the row starts on (the header is line 1). */
  line!: number;
  errors!: FieldError[];
}

export class ImportResponse {
  /** Households registered. */
  created!: number;
  /** Rows not registered, each with its line and reasons. */
  rejected!: ImportRejectionResponse[];
  /** Header cells of columns the import does not know (an "STT" or "Ghi chú" column): named once, their cells not read. */
  ignoredColumns!: string[];
}
