import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { CatalogModule } from '../catalog/catalog.module';
import { RegistryModule } from '../registry/registry.module';
import { EpcisController } from './epcis.controller';
import { EpcisService } from './epcis.service';
import { PublicEpcisController } from './public-epcis.controller';

/** Records that travel: the EPCIS 2.0 export of a batch. */
@Module({
  imports: [BatchesModule, CatalogModule, RegistryModule],
  controllers: [EpcisController, PublicEpcisController],
  providers: [EpcisService],
  exports: [EpcisService],
})
export class EpcisModule {}
