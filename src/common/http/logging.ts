import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { ServerConfig } from '../../config/sections';

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
    'phone',
    '*.phone',
  ],
  censor: '[redacted]',
};

/** Vietnamese phone numbers as people write them (0912345678, +84 912 345 678, 0912.345.678). */
const PHONE = /(?<![\w+])(?:\+?84|0)(?:[ .-]?\d){9}(?!\w)/g;

/** `0912345678` becomes `091*****78`: enough to tell two numbers apart in a log, not enough to call one. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => {
    const digits = phone.replace(/\D/g, '');
    return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
  });
}

/** A path followed by its query string (which can carry tokens, phones or search terms): only the path is kept. */
const PATH_QUERY = /(\/[^\s?#"'<>]*)\?[^\s"'<>]*/g;

/** What a log line may say about a URL or a message: no query string, no phone number. */
export function safeForLog(text: string): string {
  return maskPhones(text.replace(PATH_QUERY, '$1'));
}

const LOGGED_ERROR_FIELDS = ['type', 'message', 'stack', 'code', 'statusCode', 'status'] as const;

/**
 * pino's `err` serializer: the error's type, message, stack and code, with phones masked. Everything
 * else an error carries is dropped, above all a TypeORM QueryFailedError's `parameters` and the driver's
 * `detail` ("Key (phone)=(0912345678) already exists"); its SQL text (placeholders only) is kept.
 */
export function errorForLog(error: unknown): Record<string, unknown> {
  const source: unknown = error instanceof Error ? pino.stdSerializers.err(error) : error;
  if (typeof source !== 'object' || source === null) return { message: safeForLog(String(source)) };
  const serialized = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of LOGGED_ERROR_FIELDS) {
    const value = serialized[field];
    if (typeof value === 'string') out[field] = safeForLog(value);
    else if (typeof value === 'number') out[field] = value;
  }
  if (typeof serialized.query === 'string') out.query = maskPhones(serialized.query);
  return out;
}

/** Applied to every log call: the message strings lose query strings and phone numbers. */
const LOG_HOOKS = {
  logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void {
    method.apply(
      this,
      args.map((arg) => (typeof arg === 'string' ? safeForLog(arg) : arg)),
    );
  },
};

/**
 * Structured JSON logs (pino) for the application; credentials are redacted. Request lines are written
 * by a Fastify hook (see `logRequests`), which also sees routes mounted on Fastify directly.
 */
export function loggerOptions(env: Pick<ServerConfig, 'LOG_LEVEL'>): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage) => (typeof req.id === 'string' ? req.id : requestIdFor(req)),
      redact: REDACT,
      serializers: { err: errorForLog },
      hooks: LOG_HOOKS,
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
export function logRequests(fastify: FastifyInstance, env: Pick<ServerConfig, 'LOG_LEVEL'>): void {
  const logger = pino({ level: env.LOG_LEVEL, redact: REDACT, serializers: { err: errorForLog }, hooks: LOG_HOOKS });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (!route || !QUIET_ROUTES.has(route) || reply.statusCode >= 500) {
      const status = reply.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        {
          reqId: request.id,
          req: { method: request.method, url: maskPhones(request.url.split('?')[0]), route: route ?? null },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });
}
