import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BatchesService } from '../batches/batches.service';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { Page, paginate, PageQuery } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { LabelRunResponse, toLabelRunResponse } from './dto/label-run.dto';
import { LabelRun } from './label-run.entity';

/** The print runs of one batch, so an app can show them without reading every label of the batch. */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/v1/batches')
export class BatchLabelRunsController {
  constructor(
    @InjectRepository(LabelRun) private readonly runs: Repository<LabelRun>,
    private readonly batches: BatchesService,
  ) {}

  /** The batch's label runs, oldest first, paged (`limit`, `cursor`); whoever may read the batch may read them. */
  @Get(':id/label-runs')
  async list(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: PageQuery): Promise<Page<LabelRunResponse>> {
    await this.batches.findAccessible(actor, id);
    const page = await paginate(this.runs.createQueryBuilder('r').where('r.batchId = :id', { id }), query);
    return { items: page.items.map(toLabelRunResponse), nextCursor: page.nextCursor };
  }
}
