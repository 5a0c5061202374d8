import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { uuidParam } from '../common/http/uuid-param';
import { PlotResponse } from './dto/plot.dto';
import { PlotsService } from './plots.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/plots')
export class PlotsController {
  constructor(private readonly plots: PlotsService) {}

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PlotResponse> {
    return this.plots.get(actor, id);
  }
}
