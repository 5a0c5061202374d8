import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { LessThan, Repository } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { LabelRun } from './label-run.entity';
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
    @InjectRepository(LabelRun) private readonly runs: Repository<LabelRun>,
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
      const stale = await this.runs.find({
        where: { status: 'queued', createdAt: LessThan(new Date(now.getTime() - QUEUED_GRACE_MS)) },
        select: { id: true },
        take: 100,
      });
      let enqueued = 0;
      for (const run of stale) {
        const existing = await this.queue.getJob(run.id);
        if (existing && !(await existing.isCompleted()) && !(await existing.isFailed())) continue;
        if (existing) await existing.remove();
        if (await enqueueRender(this.queue, run.id, this.logger)) enqueued++;
      }
      return enqueued;
    } catch (error) {
      this.logger.warn(`Label run sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
