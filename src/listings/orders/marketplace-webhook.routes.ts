import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServerConfig } from '../../config/sections';
import { isMarketplace } from '../../marketplaces/marketplace';
import { MarketplaceClients } from '../../marketplaces/marketplace-clients';
import { MarketplaceOrdersService } from './marketplace-orders.service';
import { fastifyOf } from '../../common/http/fastify-instance';

const problem = (reply: FastifyReply, status: number, title: string, detail: string, errors?: { field: string; message: string }[]) =>
  reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) }));

/**
 * How far a push's own timestamp may be from now. A signed push replayed later than this is refused
 * (the signature alone cannot tell a replay); the platforms resend within minutes.
 */
export const PUSH_MAX_SKEW_MS = 10 * 60_000;

/**
 * POST /api/v1/marketplaces/:marketplace/webhook. Mounted on Fastify directly, in a context of its
 * own that keeps the raw body: each platform signs the exact bytes it sent, so the signature is
 * checked before anything is parsed or stored. A bad signature is 401 and changes nothing; a push
 * whose timestamp is more than PUSH_MAX_SKEW_MS away is 400. Shopee signs the callback URL it was
 * given, which is ours: PUBLIC_BASE_URL, never the Host header a caller chooses.
 */
@Injectable()
export class MarketplaceWebhookRoutes implements OnModuleInit {
  private readonly logger = new Logger(MarketplaceWebhookRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly clients: MarketplaceClients,
    private readonly orders: MarketplaceOrdersService,
    private readonly server: ServerConfig,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    void fastify.register((scope, _options, done) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
      scope.post('/api/v1/marketplaces/:marketplace/webhook', async (request: FastifyRequest, reply: FastifyReply) => {
        const name = (request.params as { marketplace: string }).marketplace;
        if (!isMarketplace(name)) return problem(reply, 404, 'Not found', `Unknown marketplace ${name}`);
        const raw = typeof request.body === 'string' ? request.body : '';
        const client = this.clients.get(name);
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const url = `${this.server.PUBLIC_BASE_URL}/api/v1/marketplaces/${name}/webhook${query}`;
        if (!client.verifyPush(request.headers, raw, url)) {
          return problem(reply, 401, 'Unauthorized', `The ${name} push signature does not match`);
        }
        let body: unknown;
        try {
          body = JSON.parse(raw) as unknown;
        } catch {
          return problem(reply, 400, 'Invalid input', 'The push body is not JSON');
        }
        const { field, sentAt } = client.pushSentAt(body);
        if (!sentAt || Math.abs(Date.now() - sentAt.getTime()) > PUSH_MAX_SKEW_MS) {
          const message = sentAt
            ? `must be within ${PUSH_MAX_SKEW_MS / 60_000} minutes of now (got ${sentAt.toISOString()})`
            : 'must be the time the push was sent';
          return problem(reply, 400, 'Invalid input', `${field}: ${message}`, [{ field, message }]);
        }
        try {
          const outcome = await this.orders.record(name, client.parsePush(body));
          return reply.status(200).send(outcome);
        } catch (error) {
          this.logger.error({ err: error, requestId: request.id }, `${name} push could not be recorded`);
          return problem(reply, 500, 'Internal server error', 'The push could not be recorded; the platform will resend it');
        }
      });
      done();
    });
  }
}
