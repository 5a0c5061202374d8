import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { SYNC_QUEUES } from '../listings/sync/sync.queue';
import { AdminController } from './admin.controller';
import { QueueBoard } from './queue-board';

/** /admin: a way into the farm app, and the queue board at /admin/queues, for admins only. */
@Module({
  imports: [BullModule.registerQueue(...Object.values(SYNC_QUEUES).map((name) => ({ name })))],
  controllers: [AdminController],
  providers: [QueueBoard],
})
export class AdminModule {}
