import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { EditsVersion, IfMatch, SendsEtag } from '../common/records/versioned-route';
import { CreateProductDto, ListProductsQuery, ProductResponse, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /**
   * Registers a product of a co-operative; a GTIN with a wrong check digit, or outside the co-op's GS1
   * company prefix, is refused (an admin may accept the latter with `gtinPrefixOverrideReason`).
   */
  @Roles('admin', 'coop_manager')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto): Promise<ProductResponse> {
    return this.products.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListProductsQuery): Promise<Page<ProductResponse>> {
    return this.products.list(actor, query);
  }

  /** The product; `ETag` carries its version. */
  @Get(':id')
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ProductResponse> {
    return this.products.get(actor, id);
  }

  /**
   * Corrects a product. With `If-Match`, a stale version answers 412 with the current product. Once labels
   * are printed, gtin, name, geographicalIndication and packageNetWeightKg are refused (409 naming the field).
   */
  @Roles('admin', 'coop_manager')
  @Patch(':id')
  @EditsVersion()
  @ApiResponse({ status: 412, description: 'Another edit came first; the problem carries the current product' })
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateProductDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<ProductResponse> {
    return this.products.update(actor, id, dto, ifMatch);
  }

  /** Archives a product without labels (it leaves the lists, takes no new batches). A labelled product answers 409. */
  @Roles('admin', 'coop_manager')
  @Delete(':id')
  @HttpCode(204)
  async archive(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    await this.products.archive(actor, id);
  }
}
