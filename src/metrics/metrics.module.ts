import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MetricsController } from './metrics.controller';
import { MetricsReadModel } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { fastifyOf } from '../common/http/fastify-instance';

/** Prometheus metrics; the request histogram is fed by Fastify hooks, so it covers every route, Nest's or not. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsReadModel],
  exports: [MetricsService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    // Label children resolved once per (method, route, status): an observation is then a plain update.
    const series = new Map<string, { observe(value: number): void }>();
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route template (/01/:gtin/...), never the raw URL: one series per route, not per serial.
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${route} ${reply.statusCode}`;
      let child = series.get(key);
      if (!child) {
        child = this.metrics.httpRequests.labels(request.method, route, String(reply.statusCode));
        series.set(key, child);
      }
      // Fastify times every request itself from its arrival: no hook of our own starts a clock.
      child.observe(reply.elapsedTime / 1000);
      done();
    });
  }
}
