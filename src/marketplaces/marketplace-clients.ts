import { Injectable } from '@nestjs/common';
import { LazadaClient } from './lazada/lazada.client';
import { Marketplace, MarketplaceClient } from './marketplace';
import { ShopeeClient } from './shopee/shopee.client';
import { TikiClient } from './tiki/tiki.client';

/** The three adapters by name. */
@Injectable()
export class MarketplaceClients {
  private readonly byName: Record<Marketplace, MarketplaceClient>;

  constructor(lazada: LazadaClient, tiki: TikiClient, shopee: ShopeeClient) {
    this.byName = { lazada, tiki, shopee };
  }

  get(marketplace: Marketplace): MarketplaceClient {
    return this.byName[marketplace];
  }
}
