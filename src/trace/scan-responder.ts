import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemTitle, problemType } from '../common/errors/problem-details.filter';
import { GS1_AI82 } from '../common/gs1/gtin';
import { Locale, negotiateLocale } from '../common/i18n/locale';
import { Message, message, translate } from '../common/i18n/message';
import { ServerConfig } from '../config/sections';
import { isConsumerView } from './consumer-view';
import { parseGtinDigitalLink, parseResolverQuery, ResolverQuery } from './digital-link-request';
import { pickLanguage } from './i18n';
import { chooseLink, CONTEXT_LINK, LinkType, linkHeaderEntry, LINKSET_MEDIA_TYPE, linksetLink, readLinkType, withQuery } from './linkset';
import { explicitPreference } from './negotiation';
import { parseDigitalLinkPath, RESOLVER_EXPOSED_HEADERS, ResolvedLinks, ScanAnswer, ScanService } from './scan.service';

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

/** What a request without `linkType` asks for: a representation, the linkset, or the default link. */
type Wanted = 'html' | 'json' | 'linkset' | 'default';

// On a tie the page wins over the JSON (as before q-values were read), the linkset over both.
const DEFAULT_OFFERS = ['application/linkset+json', 'text/html', 'application/json'] as const;
const LINKSET_OFFERS = ['application/linkset+json', 'application/json'] as const;

/**
 * `?format=` wins; then what `Accept` names with q-values: the linkset, the JSON verdict or the page.
 * No `Accept` at all is a person's scanner app: the page (resolver standard 2.10, "no media type").
 * An `Accept` naming none of them (`*\/*`, an image) is a generic client: redirected to the default link.
 */
export function wanted(accept: string | undefined, format: string | undefined): Wanted {
  if (format === 'json') return 'json';
  if (format === 'html') return 'html';
  if (!accept) return 'html';
  const preferred = explicitPreference(accept, DEFAULT_OFFERS);
  return preferred === 'text/html' ? 'html' : preferred === 'application/json' ? 'json' : preferred ? 'linkset' : 'default';
}

/** CORS and the caches' key on every resolver answer, errors included. */
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': RESOLVER_EXPOSED_HEADERS };

/** Turns resolver requests into answers: shared by the Nest controller and the raw Fastify routes. */
@Injectable()
export class ScanResponder {
  constructor(
    private readonly scans: ScanService,
    private readonly server: ServerConfig,
  ) {}

  /** PUBLIC_BASE_URL, which the configuration keeps without a trailing slash. */
  private get base(): string {
    return this.server.PUBLIC_BASE_URL;
  }

