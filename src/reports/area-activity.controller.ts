import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { AreaActivityService } from './area-activity.service';
import { IndicatorsQuery } from './dto/report.dto';
import type { AreaActivityResponse } from './reports.contract';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
@Roles('admin', 'coop_manager')
export class AreaActivityController {
  constructor(private readonly activity: AreaActivityService) {}

  /**
   * What the province dashboard draws, for the same `province`, `commune` and `cooperativeId` filters as the
   * indicators: labels printed and scans per day, and the food-safety flags (harvests inside a pre-harvest
   * interval still held, releases of such batches, certificates that ended without renewal, labels or sales
   * beyond what the harvest fills), each naming the batch or plot it is about.
   */
  @Get('area-activity')
  get(@CurrentActor() actor: Actor, @Query() query: IndicatorsQuery): Promise<AreaActivityResponse> {
    return this.activity.activity(actor, query);
  }
}
