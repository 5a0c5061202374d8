import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { toProblem } from '../common/errors/problem-details.filter';
import { ForbiddenError } from '../common/errors/domain-errors';
import { negotiateLocale } from '../common/i18n/locale';
import { message } from '../common/i18n/message';
import { SYNC_QUEUES } from '../listings/sync/sync.queue';
import { fastifyOf } from '../common/http/fastify-instance';

const BASE_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for admins only, through the same AuthService.authenticate as every
 * route: a bearer token, or in a browser the /admin session cookie, whose state-changing requests
 * (retry, clean, pause) must come from this origin (CSRF).
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    @InjectQueue(SYNC_QUEUES.lazada) private readonly lazada: Queue,
    @InjectQueue(SYNC_QUEUES.tiki) private readonly tiki: Queue,
    @InjectQueue(SYNC_QUEUES.shopee) private readonly shopee: Queue,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    const board = new FastifyAdapter();
    createBullBoard({ queues: [this.lazada, this.tiki, this.shopee].map((q) => new BullMQAdapter(q)), serverAdapter: board });
    board.setBasePath(BASE_PATH);
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const refusal = await this.refusal(request);
        if (!refusal) return;
        const { problem, headers } = toProblem(refusal, negotiateLocale(request.headers['accept-language']));
        await reply
          .status(problem.status)
          .headers(headers)
          .header('content-type', 'application/problem+json; charset=utf-8')
          .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0], requestId: request.id }));
      });
      await scope.register(board.registerPlugin(), { prefix: BASE_PATH });
    });
  }

  private async refusal(request: FastifyRequest): Promise<unknown> {
    try {
      const { actor, mustChangePassword } = await this.auth.authenticate(request);
      if (mustChangePassword) return new ForbiddenError(message('listings.passwordResetFirst'));
      return actor.role === 'admin' ? null : new ForbiddenError(message('listings.queueBoardAdminsOnly'));
    } catch (error) {
      return error;
    }
  }
}
