import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import type { Page } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { isMarketplace } from '../marketplaces/marketplace';
import { message } from '../common/i18n/message';
import { AddChannelDto, CreateListingDto, ListListingsQuery, RelistListingDto, UpdateListingDto } from './dto/listing.dto';
import type { ListingResponse } from './listings.contract';
import { ListingsService } from './listings.service';

@ApiTags('listings')
@ApiBearerAuth()
@Roles('admin', 'coop_manager')
@Controller('api/v1/listings')
export class ListingsController {
  constructor(private readonly listings: ListingsService) {}

  /** Accepts a listing (201, every channel `pending`); the worker pushes it to each marketplace. */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateListingDto): Promise<ListingResponse> {
    return this.listings.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListListingsQuery): Promise<Page<ListingResponse>> {
    return this.listings.list(actor, query);
  }

  /**
   * A listing and where each channel stands: `pending, syncing, in_review, live, updating, rejected,
   * failed, delisted`. `updating` is a live channel whose platform still shows the previous price, stock
   * or text while the change is on its way; it reads `live` again once pushed.
   */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ListingResponse> {
    return this.listings.get(actor, id);
  }

  /** Price, stock, title, description; each live channel reads `updating` until its platform has the change. */
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateListingDto): Promise<ListingResponse> {
    return this.listings.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(202)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ListingResponse> {
    return this.listings.remove(actor, id);
  }

  @Post(':id/channels/:marketplace/retry')
  @HttpCode(202)
  retry(@CurrentActor() actor: Actor, @IdParam() id: string, @Param('marketplace') marketplace: string): Promise<ListingResponse> {
    if (!isMarketplace(marketplace)) throw InvalidInputError.field('marketplace', message('listings.marketplaceName'));
    return this.listings.retry(actor, id, marketplace);
  }

  /**
   * Puts a listing that is on sale on one more marketplace (202, the channel `pending`, then pushed like
   * any new channel); 409 if the listing already has that channel (unless delisted) or is delisted itself.
   */
  @Post(':id/channels')
  @HttpCode(202)
  addChannel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AddChannelDto): Promise<ListingResponse> {
    return this.listings.addChannel(actor, id, dto.marketplace);
  }

  /**
   * Lists a delisted listing again (202), on all the channels it had or on `channels`. It gets a new
   * `sellerSku` (the platforms keep the delisted item under the old one) and each channel creates its
   * item afresh. 409 while a channel is still delisting, or if the listing is on sale.
   */
  @Post(':id/relist')
  @HttpCode(202)
  relist(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RelistListingDto): Promise<ListingResponse> {
    return this.listings.relist(actor, id, dto);
  }
}
