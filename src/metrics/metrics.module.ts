import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

const STARTED = Symbol('metricsStarted');

/** Prometheus metrics; the request histogram is fed by Fastify hooks, so it covers every route, Nest's or not. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      (request as FastifyRequest & { [STARTED]?: bigint })[STARTED] = process.hrtime.bigint();
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      const started = (request as FastifyRequest & { [STARTED]?: bigint })[STARTED];
      if (started !== undefined) {
        // The route template (/01/:gtin/...), never the raw URL: one series per route, not per serial.
        const route = request.routeOptions.url ?? 'unmatched';
        this.metrics.httpRequests.observe(
          { method: request.method, route, status: String(reply.statusCode) },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      }
      done();
    });
  }
}
