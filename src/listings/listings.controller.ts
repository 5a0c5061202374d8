import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import type { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { isMarketplace } from '../marketplaces/marketplace';
import { CreateListingDto, ListingResponse, ListListingsQuery, UpdateListingDto } from './dto/listing.dto';
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

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ListingResponse> {
    return this.listings.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateListingDto): Promise<ListingResponse> {
    return this.listings.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(202)
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ListingResponse> {
    return this.listings.remove(actor, id);
  }

  @Post(':id/channels/:marketplace/retry')
  @HttpCode(202)
  retry(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('marketplace') marketplace: string,
  ): Promise<ListingResponse> {
    if (!isMarketplace(marketplace)) throw InvalidInputError.field('marketplace', 'must be one of lazada, tiki, shopee');
    return this.listings.retry(actor, id, marketplace);
  }
}
