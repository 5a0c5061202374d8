import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page, PageQuery } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CooperativesService } from './cooperatives.service';
import { CooperativeResponse, CreateCooperativeDto } from './dto/cooperative.dto';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  /** Registers a co-operative (province office only). */
  @Roles('admin')
  @Post()
  create(@Body() dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    return this.cooperatives.create(dto);
  }

  /** Co-operatives the caller can see: all for the province office, its own for everyone else. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<Page<CooperativeResponse>> {
    return this.cooperatives.list(actor, page);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CooperativeResponse> {
    return this.cooperatives.get(actor, id);
  }
}
