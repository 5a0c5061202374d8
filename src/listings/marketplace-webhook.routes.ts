import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMarketplace } from '../marketplaces/marketplace';
import { MarketplaceClients } from '../marketplaces/marketplace-clients';
import { MarketplaceOrdersService } from './marketplace-orders.service';

const problem = (reply: FastifyReply, status: number, title: string, detail: string) =>
  reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail }));

/**
 * POST /api/v1/marketplaces/:marketplace/webhook. Mounted on Fastify directly, in a context of its
 * own that keeps the raw body: each platform signs the exact bytes it sent, so the signature is
 * checked before anything is parsed or stored. A bad signature is 401 and changes nothing.
 */
@Injectable()
export class MarketplaceWebhookRoutes implements OnModuleInit {
  private readonly logger = new Logger(MarketplaceWebhookRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly clients: MarketplaceClients,
    private readonly orders: MarketplaceOrdersService,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    void fastify.register((scope, _options, done) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
      scope.post('/api/v1/marketplaces/:marketplace/webhook', async (request: FastifyRequest, reply: FastifyReply) => {
        const name = (request.params as { marketplace: string }).marketplace;
        if (!isMarketplace(name)) return problem(reply, 404, 'Not found', `Unknown marketplace ${name}`);
        const raw = typeof request.body === 'string' ? request.body : '';
        const client = this.clients.get(name);
        const url = `${request.protocol}://${request.host}${request.url}`;
        if (!client.verifyPush(request.headers, raw, url)) {
          return problem(reply, 401, 'Unauthorized', `The ${name} push signature does not match`);
        }
        let body: unknown;
        try {
          body = JSON.parse(raw) as unknown;
        } catch {
          return problem(reply, 400, 'Invalid input', 'The push body is not JSON');
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
