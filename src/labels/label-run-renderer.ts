import { Injectable, Logger } from '@nestjs/common';
import { LabelsConfig, ServerConfig } from '../config/sections';
import { LabelRunsRepository } from './label-runs.repository';
import { LabelsRepository } from './labels.repository';
import { LabelStorage } from './label-storage';
import { PrintedLotReadModel } from './printed-lot.repository';
import { labelTemplateText } from './rendering/label-template';
import { LAYOUTS } from './rendering/layouts';
import type { LabelItem } from './rendering/page-content';
import { renderLabelPdf } from './rendering/pdf-label-renderer';
import { renderLabelZpl } from './rendering/zpl-renderer';
import { labelUrl, shortDomain } from './serials/digital-link';

const PROGRESS_INTERVAL_MS = 500;

/**
 * Renders a run from the serials already stored for it. Running it again (a retried job, a worker that
 * was killed mid-run) renders the very same serials into a fresh file: nothing is lost or printed twice.
 */
@Injectable()
export class LabelRunRenderer {
  private readonly logger = new Logger(LabelRunRenderer.name);

  constructor(
    private readonly lots: PrintedLotReadModel,
    private readonly runs: LabelRunsRepository,
    private readonly labels: LabelsRepository,
    private readonly storage: LabelStorage,
    private readonly server: ServerConfig,
    private readonly labelsConfig: LabelsConfig,
  ) {}

  async render(runId: string): Promise<'rendered' | 'already-done' | 'missing'> {
    const run = await this.runs.findById(runId);
    if (!run) return 'missing';
    if (run.status === 'done') return 'already-done';
    await this.runs.update(run.id, { status: 'rendering', progress: 0, error: null, attempts: run.attempts + 1, updatedAt: new Date() });

    const lot = await this.lots.load(run.batchId, run.cooperativeId);
    if (!lot) throw new Error(`run ${run.id}: its batch, product or co-operative is gone`);
    const { batch, product, cooperative } = lot;
    const serials = await this.labels.serialsOfRun(run.id);
    if (serials.length !== run.quantity) throw new Error(`run ${run.id} has ${serials.length} serials stored, expected ${run.quantity}`);
    const labels: LabelItem[] = serials.map((l) => ({
      serial: l.serial,
      url: labelUrl(this.server.PUBLIC_BASE_URL, product.gtin, batch.lotCode, l.serial),
    }));
    const text = labelTemplateText({ product, batch, cooperative, domain: shortDomain(this.server.PUBLIC_BASE_URL) });

    let lastReport = 0;
    const onProgress = async (done: number, total: number): Promise<void> => {
      if (Date.now() - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = Date.now();
      // Never 100 before the file is in place.
      await this.runs.update(run.id, { progress: Math.min(99, Math.floor((done / total) * 100)), updatedAt: new Date() });
    };
    const partial = await this.storage.partialPath(run.id, run.format);
    try {
      if (run.format === 'pdf') {
        await renderLabelPdf({
          path: partial,
          layout: LAYOUTS[run.layout],
          text,
          labels,
          threads: this.labelsConfig.LABEL_RENDER_THREADS,
          onProgress,
        });
      } else {
        await renderLabelZpl(partial, labels, text, onProgress);
      }
      const file = await this.storage.commit(run.id, run.format);
      await this.runs.update(run.id, {
        status: 'done',
        progress: 100,
        fileName: file.fileName,
        fileBytes: file.bytes,
        finishedAt: new Date(),
        updatedAt: new Date(),
      });
      this.logger.log(`Rendered label run ${run.id}: ${run.quantity} labels, ${file.bytes} bytes`);
      return 'rendered';
    } catch (error) {
      await this.storage.discardPartial(run.id, run.format);
      throw error;
    }
  }

  async markFailed(runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.runs.update(runId, { status: 'failed', error: message.slice(0, 500), updatedAt: new Date() });
  }
}
