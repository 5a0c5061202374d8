import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { RegistryModule } from '../registry/registry.module';
import { BatchEvent } from './batch-event.entity';
import { Batch } from './batch.entity';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { PlotActivitiesController } from './plot-activities.controller';
import { PlotActivitiesService } from './plot-activities.service';
import { PlotActivity } from './plot-activity.entity';
import { PesticidesController } from './pesticides/pesticides.controller';
import { SafetyController } from './safety.controller';

/** Harvest batches (lots) and what happened to them, with food-safety checks. */
@Module({
  imports: [TypeOrmModule.forFeature([Batch, BatchEvent, PlotActivity]), RegistryModule, CatalogModule],
  controllers: [BatchesController, SafetyController, PesticidesController, PlotActivitiesController],
  providers: [BatchesService, PlotActivitiesService],
  exports: [BatchesService],
})
export class BatchesModule {}
