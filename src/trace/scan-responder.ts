import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemTitle, problemType } from '../common/errors/problem-details.filter';
import { GS1_AI82 } from '../common/gs1/gtin';
import { Locale, negotiateLocale } from '../common/i18n/locale';
import { Message, message, translate } from '../common/i18n/message';
import { isConsumerView } from './consumer-view';
import { pickLanguage } from './i18n';
import { parseDigitalLinkPath, ScanAnswer, ScanService } from './scan.service';

export interface ScanQuery {
  lang?: string;
  format?: string;
  linkType?: string;
  /** A serial typed into the page's form: answered with a redirect to that label's page. */
  serial?: string;
}

/**
 * What a shopper typed as the serial printed under the code, as the label prints it: capitals, no
 * spaces or dashes, and after the key id the characters Crockford base32 reads for the look-alikes
 * it leaves out (O is 0, I and L are 1). Null when nothing usable is left.
 */
export function normalizeTypedSerial(typed: string): string | null {
  const compact = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
  if (!compact) return null;
  const serial = compact[0] + compact.slice(1).replace(/O/g, '0').replace(/[IL]/g, '1');
  return GS1_AI82.test(serial) ? serial : null;
}

export type ScanRequestType = FastifyRequest<{ Params: { gtin?: string; lot?: string; serial?: string }; Querystring: ScanQuery }>;

export function wantsJson(request: FastifyRequest, query: ScanQuery): boolean {
  if (query.format === 'json') return true;
  if (query.format === 'html') return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * The language of a resolver problem: `?lang=` as on the consumer page, else `Accept-Language`
 * (Vietnamese unless English is asked for).
 */
export function resolverLocale(request: FastifyRequest): Locale {
  const lang = (request.query as ScanQuery | undefined)?.lang;
  return lang === 'en' || lang === 'vi' ? lang : negotiateLocale(request.headers['accept-language']);
}

/**
 * A problem answered by the resolver routes, which bypass Nest's exception filter: the same
 * problem+json shape and languages as every other route.
 */
export async function sendResolverProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: { status: number; detail: Message; title?: Message; headers?: Record<string, string> },
): Promise<void> {
  const locale = resolverLocale(request);
  await reply
    .status(problem.status)
    .headers(problem.headers ?? {})
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', locale)
    .send(
      JSON.stringify({
        type: problemType(problem.status),
        title: problem.title ? translate(problem.title, locale) : problemTitle(problem.status, locale),
        status: problem.status,
        detail: translate(problem.detail, locale),
        instance: request.url.split('?')[0],
        requestId: request.id,
      }),
    );
}

/** Turns resolver requests into answers: shared by the Nest controller and the raw Fastify routes. */
@Injectable()
export class ScanResponder {
  constructor(private readonly scans: ScanService) {}

  /** `/01/{gtin}/10/{lot}` without a serial: the batch page, or its certificates with ?linkType. */
  async batch(request: ScanRequestType, reply: FastifyReply): Promise<void> {
    const query = request.query;
    const parsed = parseDigitalLinkPath(request.params.gtin ?? '', request.params.lot ?? '', 'X');
    if ('key' in parsed) return this.malformed(reply, request, parsed);
    if (typeof query.serial === 'string') return this.typedSerial(request, query, reply, request.params.gtin!, request.params.lot!);
    if (query.linkType === 'gs1:certificationInfo') return this.certificationInfo(reply, parsed.gtin, parsed.lot, null);
    const lang = pickLanguage(query.lang, request.headers['accept-language']);
    await this.send(
      reply,
      await this.scans.batchPage(parsed.gtin!, parsed.lot!, wantsJson(request, query), lang, request.url.split('?')[0]),
    );
  }

  /** GET/HEAD /01/{gtin}/10/{lot}/21/{serial} (mounted on Fastify directly, see ScanRoutes). */
  digitalLink(request: ScanRequestType, reply: FastifyReply): Promise<void> {
    const { gtin, lot, serial } = request.params;
    return this.resolve(gtin ?? null, lot ?? null, serial ?? '', request.query, request, reply);
  }

