import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsReadModel } from './reports.repository';
import { ReportsService } from './reports.service';

/** The province's indicators and volume reconciliation (the /admin dashboard shows them: AdminModule). */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportsReadModel],
  exports: [ReportsService],
})
export class ReportsModule {}
