import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { CatalogModule } from '../catalog/catalog.module';
import { LabelsModule } from '../labels/labels.module';
import { ListingsModule } from '../listings/listings.module';
import { MarketplaceOrdersModule } from '../listings/orders/marketplace-orders.module';
import { RegistryModule } from '../registry/registry.module';
import { RecallsController } from './recalls.controller';
import { RecallsService } from './recalls.service';

/** Recall in one call, and the FSMA 204 spreadsheet of a lot. */
@Module({
  imports: [BatchesModule, LabelsModule, ListingsModule, MarketplaceOrdersModule, CatalogModule, RegistryModule],
  controllers: [RecallsController],
  providers: [RecallsService],
})
export class RecallsModule {}
