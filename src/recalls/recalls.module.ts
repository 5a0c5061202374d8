import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { ListingsModule } from '../listings/listings.module';
import { RecallsController } from './recalls.controller';
import { RecallsService } from './recalls.service';

/** Recall in one call, and the FSMA 204 spreadsheet of a lot. */
@Module({
  imports: [BatchesModule, ListingsModule],
  controllers: [RecallsController],
  providers: [RecallsService],
})
export class RecallsModule {}
