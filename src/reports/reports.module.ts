import { Module } from '@nestjs/common';
import { AreaActivityController } from './area-activity.controller';
import { AreaActivityReadModel } from './area-activity.repository';
import { AreaActivityService } from './area-activity.service';
import { ReportsController } from './reports.controller';
import { ReportsReadModel } from './reports.repository';
import { ReportsService } from './reports.service';

/** The province's indicators, per-area activity and volume reconciliation (the /admin dashboard shows them: AdminModule). */
@Module({
  controllers: [ReportsController, AreaActivityController],
  providers: [ReportsService, ReportsReadModel, AreaActivityService, AreaActivityReadModel],
  exports: [ReportsService],
})
export class ReportsModule {}
