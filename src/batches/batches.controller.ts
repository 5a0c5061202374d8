import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { etagOf } from '../common/records/record-version';
import { BatchesService } from './batches.service';
import {
  BatchDetailResponse,
  BatchEventResponse,
  BatchResponse,
  CreateBatchDto,
  CreateBatchEventDto,
  ListBatchesQuery,
  SafetyOverrideDto,
  UpdateBatchDto,
} from './dto/batch.dto';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('api/v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /**
   * Registers a harvest batch; its lot code is generated. Farmers register batches of their own household.
   * Send a client-made `id` so a repeated create answers the same batch.
   */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateBatchDto): Promise<BatchResponse> {
    return this.batches.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListBatchesQuery): Promise<Page<BatchResponse>> {
    return this.batches.list(actor, query);
  }

  /** The batch with its product, household, growing area, events and food-safety state; `ETag` carries its version. */
  @Get(':id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchDetailResponse> {
    const batch = await this.batches.get(actor, id);
    void reply.header('ETag', etagOf(batch.version ?? 1));
    return batch;
  }

  /**
   * Corrects a batch. With `If-Match`, a stale version answers 412 with the current batch. Once labels
   * are printed, lotCode, harvestedAt, plotId and productId are refused (409 naming the field).
   */
  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the version being edited' })
  @ApiResponse({ status: 412, description: 'Another edit came first; the problem carries the current batch' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateBatchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('if-match') ifMatch?: string,
  ): Promise<BatchResponse> {
    const batch = await this.batches.update(actor, id, dto, ifMatch);
    void reply.header('ETag', etagOf(batch.version ?? 1));
    return batch;
  }

  /** Archives a batch without labels (it leaves the lists; its diary stays). A labelled batch answers 409. */
  @Delete(':id')
  @HttpCode(204)
  async archive(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.batches.archive(actor, id);
  }

  /**
   * Records a step in the batch's life: planting, fertilizing, spraying, harvesting, packing, inspecting,
   * shipping, receiving. The diary is append-only: a correction is a new event with `supersedes` and
   * `correctionReason`. A client-made `id` makes the create safe to repeat.
   */
  @Post(':id/events')
  addEvent(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreateBatchEventDto,
  ): Promise<BatchEventResponse> {
    return this.batches.addEvent(actor, id, dto);
  }

  /**
   * Releases a batch held for food safety (harvested inside a pre-harvest interval) so it can be labelled
   * and listed: a co-op manager or admin, with a reason; who, when and why are recorded.
   */
  @Roles('admin', 'coop_manager')
  @Post(':id/safety-override')
  @HttpCode(200)
  overrideSafety(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: SafetyOverrideDto,
  ): Promise<BatchResponse> {
    return this.batches.overrideSafety(actor, id, dto);
  }
}
