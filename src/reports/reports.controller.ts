import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { toCsv } from '../common/csv/csv-cell';
import { IndicatorsQuery, ReconciliationQuery } from './dto/report.dto';
import type { IndicatorsResponse, ReconciliationResponse } from './reports.contract';
import { DashboardData, ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
@Roles('admin', 'coop_manager')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The province's "1034" indicators; `Accept: text/csv` for a one-row CSV. */
  @Get('indicators')
  @ApiProduces('application/json', 'text/csv')
  async indicators(
    @CurrentActor() actor: Actor,
    @Query() query: IndicatorsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IndicatorsResponse | string> {
    const indicators = await this.reports.indicators(actor, query);
    if (!accept || !/text\/csv/i.test(accept) || /application\/json/i.test(accept)) return indicators;
    void reply.header('Content-Type', 'text/csv; charset=utf-8');
    void reply.header('Content-Disposition', 'attachment; filename="indicators.csv"');
    const row = {
      province: query.province ?? '',
      commune: query.commune ?? '',
      cooperativeId: query.cooperativeId ?? actor.cooperativeId ?? '',
      ...indicators,
    };
    return toCsv(Object.keys(row), [row]);
  }

  /** Per batch and per plot: kg harvested, labels printed and scanned, units sold, and what does not add up. */
  @Get('reconciliation')
  reconciliation(@CurrentActor() actor: Actor, @Query() query: ReconciliationQuery): Promise<ReconciliationResponse> {
    return this.reports.reconciliation(actor, query.cooperativeId);
  }

  /** What the /admin dashboard shows, as JSON. */
  @Get('dashboard')
  dashboard(@CurrentActor() actor: Actor, @Query() query: IndicatorsQuery): Promise<DashboardData> {
    return this.reports.dashboard(actor, query);
  }
}
