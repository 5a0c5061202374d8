import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { message } from '../common/i18n/message';
import { ScanResponder, sendResolverProblem } from './scan-responder';

/** Paths and parameters of the raw label routes, for the OpenAPI document (Nest does not see them). */
export const SCAN_ROUTE_DOCS = {
  '/01/{gtin}/10/{lot}/21/{serial}': ['gtin', 'lot', 'serial'],
  '/t/{serial}': ['serial'],
} as const;

/** Connection-level failures (PostgreSQL stopped or restarting): the page is unavailable for a moment, not broken. */
const DATABASE_AWAY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = e?.code ?? e?.driverError?.code;
  if (typeof code === 'string' && DATABASE_AWAY_CODES.has(code)) return true;
  return typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message);
}

/** Mounts the label resolver routes on the Fastify instance itself (see ScanController for why). */
@Injectable()
export class ScanRoutes implements OnModuleInit {
  private readonly logger = new Logger(ScanRoutes.name);
  private lastUnavailableWarning = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly responder: ScanResponder,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    // The worker role has no HTTP server.
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    const guard =
      (handler: (request: never, reply: FastifyReply) => Promise<void>) =>
      async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
        try {
          await handler(request as never, reply);
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            // The database is away: 503 with Retry-After, and one warning every 10 s instead of a stack trace per scan.
            if (Date.now() - this.lastUnavailableWarning > 10_000) {
              this.lastUnavailableWarning = Date.now();
              this.logger.warn(`Scans answered 503: the database is unavailable (${(error as Error).message})`);
            }
            if (!reply.sent) {
              await sendResolverProblem(reply, request, {
                status: 503,
                detail: message('trace.unavailable'),
                headers: { 'retry-after': '5' },
              });
            }
            return;
          }
          // These routes bypass Nest's exception filter: keep its answer shape, never a stack trace.
          this.logger.error({ err: error, requestId: request.id }, `Scan failed on ${request.url}`);
          if (!reply.sent) {
            await sendResolverProblem(reply, request, { status: 500, detail: message('problem.unexpected') });
          }
        }
      };
    fastify.get(
      '/01/:gtin/10/:lot/21/:serial',
      guard((request, reply) => this.responder.digitalLink(request, reply)),
    );
    fastify.get(
      '/t/:serial',
      guard((request, reply) => this.responder.short(request, reply)),
    );
  }
}
