import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PeriodicTask } from '../common/periodic-task';
import { LabelRunsRepository } from './label-runs.repository';
import { enqueueRender, LABELS_QUEUE, RenderLabelRunJob } from './labels.queue';

const SWEEP_EVERY_MS = 10_000;
const QUEUED_GRACE_MS = 5_000;

/**
 * The safety net behind "accepted means printed": runs left `queued` (Redis was down when they were
 * accepted) are enqueued again. The run id is the job id, so a run that is already queued is not duplicated.
 */
@Injectable()
export class LabelRunSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LabelRunSweeper.name);
  private readonly periodic = new PeriodicTask(SWEEP_EVERY_MS, () => this.sweep());

  constructor(
    private readonly runs: LabelRunsRepository,
    @InjectQueue(LABELS_QUEUE) private readonly queue: Queue<RenderLabelRunJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): void {
    this.periodic.stop();
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const stale = await this.runs.queuedSince(new Date(now.getTime() - QUEUED_GRACE_MS), 100);
      let enqueued = 0;
      for (const runId of stale) {
        const existing = await this.queue.getJob(runId);
        if (existing && !(await existing.isCompleted()) && !(await existing.isFailed())) continue;
        if (existing) await existing.remove();
        if (await enqueueRender(this.queue, runId, this.logger)) enqueued++;
      }
      return enqueued;
    } catch (error) {
      this.logger.warn(`Label run sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
