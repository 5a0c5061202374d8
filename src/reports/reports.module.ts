import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The province's indicators, volume reconciliation and the /admin dashboard. */
@Module({
  controllers: [ReportsController, AdminController],
  providers: [ReportsService],
})
export class ReportsModule {}
