import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../common/auth/decorators';
import { UnauthorizedError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { ServerConfig } from '../config/sections';
import { MetricsService } from './metrics.service';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * GET /metrics for Prometheus. It needs no user token: serve it on the internal network only (the
 * bundled proxy, deploy/nginx.conf, refuses it), and set METRICS_TOKEN where a scraper reaches the api
 * over a network others share.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: MetricsService,
    server: ServerConfig,
  ) {
    this.token = server.METRICS_TOKEN ? digest(server.METRICS_TOKEN) : null;
  }

  /** Prometheus text format: requests per route, scans by verdict, label runs, queue depth, outbox lag. */
  @Get()
  @ApiProduces('text/plain')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (this.token) {
      const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      // Compared as digests so the time taken says nothing about the token's length or prefix.
      if (!presented || !timingSafeEqual(digest(presented), this.token)) {
        throw new UnauthorizedError(message('reports.metricsToken'), {
          headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        });
      }
    }
    const body = await this.metrics.scrape();
    await reply.header('content-type', this.metrics.contentType).send(body);
  }
}
