import { Controller, Get, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics for Prometheus. Like /health it needs no token: serve it on the internal network only
 * (the reverse proxy in docker-compose does not forward it).
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format: requests per route, scans by verdict, label runs, queue depth, outbox lag. */
  @Get()
  @ApiProduces('text/plain')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.metrics.scrape();
    await reply.header('content-type', this.metrics.contentType).send(body);
  }
}
