/**
 * Label runs and labels as they travel on the wire (dates as ISO strings). Decorator- and import-free, so the
 * farm app type-checks against the same declarations (web/src/screens/manager).
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */

export const LABEL_LAYOUTS = ['a4-3x8', 'thermal-50x30'] as const;
export type LabelLayout = (typeof LABEL_LAYOUTS)[number];
export const LABEL_FORMATS = ['pdf', 'zpl'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
export type LabelRunStatus = 'queued' | 'rendering' | 'done' | 'failed';

export type LabelStatus = 'active' | 'voided';

export class LabelRunResponse {
  id!: string;
  batchId!: string;
  status!: LabelRunStatus;
  /** 0-100. */
  progress!: number;
  quantity!: number;
  layout!: LabelLayout;
  format!: LabelFormat;
  allowOverrun!: boolean;
  /** Packages the batch can fill, as computed when the run was accepted. */
  batchCapacity!: number;
  fileBytes!: number | null;
  error?: string;
  createdAt!: string;
  finishedAt!: string | null;
}

export class LabelResponse {
  serial!: string;
  url!: string;
  status!: LabelStatus;
  labelRunId!: string;
  batchId!: string;
  sequence!: number;
  scanCount!: number;
  voidReason?: string | null;
}
