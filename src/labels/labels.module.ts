import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BatchesModule } from '../batches/batches.module';
import { CatalogModule } from '../catalog/catalog.module';
import { RegistryModule } from '../registry/registry.module';
import { BatchLabelRunsController } from './batch-label-runs.controller';
import { LabelRun } from './label-run.entity';
import { LabelRunsController } from './label-runs.controller';
import { LabelRunsRepository } from './label-runs.repository';
import { LabelRunsService } from './label-runs.service';
import { LabelStorage } from './label-storage';
import { Label } from './label.entity';
import { LabelsController } from './labels.controller';
import { LabelsRepository } from './labels.repository';
import { LABELS_QUEUE } from './labels.queue';
import { LabelsService } from './labels.service';
import { serialSignerProvider } from './serials/serial-signer.provider';
import { SerialVerifier } from './serials/serial-verifier';

/** QR traceability labels: serial allocation, print runs (enqueued), files, voiding. The HTTP side. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LabelRun, Label]),
    BullModule.registerQueue({ name: LABELS_QUEUE }),
    BatchesModule,
    CatalogModule,
    RegistryModule,
  ],
  controllers: [LabelRunsController, LabelsController, BatchLabelRunsController],
  providers: [LabelRunsService, LabelsService, LabelsRepository, LabelRunsRepository, LabelStorage, serialSignerProvider, SerialVerifier],
  exports: [LabelsService, serialSignerProvider, SerialVerifier],
})
export class LabelsModule {}
