import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Structured JSON logs (pino), one line per request with its id; credentials are redacted. */
export function loggerOptions(env: Environment): Params {
  return {
    // The consumer resolver is the busiest path; its scans are counted and measured, not logged one by one.
    exclude: [
      { method: RequestMethod.ALL, path: '01/{*rest}' },
      { method: RequestMethod.ALL, path: 't/{*rest}' },
    ],
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage) => (typeof req.id === 'string' ? req.id : requestIdFor(req)),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.nationalId',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
