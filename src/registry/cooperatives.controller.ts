import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CooperativesService } from './cooperatives.service';
import { CooperativeResponse, CreateCooperativeDto, ListCooperativesQuery, UpdateCooperativeDto } from './dto/cooperative.dto';
import { IF_MATCH_HEADER, withEtag } from './versioned-edit';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  /** Registers a co-operative (province office only). */
  @Roles('admin')
  @Post()
  async create(@Body() dto: CreateCooperativeDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CooperativeResponse> {
    return withEtag(reply, await this.cooperatives.create(dto));
  }

  /**
   * Co-operatives the caller can see: all for the province office, its own for everyone else; `q`,
   * `province` and `commune` ignore case and diacritics; archived ones only with `includeArchived=true`.
   */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListCooperativesQuery): Promise<Page<CooperativeResponse>> {
    return this.cooperatives.list(actor, query);
  }

  @Get(':id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CooperativeResponse> {
    return withEtag(reply, await this.cooperatives.get(actor, id));
  }

  /**
   * Corrects a co-operative (province office, or its own manager). `If-Match` with the ETag makes a
   * stale edit answer 412; the name once labels are printed, and the GS1 prefix once a product's GTIN
   * carries it, answer 409 naming the field.
   */
  @Roles('admin', 'coop_manager')
  @Patch(':id')
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateCooperativeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CooperativeResponse> {
    return withEtag(reply, await this.cooperatives.update(actor, id, dto, ifMatch));
  }

  /** Archives a co-operative that has printed no labels (409 otherwise): hidden from lists, still readable. */
  @Roles('admin')
  @Delete(':id')
  @ApiHeader(IF_MATCH_HEADER)
  async archive(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CooperativeResponse> {
    return withEtag(reply, await this.cooperatives.archive(actor, id, ifMatch));
  }
}
