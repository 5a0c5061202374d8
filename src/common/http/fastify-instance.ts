import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * The Fastify server under Nest, for routes and hooks mounted on it directly; null in the worker
 * role, which has no HTTP server.
 */
export function fastifyOf(adapterHost: HttpAdapterHost): FastifyInstance | null {
  return adapterHost.httpAdapter?.getInstance<FastifyInstance>() ?? null;
}
