import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { Environment } from '../../config/environment';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's genReqId: takes the caller's X-Request-Id when it is sane, otherwise makes one. The id is
 * also left on the raw request, where pino-http and the error filter read it.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  (request as { id?: unknown }).id = id;
  return id;
}

const REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.password',
    '*.passwordHash',
    '*.nationalId',
    '*.accessToken',
  ],
  censor: '[redacted]',
};

/**
 * Structured JSON logs (pino) for the application; credentials are redacted. Request lines are written
 * by a Fastify hook (see `logRequests`), which also sees routes mounted on Fastify directly.
 */
export function loggerOptions(env: Environment): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage) => (typeof req.id === 'string' ? req.id : requestIdFor(req)),
      redact: REDACT,
      autoLogging: false,
    },
  };
}

/** Routes whose every request is not worth a log line: health probes, and the consumer scans, which are counted in /metrics. */
const QUIET_ROUTES = new Set(['/health', '/metrics', '/01/:gtin/10/:lot/21/:serial', '/t/:serial']);

/**
 * One JSON line per request with its id, method, route, status and time; no query string (it can
 * carry tokens) and no bodies.
 */
export function logRequests(fastify: FastifyInstance, env: Environment): void {
  const logger = pino({ level: env.LOG_LEVEL, redact: REDACT });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (!route || !QUIET_ROUTES.has(route) || reply.statusCode >= 500) {
      const status = reply.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        {
          reqId: request.id,
          req: { method: request.method, url: request.url.split('?')[0], route: route ?? null },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });
}
