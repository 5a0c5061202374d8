import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MessageKey } from '../i18n/catalogue';
import { DEFAULT_LOCALE, Locale, negotiateLocale } from '../i18n/locale';
import { isMessageKey, message, Translatable, translate } from '../i18n/message';
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

/** Errors raised by Fastify itself (before a route runs), by their code. */
const FASTIFY_ERRORS: Record<string, { status: number; detail: MessageKey }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, detail: 'problem.bodyTooLarge' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, detail: 'problem.mediaType' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, detail: 'problem.emptyJson' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, detail: 'problem.invalidJson' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, detail: 'problem.contentLength' },
  FST_ERR_BAD_URL: { status: 400, detail: 'problem.badUrl' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, detail: 'problem.paramTooLong' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, detail: 'problem.malformed' },
};

export function problemType(status: number): string {
  return `https://nongsan-trace.dev/problems/${status}`;
}

/** The title of a status in the reader's language. */
export function problemTitle(status: number, locale: Locale): string {
  const key = `problem.${status}`;
  return translate(isMessageKey(key) ? key : 'problem.other', locale);
}

/** An error as the RFC 9457 problem a reader of `locale` gets (Vietnamese unless asked otherwise). */
export function toProblem(exception: unknown, locale: Locale = DEFAULT_LOCALE): { problem: ProblemDetails; headers: Record<string, string> } {
  const problemOf = (status: number, detail: Translatable): ProblemDetails => ({
    type: problemType(status),
    title: problemTitle(status, locale),
    status,
    detail: translate(detail, locale),
  });
  if (exception instanceof DomainError) {
    return {
      problem: {
        ...problemOf(exception.status, exception.detail),
        ...(exception.errors ? { errors: exception.errors.map((e) => ({ field: e.field, message: translate(e.message, locale) })) } : {}),
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
      const text = (response as { message?: unknown }).message;
      if (typeof text === 'string') detail = text;
      else if (Array.isArray(text)) detail = text.join('; ');
    }
    // Nest's own "Cannot GET /x" for a route that does not exist.
    const route = status === 404 ? /^Cannot (\w+) (.*)$/.exec(detail) : null;
    return { problem: problemOf(status, route ? message('problem.notFoundRoute', { method: route[1], path: route[2] }) : detail), headers: {} };
  }
  const code = (exception as { code?: unknown } | null)?.code;
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof code === 'string' && FASTIFY_ERRORS[code]) {
    const known = FASTIFY_ERRORS[code];
    return { problem: problemOf(known.status, message(known.detail)), headers: {} };
  }
  // Any other client error Fastify raised (it sets statusCode 4xx); never echo internals for 5xx.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { problem: problemOf(statusCode, exception instanceof Error ? exception.message : message('problem.malformed')), headers: {} };
  }
  return { problem: problemOf(500, message('problem.unexpected')), headers: {} };
}

export function requestIdOf(request: FastifyRequest): string {
  const id = (request.raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : request.id;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, exception: unknown, logger: Logger): void {
  const locale = negotiateLocale(request.headers['accept-language']);
  const { problem, headers } = toProblem(exception, locale);
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
    .header('content-language', locale)
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
