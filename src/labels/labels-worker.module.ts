import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LabelRenderProcessor } from './label-render.processor';
import { LabelRunRenderer } from './label-run-renderer';
import { LabelRunSweeper } from './label-run-sweeper';
import { LabelRun } from './label-run.entity';
import { LabelRunsRepository } from './label-runs.repository';
import { LabelsRepository } from './labels.repository';
import { LabelStorage } from './label-storage';
import { LABELS_QUEUE } from './labels.queue';
import { PrintedLotReadModel } from './printed-lot.repository';

/** The worker side of labels: renders queued runs to PDF or ZPL, and re-enqueues runs Redis missed. */
@Module({
  imports: [TypeOrmModule.forFeature([LabelRun]), BullModule.registerQueue({ name: LABELS_QUEUE })],
  providers: [LabelRenderProcessor, LabelRunRenderer, LabelRunSweeper, LabelStorage, LabelRunsRepository, LabelsRepository, PrintedLotReadModel],
  exports: [LabelRunRenderer, LabelRunSweeper],
})
export class LabelsWorkerModule {}