  /** GET/HEAD /t/{serial}. */
  short(request: ScanRequestType, reply: FastifyReply): Promise<void> {
    return this.resolve(null, null, request.params.serial ?? '', request.query, request, reply);
  }

  private async resolve(
    gtin: string | null,
    lot: string | null,
    serial: string,
    query: ScanQuery,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const parsed = parseDigitalLinkPath(gtin, lot, serial);
    if ('key' in parsed) return this.malformed(reply, request, parsed);
    if (typeof query.serial === 'string') return this.typedSerial(request, query, reply, gtin, lot);
    const retryAfter = this.scans.rateLimit(request.ip);
    if (retryAfter) {
      return sendResolverProblem(reply, request, {
        status: 429,
        detail: message('trace.tooManyScans', { seconds: retryAfter }),
        headers: { 'retry-after': String(retryAfter), 'access-control-allow-origin': '*' },
      });
    }
    if (query.linkType === 'gs1:certificationInfo') return this.certificationInfo(reply, parsed.gtin, parsed.lot, parsed.serial);
    const json = wantsJson(request, query);
    const answer = await this.scans.scan({
      ...parsed,
      count: isConsumerView(request.method, request.headers, query.linkType),
      client: request.ip,
      json,
      lang: pickLanguage(query.lang, request.headers['accept-language']),
      path: request.url.split('?')[0],
    });
    await this.send(reply, answer);
  }

  /**
   * The form under a counterfeit or unknown answer sends `?serial=` to the page it is on: answered with
   * a 303 to that serial's page under the same GTIN and lot (or /t/ for the short form), nothing
   * counted here. A serial that cannot be one gets the page again, saying so.
   */
  private async typedSerial(
    request: FastifyRequest,
    query: ScanQuery,
    reply: FastifyReply,
    gtin: string | null,
    lot: string | null,
  ): Promise<void> {
    const lang = pickLanguage(query.lang, request.headers['accept-language']);
    const serial = normalizeTypedSerial(query.serial ?? '');
    if (!serial) {
      // A program gets the one error format; a person gets the page back with the form to try again.
      if (wantsJson(request, query)) {
        return sendResolverProblem(reply, request, {
          status: 400,
          detail: message('trace.typedSerialUnreadable'),
          headers: { 'access-control-allow-origin': '*' },
        });
      }
      await this.send(reply, this.scans.unreadableSerial(false, lang, request.url.split('?')[0]));
      return;
    }
    const path =
      gtin !== null && lot !== null
        ? `/01/${gtin}/10/${encodeURIComponent(lot)}/21/${encodeURIComponent(serial)}`
        : `/t/${encodeURIComponent(serial)}`;
    const keep = [
      query.lang ? `lang=${encodeURIComponent(query.lang)}` : '',
      query.format ? `format=${encodeURIComponent(query.format)}` : '',
    ]
      .filter(Boolean)
      .join('&');
    await reply
      .status(303)
      .header('location', keep ? `${path}?${keep}` : path)
      .header('cache-control', 'no-store')
      .header('access-control-allow-origin', '*')
      .send();
  }

  private async certificationInfo(reply: FastifyReply, gtin: string | null, lot: string | null, serial: string | null): Promise<void> {
    const answer = await this.scans.certificationInfo(gtin, lot, serial);
    await this.send(
      reply,
      answer ?? {
        status: 404,
        headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' },
        body: '{"verdict":"unknown"}',
      },
    );
  }

  private async send(reply: FastifyReply, answer: ScanAnswer): Promise<void> {
    await reply.status(answer.status).headers(answer.headers).send(answer.body);
  }

  /** GS1 Digital Link: a malformed URI is a 400, never a 200 with an error inside. */
  private malformed(reply: FastifyReply, request: FastifyRequest, detail: Message): Promise<void> {
    return sendResolverProblem(reply, request, {
      status: 400,
      title: message('trace.malformedTitle'),
      detail,
      headers: { 'access-control-allow-origin': '*' },
    });
  }
}
