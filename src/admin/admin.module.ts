import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { SYNC_QUEUES } from '../listings/sync/sync.queue';
import { ReportsModule } from '../reports/reports.module';
import { AdminController } from './admin.controller';
import { QueueBoard } from './queue-board';

/** The /admin pages: the dashboard (reports, server-rendered) and the queue board at /admin/queues, for admins only. */
@Module({
  imports: [ReportsModule, BullModule.registerQueue(...Object.values(SYNC_QUEUES).map((name) => ({ name })))],
  controllers: [AdminController],
  providers: [QueueBoard],
})
export class AdminModule {}
