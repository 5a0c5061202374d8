import { Module } from '@nestjs/common';
import { ImagePreparer } from './images/image-preparer';
import { LazadaClient } from './lazada/lazada.client';
import { MarketplaceClients } from './marketplace-clients';
import { ShopeeClient } from './shopee/shopee.client';
import { TikiClient } from './tiki/tiki.client';

/** The marketplace adapters: real HTTP clients of each platform's open API. */
@Module({
  providers: [LazadaClient, TikiClient, ShopeeClient, MarketplaceClients, ImagePreparer],
  exports: [MarketplaceClients, ImagePreparer],
})
export class MarketplacesModule {}
