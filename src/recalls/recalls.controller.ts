import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { IdParam } from '../common/http/id-param';
import { RecallBatchDto } from './dto/recall.dto';
import type { RecallResponse } from './recalls.contract';
import { RecallsService } from './recalls.service';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('api/v1/batches')
export class RecallsController {
  constructor(private readonly recalls: RecallsService) {}

  /** Recalls the batch: its labels scan as voided with the reason, its listings are delisted everywhere; answers what was affected. */
  @Post(':id/recall')
  @HttpCode(200)
  @Roles('admin', 'coop_manager')
  recall(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RecallBatchDto): Promise<RecallResponse> {
    return this.recalls.recall(actor, id, dto);
  }

  /** FSMA 204 sortable spreadsheet (CSV): one row per critical tracking event, then the marketplace orders. */
  @Get(':id/trace.csv')
  @ApiProduces('text/csv')
  async traceCsv(@CurrentActor() actor: Actor, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { lotCode, csv } = await this.recalls.traceCsv(actor, id);
    void reply.header('Content-Type', 'text/csv; charset=utf-8');
    void reply.header('Content-Disposition', `attachment; filename="trace-${lotCode.replace(/[^A-Za-z0-9_-]/g, '_')}.csv"`);
    return csv;
  }
}
