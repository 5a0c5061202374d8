import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CreateHouseholdDto, HouseholdResponse, ListHouseholdsQuery } from './dto/household.dto';
import { CreatePlotDto, PlotResponse } from './dto/plot.dto';
import { HouseholdImportService, ImportResult } from './household-import.service';
import { HouseholdsService } from './households.service';
import { PlotsService } from './plots.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/households')
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly importer: HouseholdImportService,
    private readonly plots: PlotsService,
  ) {}

  @Roles('admin', 'coop_manager')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHouseholdDto): Promise<HouseholdResponse> {
    return this.households.create(actor, dto);
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

  @Roles('admin', 'coop_manager')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListHouseholdsQuery): Promise<Page<HouseholdResponse>> {
    return this.households.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<HouseholdResponse> {
    return this.households.get(actor, id);
  }

  /** Registers a growing area of the household, with its certificates. */
  @Post(':id/plots')
  createPlot(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CreatePlotDto): Promise<PlotResponse> {
    return this.plots.create(actor, id, dto);
  }

  @Get(':id/plots')
  listPlots(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PlotResponse[]> {
    return this.plots.listForHousehold(actor, id);
  }
}
