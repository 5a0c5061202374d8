import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { Page, PageQuery } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { LabelRunResponse } from './dto/label-run.dto';
import { LabelRunsService } from './label-runs.service';

/** The print runs of one batch, so an app can show them without reading every label of the batch. */
@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/v1/batches')
export class BatchLabelRunsController {
  constructor(private readonly runs: LabelRunsService) {}

  /** The batch's label runs, oldest first, paged (`limit`, `cursor`); whoever may read the batch may read them. */
  @Get(':id/label-runs')
  list(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: PageQuery): Promise<Page<LabelRunResponse>> {
    return this.runs.ofBatch(actor, id, query);
  }
}
