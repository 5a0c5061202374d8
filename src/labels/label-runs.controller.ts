import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { IdParam } from '../common/http/id-param';
import { CreateLabelRunDto, LabelRunResponse } from './dto/label-run.dto';
import { LabelRunsService } from './label-runs.service';

const CONTENT_TYPES = { pdf: 'application/pdf', zpl: 'text/plain; charset=utf-8' } as const;

@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/v1')
export class LabelRunsController {
  constructor(private readonly runs: LabelRunsService) {}

  /**
   * Accepts a print run and answers at once (202); a worker renders it. Serials are allocated now.
   * A retried request with the same `Idempotency-Key` returns the same run.
   */
  @Roles('admin', 'coop_manager')
  @Post('batches/:id/label-runs')
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried request return the same run' })
  async create(
    @CurrentActor() actor: Actor,
    @IdParam() batchId: string,
    @Body() dto: CreateLabelRunDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<LabelRunResponse> {
    return (await this.runs.create(actor, batchId, dto, idempotencyKey)).run;
  }

  @Get('label-runs/:id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<LabelRunResponse> {
    return this.runs.get(actor, id);
  }

  /** The rendered PDF or ZPL; 409 until the run is done. */
  @Get('label-runs/:id/file')
  @ApiProduces('application/pdf', 'text/plain')
  async file(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const { run, stream } = await this.runs.file(actor, id);
    await reply
      .header('content-type', CONTENT_TYPES[run.format])
      .header('content-disposition', `attachment; filename="tem-${run.id}.${run.format}"`)
      .header('content-length', String(run.fileBytes ?? ''))
      .send(stream);
  }
}
