import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AreaActivityController } from './area-activity.controller';
import { AreaActivityService } from './area-activity.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The province's indicators, volume reconciliation and the /admin dashboard. */
@Module({
  controllers: [ReportsController, AdminController, AreaActivityController],
  providers: [ReportsService, AreaActivityService],
})
export class ReportsModule {}