  /**
   * Every GTIN Digital Link (`/01/…`, mounted on Fastify directly, see ScanRoutes): the label, the lot
   * and the product, `?linkType=`, linksets, and 400 for what the grammar refuses.
   */
  async digitalLink(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const url = request.url;
    const mark = url.indexOf('?');
    const parsed = parseGtinDigitalLink(mark < 0 ? url : url.slice(0, mark), mark < 0 ? '' : url.slice(mark + 1));
    if ('fault' in parsed) return this.malformed(reply, request, parsed.fault);
    const query = parsed.query;
    if (parsed.shortGtin) {
      // GS1 Digital Link URI Syntax 1.4: a GTIN is written with 14 digits; the canonical address is permanent.
      const location = `${this.base}${parsed.canonicalPath}${mark < 0 ? '' : url.slice(mark)}`;
      await reply
        .status(301)
        .headers(CORS)
        .header('location', location)
        .header('link', linksetLink(`${this.base}${parsed.canonicalPath}`))
        .send();
      return;
    }
    const { gtin, lot, serial, cpv } = parsed;
    const path = parsed.canonicalPath;
    if (typeof query.serial === 'string' && lot !== null) return this.typedSerial(request, query, reply, gtin, lot);
    const linkType = query.linkType === undefined ? undefined : readLinkType(query.linkType);
    const want: Wanted = linkType === 'linkset' ? 'linkset' : linkType ? 'default' : wanted(request.headers.accept, query.format);
    // A variant (22) this resolver does not know walks up to the product (resolver standard 2.5.9).
    if (serial !== null && cpv === null) {
      const labelLot = lot ?? (await this.scans.lotOfLabel(gtin, serial));
      if (query.linkType === undefined && (want === 'html' || want === 'json')) {
        if (labelLot === null)
          return this.send(reply, await this.scans.unknownLabel(gtin, serial, want === 'json', this.lang(request, query), path));
        return this.label(request, reply, query, gtin, labelLot, serial, want === 'json', path);
      }
      const links = labelLot === null ? null : await this.scans.labelLinks(gtin, labelLot, serial);
      return this.links(request, reply, query, links, linkType, want, `${this.base}${path}`);
    }
    if (lot !== null && serial === null && cpv === null) {
      if (query.linkType === undefined && (want === 'html' || want === 'json')) {
        const lang = this.lang(request, query);
        const page =
          (await this.scans.batchPage(gtin, lot, want === 'json', lang, path)) ??
          (await this.scans.productPage(gtin, want === 'json', lang, path));
        return page ? this.send(reply, page) : this.notFound(reply, request);
      }
      const links = (await this.scans.lotLinks(gtin, lot)) ?? (await this.scans.productLinks(gtin));
      return this.links(request, reply, query, links, linkType, want, `${this.base}${path}`);
    }
    if (query.linkType === undefined && (want === 'html' || want === 'json')) {
      const page = await this.scans.productPage(gtin, want === 'json', this.lang(request, query), path);
      return page ? this.send(reply, page) : this.notFound(reply, request);
    }
    return this.links(request, reply, query, await this.scans.productLinks(gtin), linkType, want, `${this.base}${path}`);
  }

  /** GET/HEAD /t/{serial}. */
  async short(request: ScanRequestType, reply: FastifyReply): Promise<void> {
    const serial = request.params.serial ?? '';
    const parsed = parseDigitalLinkPath(null, null, serial);
    if ('key' in parsed) return this.malformed(reply, request, parsed);
    const mark = request.url.indexOf('?');
    const query = parseResolverQuery(mark < 0 ? '' : request.url.slice(mark + 1), {});
    if ('fault' in query) return this.malformed(reply, request, query.fault);
    if (typeof query.serial === 'string') return this.typedSerial(request, query, reply, null, null);
    const linkType = query.linkType === undefined ? undefined : readLinkType(query.linkType);
    const want: Wanted = linkType === 'linkset' ? 'linkset' : linkType ? 'default' : wanted(request.headers.accept, query.format);
    if (query.linkType === undefined && (want === 'html' || want === 'json')) {
      return this.label(request, reply, query, null, null, serial, want === 'json', `/t/${encodeURIComponent(serial)}`);
    }
    const links = await this.scans.labelLinks(null, null, serial);
    return this.links(request, reply, query, links, linkType, want, `${this.base}/t/${encodeURIComponent(serial)}`);
  }

  /** The label's page or JSON verdict: the one answer that counts a scan (consumer-view.ts). */
  private async label(
    request: FastifyRequest,
    reply: FastifyReply,
    query: ResolverQuery,
    gtin: string | null,
    lot: string | null,
    serial: string,
    json: boolean,
    path: string,
  ): Promise<void> {
    const retryAfter = this.scans.rateLimit(request.ip);
    if (retryAfter) {
      return sendResolverProblem(reply, request, {
        status: 429,
        detail: message('trace.tooManyScans', { seconds: retryAfter }),
        headers: { 'retry-after': String(retryAfter), ...CORS },
      });
    }
    const answer = await this.scans.scan({
      gtin,
      lot,
      serial,
      count: isConsumerView(request.method, request.headers, query.linkType),
      client: request.ip,
      json,
      lang: pickLanguage(query.lang, request.headers['accept-language']),
      path,
    });
    await this.send(reply, answer);
  }

