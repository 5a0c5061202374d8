import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/decorators';
import type { Page } from '../../common/http/pagination';
import { ListMarketplaceOrdersQuery, MarketplaceOrderView } from './dto/marketplace-order.dto';
import { MarketplaceOrdersService } from './marketplace-orders.service';

@ApiTags('listings')
@ApiBearerAuth()
@Roles('admin', 'coop_manager')
@Controller('api/v1/marketplace-orders')
export class MarketplaceOrdersController {
  constructor(private readonly orders: MarketplaceOrdersService) {}

  /** Order lines the marketplaces pushed: recorded ones (with the oversell flag), or `?status=rejected` ones with the reason. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListMarketplaceOrdersQuery): Promise<Page<MarketplaceOrderView>> {
    return this.orders.list(actor, query);
  }
}
