import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PhotosRepository } from './photos.repository';
import { PlotActivitiesRepository } from './plot-activities.repository';
import { CatalogModule } from '../catalog/catalog.module';
import { RegistryModule } from '../registry/registry.module';
import { BatchEvent } from './batch-event.entity';
import { Batch } from './batch.entity';
import { BatchesController } from './batches.controller';
import { BatchesRepository } from './batches.repository';
import { BatchesService } from './batches.service';
import { PlotActivitiesController } from './plot-activities.controller';
import { PlotActivitiesService } from './plot-activities.service';
import { PlotActivity } from './plot-activity.entity';
import { Photo } from './photo.entity';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';
import { PesticidesController } from './pesticides/pesticides.controller';
import { SafetyController } from './safety.controller';

/** Harvest batches (lots) and what happened to them, with food-safety checks. */
@Module({
  imports: [TypeOrmModule.forFeature([Batch, BatchEvent, PlotActivity, Photo]), RegistryModule, CatalogModule],
  controllers: [BatchesController, SafetyController, PesticidesController, PlotActivitiesController, PhotosController],
  providers: [BatchesService, BatchesRepository, PlotActivitiesService, PlotActivitiesRepository, PhotosService, PhotosRepository],
  exports: [BatchesService],
})
export class BatchesModule {}
