import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CreateHouseholdDto, HouseholdResponse, ListHouseholdsQuery, UpdateHouseholdDto } from './dto/household.dto';
import { CreatePlotDto, ListHouseholdPlotsQuery, PlotResponse } from './dto/plot.dto';
import { HouseholdImportService, ImportResult } from './household-import.service';
import { HouseholdsService } from './households.service';
import { PlotsService } from './plots.service';
import { IF_MATCH_HEADER, withEtag } from './versioned-edit';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/households')
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly importer: HouseholdImportService,
    private readonly plots: PlotsService,
  ) {}

  /**
   * Registers a household in a co-operative (a manager's own by default). Send a client-made `id` to
   * make the create safe to repeat: the same id and body answer the same household, another body 409.
   */
  @Roles('admin', 'coop_manager')
  @Post()
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateHouseholdDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HouseholdResponse> {
    return withEtag(reply, await this.households.create(actor, dto));
  }

  /**
   * Registers households in bulk from CSV (`Content-Type: text/csv`), header
   * `headName,phone,nationalId,province,commune,district,digitalSkillsTrained` plus a `cooperativeId`
   * column or the `?cooperativeId=` parameter. Good rows land; bad rows are listed with line and reasons.
   */
  @Roles('admin', 'coop_manager')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'headName,phone,nationalId,province,commune,district,digitalSkillsTrained\nNguyễn Văn An,0912345678,030088001234,Hải Phòng,Thanh Hà,,true',
    },
  })
  @ApiQuery({ name: 'cooperativeId', required: false })
  import(@CurrentActor() actor: Actor, @Body() body: unknown, @Query('cooperativeId') cooperativeId?: string): Promise<ImportResult> {
    if (!Buffer.isBuffer(body)) throw InvalidInputError.field('body', 'send the file as Content-Type: text/csv');
    return this.importer.import(actor, body, cooperativeId);
  }

  /**
   * Households of a co-operative (a manager's own by default). `q` (name or phone), `province` and
   * `commune` ignore case and diacritics; archived ones only with `includeArchived=true`.
   */
  @Roles('admin', 'coop_manager')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListHouseholdsQuery): Promise<Page<HouseholdResponse>> {
    return this.households.list(actor, query);
  }

  @Get(':id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HouseholdResponse> {
    return withEtag(reply, await this.households.get(actor, id));
  }

  /** Corrects a household (admin or its co-op's manager); `If-Match` with the ETag makes a stale edit answer 412. */
  @Roles('admin', 'coop_manager')
  @Patch(':id')
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateHouseholdDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HouseholdResponse> {
    return withEtag(reply, await this.households.update(actor, id, dto, ifMatch));
  }

  /** Archives a household none of whose batches has printed labels (409 otherwise). */
  @Roles('admin', 'coop_manager')
  @Delete(':id')
  @ApiHeader(IF_MATCH_HEADER)
  async archive(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HouseholdResponse> {
    return withEtag(reply, await this.households.archive(actor, id, ifMatch));
  }

  /** Registers a growing area of the household, with its certificates; a client-made `id` makes it safe to repeat. */
  @Post(':id/plots')
  async createPlot(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreatePlotDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlotResponse> {
    return withEtag(reply, await this.plots.create(actor, id, dto));
  }

  /** The household's plots, paged (`limit`, `cursor`), archived ones only with `includeArchived=true`. */
  @Get(':id/plots')
  listPlots(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: ListHouseholdPlotsQuery,
  ): Promise<Page<PlotResponse>> {
    return this.plots.listForHousehold(actor, id, query);
  }
}
