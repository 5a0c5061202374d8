import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { EditsVersion, IfMatch, SendsEtag } from '../common/records/versioned-route';
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
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<BatchDetailResponse> {
    return this.batches.get(actor, id);
  }

  /**
   * Corrects a batch. With `If-Match`, a stale version answers 412 with the current batch. Once labels
   * are printed, lotCode, harvestedAt, plotId and productId are refused (409 naming the field).
   */
  @Patch(':id')
  @EditsVersion()
  @ApiResponse({ status: 412, description: 'Another edit came first; the problem carries the current batch' })
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateBatchDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<BatchResponse> {
    return this.batches.update(actor, id, dto, ifMatch);
  }

  /** Archives a batch without labels (it leaves the lists; its diary stays). A labelled batch answers 409. */
  @Delete(':id')
  @HttpCode(204)
  async archive(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    await this.batches.archive(actor, id);
  }

  /**
   * Records a step in the batch's life: planting, fertilizing, spraying, harvesting, packing, inspecting,
   * shipping, receiving. The diary is append-only: a correction is a new event with `supersedes` and
   * `correctionReason`. A client-made `id` makes the create safe to repeat.
   */
  @Post(':id/events')
  addEvent(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreateBatchEventDto): Promise<BatchEventResponse> {
    return this.batches.addEvent(actor, id, dto);
  }

  /**
   * Releases a batch held for food safety (harvested inside a pre-harvest interval) so it can be labelled
   * and listed: a co-op manager or admin, with a reason; who, when and why are recorded.
   */
  @Roles('admin', 'coop_manager')
  @Post(':id/safety-override')
  @HttpCode(200)
  overrideSafety(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: SafetyOverrideDto): Promise<BatchResponse> {
    return this.batches.overrideSafety(actor, id, dto);
  }
}