  /**
   * Machine answers from an entity's links: its linkset (RFC 9264, with the JSON-LD context in `Link`),
   * a 307 to the link of the requested type or to the default link, the request's query passed on; 404
   * when the item is unknown or has no link of that type.
   */
  private async links(
    request: FastifyRequest,
    reply: FastifyReply,
    query: ResolverQuery,
    links: ResolvedLinks | null,
    linkType: LinkType | 'linkset' | null | undefined,
    want: Wanted,
    anchor: string,
  ): Promise<void> {
    if (!links) return this.notFound(reply, request);
    const linkset = linksetLink(links.contexts[0]?.anchor ?? anchor);
    if (want === 'linkset') {
      const accept = request.headers.accept;
      // A client that names plain JSON and not the linkset media type gets the same document as JSON (standard 2.10).
      const json = !!accept && explicitPreference(accept, LINKSET_OFFERS) === 'application/json';
      await reply
        .status(200)
        .headers(CORS)
        .header('content-type', json ? 'application/json; charset=utf-8' : `${LINKSET_MEDIA_TYPE}; charset=utf-8`)
        .header('cache-control', 'public, max-age=300')
        .header('vary', 'Accept')
        .header('link', `${linkset}, ${CONTEXT_LINK}`)
        .send(links.linkset);
      return;
    }
    if (linkType === null) {
      return this.notFound(reply, request, message('trace.linkTypeMissing', { linkType: query.linkType ?? '' }), linkset);
    }
    const type: LinkType = linkType && linkType !== 'linkset' ? linkType : 'defaultLink';
    const target = chooseLink(
      links.contexts,
      type,
      type === 'defaultLink' ? undefined : request.headers.accept,
      request.headers['accept-language'],
    );
    if (!target) return this.notFound(reply, request, message('trace.linkTypeMissing', { linkType: query.linkType ?? type }), linkset);
    await reply
      .status(307)
      .headers(CORS)
      .header('location', withQuery(target.href, query.passOn))
      .header('cache-control', 'no-store')
      .header('vary', 'Accept, Accept-Language')
      .header('link', `${linkset}, ${linkHeaderEntry(type, target)}`)
      .send();
  }

  private lang(request: FastifyRequest, query: ResolverQuery) {
    return pickLanguage(query.lang, request.headers['accept-language']);
  }

  private notFound(reply: FastifyReply, request: FastifyRequest, detail = message('trace.notFound'), link?: string): Promise<void> {
    return sendResolverProblem(reply, request, { status: 404, detail, headers: link ? { ...CORS, link } : CORS });
  }

  /**
   * The form under a counterfeit or unknown answer sends `?serial=` to the page it is on: answered with
   * a 303 to that serial's page under the same GTIN and lot (or /t/ for the short form), nothing
   * counted here. A serial that cannot be one gets the page again, saying so.
   */
  private async typedSerial(
    request: FastifyRequest,
    query: ResolverQuery,
    reply: FastifyReply,
    gtin: string | null,
    lot: string | null,
  ): Promise<void> {
    const lang = pickLanguage(query.lang, request.headers['accept-language']);
    const serial = normalizeTypedSerial(query.serial ?? '');
    const json = wanted(request.headers.accept, query.format) === 'json';
    if (!serial) {
      // A program gets the one error format; a person gets the page back with the form to try again.
      if (json) {
        return sendResolverProblem(reply, request, { status: 400, detail: message('trace.typedSerialUnreadable'), headers: CORS });
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
      .headers(CORS)
      .send();
  }

  private async send(reply: FastifyReply, answer: ScanAnswer): Promise<void> {
    await reply.status(answer.status).headers(answer.headers).send(answer.body);
  }

  /** GS1 Digital Link: a malformed URI is a 400 naming the fault, never a 200 with an error inside. */
  private malformed(reply: FastifyReply, request: FastifyRequest, detail: Message): Promise<void> {
    return sendResolverProblem(reply, request, { status: 400, title: message('trace.malformedTitle'), detail, headers: CORS });
  }
}
