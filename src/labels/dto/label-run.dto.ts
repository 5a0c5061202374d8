import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LABEL_FORMATS, LABEL_LAYOUTS } from '../label-run.entity';
import type { LabelFormat, LabelLayout, LabelRun, LabelRunStatus } from '../label-run.entity';

export class CreateLabelRunDto {
  /** How many labels (serials) to print: 1 to 100,000. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity!: number;

  /** `a4-3x8`: 24 labels on an A4 sticker sheet; `thermal-50x30`: one 50 × 30 mm label per page. */
  @IsIn(LABEL_LAYOUTS)
  layout!: LabelLayout;

  /** `pdf` for office and PDF-driven printers, `zpl` for Zebra-compatible thermal printers. */
  @IsIn(LABEL_FORMATS)
  format!: LabelFormat;

  /** Print more labels than the batch can fill (recorded on the run). */
  @IsOptional()
  @IsBoolean()
  allowOverrun?: boolean;
}

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

export function toLabelRunResponse(run: LabelRun): LabelRunResponse {
  return {
    id: run.id,
    batchId: run.batchId,
    status: run.status,
    progress: run.progress,
    quantity: run.quantity,
    layout: run.layout,
    format: run.format,
    allowOverrun: Boolean(run.allowOverrun),
    batchCapacity: run.batchCapacity,
    fileBytes: run.fileBytes,
    ...(run.error ? { error: run.error } : {}),
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}
