import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { BatchesService } from './batches.service';
import { BatchResponse } from './dto/batch.dto';
import { PlotSafetyResponse, SafetyFlagsQuery } from './dto/safety.dto';

/** Food safety read across batches: a plot's harvest date, and the province office's list of flags. */
@ApiTags('food safety')
@ApiBearerAuth()
@Controller('api/v1')
export class SafetyController {
  constructor(private readonly batches: BatchesService) {}

  /** When the growing area is safe to harvest again, from the pre-harvest intervals of every spraying recorded on it. */
  @Get('plots/:id/safety')
  plotSafety(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PlotSafetyResponse> {
    return this.batches.plotSafety(actor, id);
  }

  /** Batches harvested inside a pre-harvest interval, with their hold and any manager's release (who, when, why). */
  @Roles('admin', 'coop_manager')
  @Get('reports/safety-flags')
  safetyFlags(@CurrentActor() actor: Actor, @Query() query: SafetyFlagsQuery): Promise<Page<BatchResponse>> {
    return this.batches.safetyFlags(actor, query);
  }
}
