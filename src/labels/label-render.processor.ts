import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { environmentAtLoad } from '../config/environment';
import { LabelRunRenderer } from './label-run-renderer';
import { LabelJobName, LABELS_QUEUE, RenderLabelRunJob } from './labels.queue';

/**
 * Consumes the `labels` queue in the worker role. One run at a time per process: a run already uses
 * every core through its render threads. A job lock held by a killed worker expires and the job is
 * picked up again as stalled.
 */
// Decorator options are read when the module loads, before Nest exists; the value is validated with the
// rest of the environment at start (Environment.LABEL_JOB_LOCK_SECONDS).
const lockMs = environmentAtLoad().LABEL_JOB_LOCK_SECONDS * 1000;

@Processor(LABELS_QUEUE, { concurrency: 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 5 })
export class LabelRenderProcessor extends WorkerHost {
  private readonly logger = new Logger(LabelRenderProcessor.name);

  constructor(private readonly renderer: LabelRunRenderer) {
    super();
  }

  async process(job: Job<RenderLabelRunJob>): Promise<string> {
    switch (job.name) {
      case LabelJobName.Render:
        return this.renderer.render(job.data.runId);
      default:
        throw new Error(`unknown job ${job.name} on the labels queue`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<RenderLabelRunJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.error(`Label run ${job.data.runId} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (final) await this.renderer.markFailed(job.data.runId, error);
  }
}
