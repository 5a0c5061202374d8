import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { message } from '../common/i18n/message';
import { ServerConfig } from '../config/sections';
import { parseGtinDigitalLink } from './digital-link-request';
import { GS1_VOC, LINKSET_CONTEXT, linksetLink } from './linkset';
import { ScanResponder, sendResolverProblem } from './scan-responder';
import { RESOLVER_EXPOSED_HEADERS } from './scan.service';
import { fastifyOf } from '../common/http/fastify-instance';

/** Paths and parameters of the raw label routes, for the OpenAPI document (Nest does not see them). */
export const SCAN_ROUTE_DOCS = {
  '/01/{gtin}/10/{lot}/21/{serial}': ['gtin', 'lot', 'serial'],
  '/t/{serial}': ['serial'],
} as const;

/** Preflight of every resolver address (resolver standard: GET, HEAD and OPTIONS, CORS). */
const PREFLIGHT = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'Accept, Accept-Language',
  'access-control-expose-headers': RESOLVER_EXPOSED_HEADERS,
  'access-control-max-age': '86400',
};

/** A compressed GS1 Digital Link is one long base64url segment after the domain (URI Syntax 1.4, section 7). */
const COMPRESSED = /^\/(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}\/?$/;

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
  private describedAs: string | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly responder: ScanResponder,
    private readonly server: ServerConfig,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
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
    // The label's own shape keeps its named route (the busiest, and its metrics label); every other
    // GTIN Digital Link (lot, product, serial without lot, variants, malformed paths) reaches the same parser.
    fastify.get(
      '/01/:gtin/10/:lot/21/:serial',
      guard((request, reply) => this.responder.digitalLink(request, reply)),
    );
    fastify.get(
      '/01/*',
      guard((request, reply) => this.responder.digitalLink(request, reply)),
    );
    fastify.options('/01/*', (request, reply) => this.preflight(request, reply));
    fastify.options('/t/:serial', (request, reply) => this.preflight(request, reply));
    fastify.get('/.well-known/gs1resolver', (request, reply) => this.description(reply));
    fastify.get('/:compressed', async (request, reply) => {
      if (!COMPRESSED.test(request.url.split('?')[0])) return reply.callNotFound();
      await sendResolverProblem(reply, request, {
        status: 400,
        title: message('trace.malformedTitle'),
        detail: message('trace.dlCompressed'),
        headers: { 'access-control-allow-origin': '*' },
      });
    });
    fastify.get(
      '/t/:serial',
      guard((request, reply) => this.responder.short(request, reply)),
    );
  }

  /** OPTIONS: the CORS preflight, with the `Link` to the linkset the address resolves to when it is a valid one. */
  private preflight(request: FastifyRequest, reply: FastifyReply): void {
    void reply.status(204).headers(PREFLIGHT);
    const [path] = request.url.split('?');
    if (path.startsWith('/01/')) {
      const parsed = parseGtinDigitalLink(path, '');
      if (!('fault' in parsed)) void reply.header('link', linksetLink(`${this.base}${parsed.canonicalPath}`));
    } else {
      void reply.header('link', linksetLink(`${this.base}${path.replace(/\/$/, '')}`));
    }
    void reply.send();
  }

  /** PUBLIC_BASE_URL, which the configuration keeps without a trailing slash. */
  private get base(): string {
    return this.server.PUBLIC_BASE_URL;
  }

  /** `/.well-known/gs1resolver` (GS1-Conformant Resolver, section 3): what this resolver is and serves. */
  private description(reply: FastifyReply): void {
    this.describedAs ??= JSON.stringify({
      name: 'nongsan-trace',
      resolverRoot: this.base,
      supportedPrimaryKeys: ['01'],
      supportedLinkType: [{ namespace: GS1_VOC, prefix: 'gs1:' }],
      linkTypeDefaultCanBeLinkset: false,
      jsonLdContextLocation: LINKSET_CONTEXT,
    });
    void reply
      .status(200)
      .header('content-type', 'application/json; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=86400')
      .send(this.describedAs);
  }
}
