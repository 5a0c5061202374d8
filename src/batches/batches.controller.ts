import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { BatchesService } from './batches.service';
import {
  BatchDetailResponse,
  BatchEventResponse,
  BatchResponse,
  CreateBatchDto,
  CreateBatchEventDto,
  ListBatchesQuery,
} from './dto/batch.dto';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('api/v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /** Registers a harvest batch; its lot code is generated. Farmers register batches of their own household. */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateBatchDto): Promise<BatchResponse> {
    return this.batches.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListBatchesQuery): Promise<Page<BatchResponse>> {
    return this.batches.list(actor, query);
  }

  /** The batch with its product, household, growing area, events and safety warnings. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<BatchDetailResponse> {
    return this.batches.get(actor, id);
  }

  /** Records a step in the batch's life: planting, fertilizing, spraying, harvesting, packing, inspecting, shipping, receiving. */
  @Post(':id/events')
  addEvent(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreateBatchEventDto,
  ): Promise<BatchEventResponse> {
    return this.batches.addEvent(actor, id, dto);
  }
}
