import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { etagOf } from '../common/records/record-version';
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
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponse> {
    const product = await this.products.get(actor, id);
    void reply.header('ETag', etagOf(product.version ?? 1));
    return product;
  }

  /**
   * Corrects a product. With `If-Match`, a stale version answers 412 with the current product. Once labels
   * are printed, gtin, name, geographicalIndication and packageNetWeightKg are refused (409 naming the field).
   */
  @Roles('admin', 'coop_manager')
  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the version being edited' })
  @ApiResponse({ status: 412, description: 'Another edit came first; the problem carries the current product' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateProductDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ProductResponse> {
    const product = await this.products.update(actor, id, dto, ifMatch);
    void reply.header('ETag', etagOf(product.version ?? 1));
    return product;
  }

  /** Archives a product without labels (it leaves the lists, takes no new batches). A labelled product answers 409. */
  @Roles('admin', 'coop_manager')
  @Delete(':id')
  @HttpCode(204)
  async archive(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.products.archive(actor, id);
  }
}
