import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SYNC_QUEUES } from './sync.queue';

const BASE_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for admins only: the bearer token (or an `access_token` cookie, so a
 * browser can open it) must be a valid admin token.
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jwt: JwtService,
    @InjectQueue(SYNC_QUEUES.lazada) private readonly lazada: Queue,
    @InjectQueue(SYNC_QUEUES.tiki) private readonly tiki: Queue,
    @InjectQueue(SYNC_QUEUES.shopee) private readonly shopee: Queue,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    const board = new FastifyAdapter();
    createBullBoard({ queues: [this.lazada, this.tiki, this.shopee].map((q) => new BullMQAdapter(q)), serverAdapter: board });
    board.setBasePath(BASE_PATH);
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (!(await this.isAdmin(request))) {
          await reply
            .status(request.headers.authorization || this.cookieToken(request) ? 403 : 401)
            .header('content-type', 'application/problem+json; charset=utf-8')
            .send(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'The queue board is for admins only' }));
        }
      });
      await scope.register(board.registerPlugin(), { prefix: BASE_PATH });
    });
  }

  private cookieToken(request: FastifyRequest): string | undefined {
    return /(?:^|;\s*)access_token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  }

  private async isAdmin(request: FastifyRequest): Promise<boolean> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? this.cookieToken(request);
    if (!token) return false;
    try {
      const claims = await this.jwt.verifyAsync<{ role?: string }>(token, { algorithms: ['HS256'] });
      return claims.role === 'admin';
    } catch {
      return false;
    }
  }
}
