import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { IdParam } from '../common/http/id-param';
import { Page } from '../common/http/pagination';
import { EditsVersion, IfMatch, SendsEtag } from '../common/records/versioned-route';
import { CooperativesService } from './cooperatives.service';
import { CooperativeResponse, CreateCooperativeDto, ListCooperativesQuery, UpdateCooperativeDto } from './dto/cooperative.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  /** Registers a co-operative (province office only). */
  @Roles('admin')
  @Post()
  @SendsEtag()
  create(@Body() dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    return this.cooperatives.create(dto);
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
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CooperativeResponse> {
    return this.cooperatives.get(actor, id);
  }

  /**
   * Corrects a co-operative (province office, or its own manager). `If-Match` with the ETag makes a
   * stale edit answer 412; the name once labels are printed, and the GS1 prefix once a product's GTIN
   * carries it, answer 409 naming the field.
   */
  @Roles('admin', 'coop_manager')
  @Patch(':id')
  @EditsVersion()
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateCooperativeDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<CooperativeResponse> {
    return this.cooperatives.update(actor, id, dto, ifMatch);
  }

  /** Archives a co-operative that has printed no labels (409 otherwise): hidden from lists, still readable. */
  @Roles('admin')
  @Delete(':id')
  @EditsVersion()
  archive(@CurrentActor() actor: Actor, @IdParam() id: string, @IfMatch() ifMatch: string | undefined): Promise<CooperativeResponse> {
    return this.cooperatives.archive(actor, id, ifMatch);
  }
}
