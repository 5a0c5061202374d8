import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { CreatePlotActivityDto, ListPlotActivitiesQuery, PlotActivityResponse } from './dto/plot-activity.dto';
import { PlotActivitiesService } from './plot-activities.service';

@ApiTags('food safety')
@ApiBearerAuth()
@Controller('api/v1/plots')
export class PlotActivitiesController {
  constructor(private readonly activities: PlotActivitiesService) {}

  /**
   * Records work on a growing area (spraying, fertilizing, watering, pruning). A spraying counts for the
   * plot's safe-to-harvest date and holds batches harvested inside its interval. A client-made `id` makes
   * the create safe to repeat.
   */
  @Post(':id/activities')
  create(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreatePlotActivityDto): Promise<PlotActivityResponse> {
    return this.activities.create(actor, id, dto);
  }

  /** The plot's field diary, oldest first. */
  @Get(':id/activities')
  list(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: ListPlotActivitiesQuery): Promise<Page<PlotActivityResponse>> {
    return this.activities.list(actor, id, query);
  }
}
