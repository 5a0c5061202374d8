import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import { negotiateLocale } from '../common/i18n/locale';
import { message } from '../common/i18n/message';
import { Page } from '../common/http/pagination';
import { EditsVersion, IfMatch, SendsEtag } from '../common/records/versioned-route';
import { IdParam } from '../common/http/id-param';
import { CreateHouseholdDto, HouseholdResponse, ListHouseholdsQuery, UpdateHouseholdDto } from './dto/household.dto';
import { CreatePlotDto, ListHouseholdPlotsQuery, PlotResponse } from './dto/plot.dto';
import { ImportResponse, toImportResponse } from './dto/household-import.dto';
import { HouseholdImportService } from './household-import.service';
import { FILE_FIELD, MultipartForm } from './multipart-form';
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

  /**
   * Registers a household in a co-operative (a manager's own by default). Send a client-made `id` to
   * make the create safe to repeat: the same id and body answer the same household, another body 409.
   */
  @Roles('admin', 'coop_manager')
  @Post()
  @SendsEtag()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHouseholdDto): Promise<HouseholdResponse> {
    return this.households.create(actor, dto);
  }

  /**
   * Registers households in bulk from a CSV file, sent as the body (`Content-Type: text/csv`) or as a
   * browser uploads it (`multipart/form-data`, the file in the field `file`, optionally a `cooperativeId`
   * field). Header `headName,phone,nationalId,province,commune,district,digitalSkillsTrained` or the
   * Vietnamese column names of an Excel sheet ("Họ và tên", "Số điện thoại", "Tỉnh/Thành phố", "Xã/Phường",
   * "Quận/Huyện", "CCCD", "Đã tập huấn"), in any order, matched whatever their case and diacritics;
   * other columns are ignored and named in `ignoredColumns`. Separated by `,` `;` or tabs; UTF-8 (with or
   * without BOM), UTF-16 or Windows-1258. The co-op is a `cooperativeId` column, else the parameter or
   * form field, else a manager's own. Good rows land; bad rows are listed with line and reasons.
   */
  @Roles('admin', 'coop_manager')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiOperation({
    requestBody: {
      required: true,
      content: {
        'text/csv': {
          schema: {
            type: 'string',
            example:
              'Họ và tên;Số điện thoại;CCCD;Tỉnh/Thành phố;Xã/Phường;Quận/Huyện;Đã tập huấn\nNguyễn Văn An;0912345678;030088001234;Hải Phòng;Thanh Hà;;Có',
          },
        },
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary' }, cooperativeId: { type: 'string', format: 'uuid' } },
          },
        },
      },
    },
  })
  @ApiQuery({ name: 'cooperativeId', required: false })
  async import(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Query('cooperativeId') cooperativeId?: string,
  ): Promise<ImportResponse> {
    let file: Buffer;
    if (Buffer.isBuffer(body)) file = body;
    else if (body instanceof MultipartForm) {
      if (!body.file) throw InvalidInputError.field(FILE_FIELD, message('import.noFilePart'));
      file = body.file.data;
      cooperativeId ??= body.fields.cooperativeId?.trim() || undefined;
    } else throw InvalidInputError.field('body', message('import.sendAsCsv'));
    return toImportResponse(await this.importer.import(actor, file, cooperativeId), negotiateLocale(acceptLanguage));
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
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<HouseholdResponse> {
    return this.households.get(actor, id);
  }

  /** Corrects a household (admin or its co-op's manager); `If-Match` with the ETag makes a stale edit answer 412. */
  @Roles('admin', 'coop_manager')
  @Patch(':id')
  @EditsVersion()
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateHouseholdDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<HouseholdResponse> {
    return this.households.update(actor, id, dto, ifMatch);
  }

  /** Archives a household none of whose batches has printed labels (409 otherwise). */
  @Roles('admin', 'coop_manager')
  @Delete(':id')
  @EditsVersion()
  archive(@CurrentActor() actor: Actor, @IdParam() id: string, @IfMatch() ifMatch: string | undefined): Promise<HouseholdResponse> {
    return this.households.archive(actor, id, ifMatch);
  }

  /** Registers a growing area of the household, with its certificates; a client-made `id` makes it safe to repeat. */
  @Post(':id/plots')
  @SendsEtag()
  createPlot(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreatePlotDto): Promise<PlotResponse> {
    return this.plots.create(actor, id, dto);
  }

  /** The household's plots, paged (`limit`, `cursor`), archived ones only with `includeArchived=true`. */
  @Get(':id/plots')
  listPlots(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: ListHouseholdPlotsQuery): Promise<Page<PlotResponse>> {
    return this.plots.listForHousehold(actor, id, query);
  }
}
