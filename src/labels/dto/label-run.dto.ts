import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { propertyRule } from '../../common/http/property-rule';
import { LABEL_FORMATS, LABEL_LAYOUTS } from '../label-run.entity';
import type { LabelFormat, LabelLayout, LabelRun } from '../label-run.entity';
import type { LabelRunResponse } from '../labels.contract';

/** Layouts a format can print: ZPL drives a thermal roll printer one label at a time, it has no A4 sheet. */
const FORMAT_LAYOUTS: Record<LabelFormat, readonly LabelLayout[]> = { pdf: LABEL_LAYOUTS, zpl: ['thermal-50x30'] };

// The pipe fills the message's {format} and {layout} from the request.
const FitsLayout = propertyRule('fitsLayout', 'labels.zplNeedsThermal', (value, args) => {
  const layout = (args.object as CreateLabelRunDto).layout;
  // An unknown format or layout is reported by @IsIn alone.
  if (typeof value !== 'string' || !Object.hasOwn(FORMAT_LAYOUTS, value) || !LABEL_LAYOUTS.includes(layout)) return true;
  return FORMAT_LAYOUTS[value as LabelFormat].includes(layout);
});

export class CreateLabelRunDto {
  /** How many labels (serials) to print: 1 to 100,000. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity!: number;

  /** `a4-3x8`: 24 labels on an A4 sticker sheet; `thermal-50x30`: one 50 × 30 mm label per page. */
  @IsIn(LABEL_LAYOUTS)
  layout!: LabelLayout;

  /** `pdf` for office and PDF-driven printers, `zpl` for Zebra-compatible thermal printers (layout `thermal-50x30` only). */
  @IsIn(LABEL_FORMATS)
  @FitsLayout()
  format!: LabelFormat;

  /** Print more labels than the batch can fill (recorded on the run). */
  @IsOptional()
  @IsBoolean()
  allowOverrun?: boolean;
}

export type { LabelRunResponse };

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
