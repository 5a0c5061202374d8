import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeForLog } from '../http/logging';
import { DomainError, FieldError } from './domain-errors';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Errors raised by Fastify itself (before a route runs), by their code. */
const FASTIFY_ERRORS: Record<string, { status: number; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, detail: 'The request body is larger than this route accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, detail: 'This content type is not accepted here' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, detail: 'The body is empty but the content type says JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, detail: 'The body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, detail: 'Content-Length does not match the body' },
  FST_ERR_BAD_URL: { status: 400, detail: 'The URL is malformed' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, detail: 'A path parameter is longer than this service accepts' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, detail: 'The request is malformed' },
};

export function problemType(status: number): string {
  return `https://nongsan-trace.dev/problems/${status}`;
}

export function toProblem(exception: unknown): { problem: ProblemDetails; headers: Record<string, string> } {
  if (exception instanceof DomainError) {
    return {
      problem: {
        type: problemType(exception.status),
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...(exception.extra ?? {}),
      },
      headers: exception.headers ?? {},
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let detail = exception.message;
    if (typeof response === 'object' && response !== null) {
      const message = (response as { message?: unknown }).message;
      if (typeof message === 'string') detail = message;
      else if (Array.isArray(message)) detail = message.join('; ');
    }
    return { problem: { type: problemType(status), title: TITLES[status] ?? 'Error', status, detail }, headers: {} };
  }
  const code = (exception as { code?: unknown } | null)?.code;
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof code === 'string' && FASTIFY_ERRORS[code]) {
    const known = FASTIFY_ERRORS[code];
    return {
      problem: { type: problemType(known.status), title: TITLES[known.status] ?? 'Error', status: known.status, detail: known.detail },
      headers: {},
    };
  }
  // Any other client error Fastify raised (it sets statusCode 4xx); never echo internals for 5xx.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const detail = exception instanceof Error ? exception.message : 'Bad request';
    return { problem: { type: problemType(statusCode), title: TITLES[statusCode] ?? 'Error', status: statusCode, detail }, headers: {} };
  }
  return {
    problem: {
      type: problemType(500),
      title: TITLES[500],
      status: 500,
      detail: 'An unexpected error occurred; quote the request id when reporting it',
    },
    headers: {},
  };
}

export function requestIdOf(request: FastifyRequest): string {
  const id = (request.raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : request.id;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, exception: unknown, logger: Logger): void {
  const { problem, headers } = toProblem(exception);
  const requestId = requestIdOf(request);
  if (problem.status >= 500) {
    // The route template, not the URL: a path can hold a phone number and the query string a token.
    const route = request.routeOptions?.url ?? request.url.split('?')[0];
    logger.error({ err: exception, requestId }, `Unhandled error on ${request.method} ${safeForLog(route)}`);
  }
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    // Errors raised by the router skip the onRequest hook that normally sets it.
    .header('x-request-id', requestId)
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0], requestId }));
}

/** The one place an error becomes an HTTP answer: `application/problem+json` (RFC 9457) for every 4xx and 5xx. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    sendProblem(context.getResponse<FastifyReply>(), context.getRequest<FastifyRequest>(), exception, this.logger);
  }
}
