import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Sweeper } from '../common/sweeper';
import { LabelRunsRepository } from './label-runs.repository';
import { enqueueRender, LABELS_QUEUE, RenderLabelRunJob } from './labels.queue';

const SWEEP_EVERY_MS = 10_000;
const QUEUED_GRACE_MS = 5_000;

/**
 * The safety net behind "accepted means printed": runs left `queued` (Redis was down when they were
 * accepted) are enqueued again. The run id is the job id, so a run that is already queued is not duplicated.
 */
@Injectable()
export class LabelRunSweeper extends Sweeper {
  constructor(
    private readonly runs: LabelRunsRepository,
    @InjectQueue(LABELS_QUEUE) private readonly queue: Queue<RenderLabelRunJob>,
  ) {
    super(SWEEP_EVERY_MS, 'Label run');
  }

  protected async sweepStale(now: Date): Promise<number> {
    const stale = await this.runs.queuedSince(new Date(now.getTime() - QUEUED_GRACE_MS), 100);
    let enqueued = 0;
    for (const runId of stale) {
      const existing = await this.queue.getJob(runId);
      if (existing && !(await existing.isCompleted()) && !(await existing.isFailed())) continue;
      if (existing) await existing.remove();
      if (await enqueueRender(this.queue, runId, this.logger)) enqueued++;
    }
    return enqueued;
  }
}
