import { Injectable } from '@nestjs/common';
import { isValidGtin, toGtin14, GS1_AI82 } from '../common/gs1/gtin';
import { Message, message } from '../common/i18n/message';
import { ScanConfig, ServerConfig } from '../config/sections';
import { encodeAi82, labelUrl } from '../labels/serials/digital-link';
import { SerialVerifier } from '../labels/serials/serial-verifier';
import { formatDate, Headline, Language, TEXT } from './i18n';
import { ScanRateLimiter } from './rate-limiter';
import { ScanRecorder } from './scan-recorder.service';
import { CachedLabel, Producer, TraceCache } from './trace-cache.service';
import { renderNextSteps, renderTracePage } from './trace-page';
import type { TraceView } from './trace-view';
import { networkOf } from './client-address';
import { decideVerdict, Verdict, VERDICTS } from './verdict';
import { MetricsService } from '../metrics/metrics.service';
import { contextJson, LinkContext, linksetDocument, linksetLink, lotRecordLinks, pageLinks } from './linkset';

/** Headers a script on another origin may read from a resolver answer. */
export const RESOLVER_EXPOSED_HEADERS = 'Link, Location, Content-Language, Retry-After, X-Request-Id';

/** The links of the entities a request identifies, most granular first, and their linkset. */
export interface ResolvedLinks {
  contexts: LinkContext[];
  /** `{"linkset":[…]}` */
  linkset: string;
}

export interface ScanRequest {
  gtin: string | null;
  lot: string | null;
  serial: string;
  /** A consumer view (see consumer-view.ts): counted, and towards the verdict. Anything else is answered the same, uncounted. */
  count: boolean;
  client: string;
  json: boolean;
  lang: Language;
  path: string;
}

export interface ScanAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SHARED_HEADERS = {
  'cache-control': 'no-store',
  vary: 'Accept, Accept-Language',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': RESOLVER_EXPOSED_HEADERS,
};
// The consumer page has no script and no external resource; its one form (type the serial) goes back to
// this site. The policy can be strict. These
// replace helmet's full set on the resolver routes, where every byte of every answer counts.
const PAGE_SECURITY = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  ...SHARED_HEADERS,
});
const HTML_HEADERS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  vi: Object.freeze({ 'content-type': 'text/html; charset=utf-8', 'content-language': 'vi', ...PAGE_SECURITY, ...SHARED_HEADERS }),
  en: Object.freeze({ 'content-type': 'text/html; charset=utf-8', 'content-language': 'en', ...PAGE_SECURITY, ...SHARED_HEADERS }),
};

/** Path segments arrive percent-decoded; this checks them against the Digital Link grammar's rules (a broken one is named by a catalogue message). */
export function parseDigitalLinkPath(
  gtin: string | null,
  lot: string | null,
  serial: string,
): { gtin: string | null; lot: string | null; serial: string } | Message {
  if (gtin !== null) {
    if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return message('trace.gtinFormat');
    if (!isValidGtin(gtin)) return message('trace.gtinCheckDigit');
  }
  if (lot !== null && !GS1_AI82.test(lot)) return message('trace.lotFormat');
  if (!GS1_AI82.test(serial)) return message('trace.serialFormat');
  return { gtin: gtin === null ? null : toGtin14(gtin), lot, serial };
}

/**
 * The consumer scan, off the database in the common case: the MAC decides forgeries before anything
 * is looked up, label rows and batch views come from TraceCache, the count goes to ScanRecorder.
 */
@Injectable()
export class ScanService {
  private readonly limiter: ScanRateLimiter;
  /** `gtin|lot|serial` already checked: an HMAC costs more than the rest of a cached scan. */
  private readonly verified = new Set<string>();

  private readonly verdictCounters: Record<Verdict, { inc(): void }>;

  constructor(
    private readonly verifier: SerialVerifier,
    private readonly cache: TraceCache,
    private readonly recorder: ScanRecorder,
    private readonly scanConfig: ScanConfig,
    private readonly server: ServerConfig,
    metrics: MetricsService,
  ) {
    this.limiter = new ScanRateLimiter(scanConfig.SCAN_RATE_LIMIT_PER_MINUTE);
    // Label children resolved once: the counter update on each scan is then a plain increment.
    this.verdictCounters = Object.fromEntries(VERDICTS.map((v) => [v, metrics.scans.labels(v)])) as Record<Verdict, { inc(): void }>;
  }

  rateLimit(client: string): number {
    return this.limiter.check(client);
  }

  async scan(req: ScanRequest): Promise<ScanAnswer> {
    const key = `${req.gtin}|${req.lot}|${req.serial}`;
    if (!this.verified.has(key)) {
      if (!(await this.verifier.isGenuine(req.serial, req.gtin, req.lot))) return this.answerWithoutLabel('counterfeit', req);
      if (this.verified.size >= 200_000) this.verified.clear();
      this.verified.add(key);
    }
    const label = await this.cache.label(req.serial);
    if (!label) return this.answerWithoutLabel('unknown', req);
    const view = await this.cache.view(label.batchId);
    // The MAC binds the serial to its GTIN and lot, so this only fails if the database and keys disagree.
    if (!view || view.gtin !== req.gtin || (req.gtin !== null && view.lotCode !== req.lot))
      return this.answerWithoutLabel('counterfeit', req);

    const now = new Date();
    let networks: number;
    if (req.count) {
      networks = this.recorder.record(label.serial, label.batchId, networkOf(req.client), now, label.clearedAt);
      label.localScans++;
      label.firstScannedAt ??= now;
    } else {
      networks = this.recorder.networksInWindow(label.serial, label.clearedAt, now.getTime());
    }
    const count = label.storedScans + label.localScans;
    const verdict = decideVerdict(
      { labelStatus: label.status, batchRecalled: view.recalled, networksInWindow: networks },
      { suspiciousNetworks: this.scanConfig.SCAN_SUSPICIOUS_NETWORKS },
    );
    if (req.count) this.verdictCounters[verdict].inc();
    const reason = label.status === 'voided' ? label.voidReason : view.recalled ? view.recallReason : null;
    const first = label.firstScannedAt;
    // A label's links never change: built on its first scan, kept with the cached row.
    label.link ??= this.linkHeader(view, req.serial);
    const headers = { ...this.commonHeaders(req.json, req.lang), link: label.link };
    const state = lotState(view, label, now.getTime());
    if (req.json) {
      const scan = `{"count":${count},"firstScannedAt":${first ? `"${first.toISOString()}"` : 'null'}}`;
      const reasonJson = reason ? `,"reason":${JSON.stringify(reason)}` : '';
      return {
        status: 200,
        headers,
        body: `{"verdict":"${verdict}","serial":"${req.serial}"${reasonJson},"status":${statusJson(view, label, state)},"scan":${scan},${view.json}}`,
      };
    }
    const t = TEXT[req.lang];
    const scanLine = first ? t.scanned(count, formatDate(req.lang, first)) : null;
    const headline = headlineOf(verdict, state);
    return {
      status: 200,
      headers,
      body: renderTracePage({
        lang: req.lang,
        verdict,
        headline,
        serial: req.serial,
        scanLine,
        reason,
        stateLine: stateLine(headline, view, label, req.lang),
        body: view.html[req.lang],
        path: req.path,
      }),
    };
  }

  /** `/01/{gtin}/10/{lot}` without a serial walks up to the batch page: no verdict, nothing counted; null when no such lot. */
  async batchPage(gtin: string, lot: string, json: boolean, lang: Language, path: string): Promise<ScanAnswer | null> {
    const batchId = await this.cache.batchIdFor(gtin, lot);
    const view = batchId ? await this.cache.view(batchId) : null;
    if (!view) return null;
    const headers = { ...this.commonHeaders(json, lang), link: view.lotLink ?? linksetLink(this.lotAnchor(view)) };
    return this.recordPage(headers, json ? `{${view.json}}` : null, view.html[lang], lang, path);
  }

  /** `/01/{gtin}/21/{serial}` (a serial written without its lot): the lot of that label, when it is one of this GTIN's. */
  async lotOfLabel(gtin: string, serial: string): Promise<string | null> {
    const label = await this.cache.label(serial);
    const view = label ? await this.cache.view(label.batchId) : null;
    return view && view.gtin === gtin ? view.lotCode : null;
  }

  /** A serial no label of this GTIN carries: the unknown answer, with the producer to ask. */
  async unknownLabel(gtin: string, serial: string, json: boolean, lang: Language, path: string): Promise<ScanAnswer> {
    return this.notFound('unknown', serial, json, lang, path, await this.cache.producerOf(gtin));
  }

  /** The certificates of a lot's growing area (`gs1:certificationInfo`); null when no such lot. */
  async lotCertifications(batchId: string): Promise<ScanAnswer | null> {
    const view = await this.cache.view(batchId);
    if (!view) return null;
    const origin = (JSON.parse(`{${view.json}}`) as { origin: { certifications: unknown[]; plotCode: string | null } }).origin;
    return {
      status: 200,
      headers: { ...this.commonHeaders(true, 'vi'), 'cache-control': 'public, max-age=300' },
      body: JSON.stringify({ plotCode: origin.plotCode, certifications: origin.certifications }),
    };
  }

  /**
   * A counterfeit or unknown answer says what to do next: general advice, the province office's line
   * (TRACE_HELP_LINE), the producer's public contact when the GTIN names one, and a form to type the
   * serial again (a typo is not a counterfeit).
   */
  notFound(
    verdict: 'counterfeit' | 'unknown',
    serial: string | null,
    json: boolean,
    lang: Language,
    path: string,
    producer: Producer | null,
    problem: string | null = null,
    status = 404,
  ): ScanAnswer {
    const headers = this.commonHeaders(json, lang);
    const helpLine = this.helpLine(lang);
    if (json) return { status, headers, body: JSON.stringify({ verdict, serial, producer, helpLine }) };
    return {
      status,
      headers,
      body: renderTracePage({
        lang,
        verdict,
        headline: verdict,
        serial,
        scanLine: null,
        reason: null,
        body: renderNextSteps(lang, verdict, path, producer, helpLine, problem),
        path,
      }),
    };
  }

  /** A serial typed into the form that cannot be one: the same page again, saying so, with the form. */
  unreadableSerial(json: boolean, lang: Language, path: string): ScanAnswer {
    return this.notFound('unknown', null, json, lang, path, null, TEXT[lang].badSerial, 400);
  }

  private async answerWithoutLabel(verdict: 'counterfeit' | 'unknown', req: ScanRequest): Promise<ScanAnswer> {
    if (req.count) this.verdictCounters[verdict].inc();
    // A forged MAC says nothing about who made the product; a well-formed serial under a known GTIN does.
    const producer = verdict === 'unknown' && req.gtin ? await this.cache.producerOf(req.gtin) : null;
    return this.notFound(verdict, req.serial, req.json, req.lang, req.path, producer);
  }

  private helpLine(lang: Language): string | null {
    return (lang === 'en' ? this.scanConfig.TRACE_HELP_LINE_EN || this.scanConfig.TRACE_HELP_LINE : this.scanConfig.TRACE_HELP_LINE) || null;
  }

  private commonHeaders(json: boolean, lang: Language): Readonly<Record<string, string>> {
    return json ? JSON_HEADERS : HTML_HEADERS[lang];
  }

  /** A label's answers point at its linkset (resolver standard 2.9); its links are listed there, not in the header. */
  private linkHeader(view: TraceView, serial: string | null): string {
    return linksetLink(serial ? this.labelAnchor(view, serial) : this.lotAnchor(view));
  }

  /** PUBLIC_BASE_URL, which the configuration keeps without a trailing slash. */
  private get base(): string {
    return this.server.PUBLIC_BASE_URL;
  }

  private labelAnchor(view: TraceView, serial: string): string {
    return labelUrl(this.base, view.gtin, view.lotCode, serial);
  }

  private lotAnchor(view: TraceView): string {
    return view.gtin ? `${this.base}/01/${view.gtin}/10/${encodeAi82(view.lotCode)}` : `${this.base}/trace/lots/${view.batchId}`;
  }

  /**
   * The lot's and its product's link context objects, built once per cached view: a linkset answer is then
   * the label's own small object and two strings already made (issue 14: cached per lot).
   */
  private lotLevels(view: TraceView): { contexts: LinkContext[]; json: string[] } {
    if (view.resolver) return view.resolver;
    const records = lotRecordLinks(this.base, view.batchId, view.certificationCount > 0);
    const contexts: LinkContext[] = [];
    if (view.gtin) {
      const lot = this.lotAnchor(view);
      contexts.push({
        anchor: lot,
        itemDescription: `${view.productName} · ${view.lotCode}`,
        links: { ...pageLinks(lot, 'page'), ...records },
      });
      const product = `${this.base}/01/${view.gtin}`;
      contexts.push({ anchor: product, itemDescription: view.productName, links: pageLinks(product, 'product') });
    }
    view.resolver = { contexts, json: contexts.map(contextJson) };
    view.lotLink = view.gtin ? linksetLink(this.lotAnchor(view)) : undefined;
    return view.resolver;
  }

  /** The links of a label that exists and whose code is genuine (MAC), with its lot's and product's; null otherwise. */
  async labelLinks(gtin: string | null, lot: string | null, serial: string): Promise<ResolvedLinks | null> {
    const key = `${gtin}|${lot}|${serial}`;
    if (!this.verified.has(key)) {
      if (!(await this.verifier.isGenuine(serial, gtin, lot))) return null;
      this.verified.add(key);
    }
    const label = await this.cache.label(serial);
    const view = label ? await this.cache.view(label.batchId) : null;
    if (!view || view.gtin !== gtin || (gtin !== null && view.lotCode !== lot)) return null;
    const levels = this.lotLevels(view);
    const anchor = this.labelAnchor(view, serial);
    const own: LinkContext = {
      anchor,
      itemDescription: `${view.productName} · ${view.lotCode} · ${serial}`,
      // A label without GTIN has no lot or product in Digital Link terms: its records hang on the label itself.
      links: view.gtin
        ? pageLinks(anchor, 'page')
        : { ...pageLinks(anchor, 'page'), ...lotRecordLinks(this.base, view.batchId, view.certificationCount > 0) },
    };
    return { contexts: [own, ...levels.contexts], linkset: linksetDocument([contextJson(own), ...levels.json]) };
  }

  /** The links of a lot (`/01/{gtin}/10/{lot}`) and its product; null when no such lot. */
  async lotLinks(gtin: string, lot: string): Promise<ResolvedLinks | null> {
    const batchId = await this.cache.batchIdFor(gtin, lot);
    const view = batchId ? await this.cache.view(batchId) : null;
    if (!view) return null;
    const levels = this.lotLevels(view);
    return { contexts: levels.contexts, linkset: linksetDocument(levels.json) };
  }

  /** The links of a product (`/01/{gtin}`); null when no product carries the GTIN. */
  async productLinks(gtin: string): Promise<ResolvedLinks | null> {
    const product = await this.cache.product(gtin);
    if (!product) return null;
    const anchor = `${this.base}/01/${gtin}`;
    const context: LinkContext = { anchor, itemDescription: product.name, links: pageLinks(anchor, 'product') };
    return { contexts: [context], linkset: linksetDocument([contextJson(context)]) };
  }

  /** A lot's or a product's public record, no verdict: its JSON when asked for (`json` not null), else its page. */
  private recordPage(headers: Record<string, string>, json: string | null, html: string, lang: Language, path: string): ScanAnswer {
    if (json !== null) return { status: 200, headers, body: json };
    const body = renderTracePage({ lang, verdict: null, headline: null, serial: null, scanLine: null, reason: null, body: html, path });
    return { status: 200, headers, body };
  }

  /** `/01/{gtin}`, or a lot or variant this resolver does not know walked up to it: the product's page. */
  async productPage(gtin: string, json: boolean, lang: Language, path: string): Promise<ScanAnswer | null> {
    const product = await this.cache.product(gtin);
    if (!product) return null;
    const headers = { ...this.commonHeaders(json, lang), link: linksetLink(`${this.base}/01/${gtin}`) };
    return this.recordPage(headers, json ? product.json : null, product.html[lang], lang, path);
  }
}

interface LotState {
  recalled: boolean;
  /** The label itself was voided (a misprint, a lost roll), not by its lot's recall. */
  voided: boolean;
  expired: boolean;
  onHold: boolean;
  caution: boolean;
}

/** Where a known label's lot stands now: dates move on while the view stays cached, so this is per scan. */
function lotState(view: TraceView, label: CachedLabel, now: number): LotState {
  const recalledAt = view.recalledAt ? Date.parse(view.recalledAt) : null;
  // A recall voids every active label at the recall's instant; a label voided before that was voided on its own.
  const voided = label.status === 'voided' && (recalledAt === null || !label.voidedAt || label.voidedAt.getTime() < recalledAt);
  return {
    recalled: view.recalled,
    voided,
    expired: view.expiresAt !== null && now >= view.expiresAt,
    onHold: view.hold !== null,
    caution: view.safetyWarning && view.hold === null,
  };
}

/** `status` beside `verdict` in JSON: each of recalled, voided, expired and onHold present only when it applies. */
function statusJson(view: TraceView, label: CachedLabel, state: LotState): string {
  const parts: string[] = [];
  if (state.recalled) parts.push(`"recalled":${JSON.stringify({ at: view.recalledAt, reason: view.recallReason })}`);
  if (state.voided) parts.push(`"voided":${JSON.stringify({ at: label.voidedAt?.toISOString() ?? null, reason: label.voidReason })}`);
  if (state.expired) parts.push(`"expired":{"bestBefore":"${view.bestBefore}"}`);
  if (view.hold) parts.push(`"onHold":{"safeFrom":"${view.hold.safeFrom}"}`);
  return `{${parts.join(',')}}`;
}

/**
 * The banner: a recall before a voided label (a recall is not a misprint), then a copied label, then
 * the lot's food-safety hold, its best-before, and a pre-harvest warning a manager released; green only
 * when nothing of that applies.
 */
function headlineOf(verdict: Verdict, state: LotState): Headline {
  if (state.recalled) return 'recalled';
  if (verdict === 'voided' || state.voided) return 'voided';
  if (verdict !== 'genuine') return verdict;
  if (state.onHold) return 'onHold';
  if (state.expired) return 'expired';
  if (state.caution) return 'caution';
  return 'genuine';
}

function stateLine(headline: Headline, view: TraceView, label: CachedLabel, lang: Language): string | null {
  const t = TEXT[lang];
  const dates = view.dates[lang];
  switch (headline) {
    case 'recalled':
      return dates.recalledAt ? t.recalledOn(dates.recalledAt) : null;
    case 'voided':
      return label.voidedAt ? t.voidedOn(formatDate(lang, label.voidedAt)) : null;
    case 'expired':
      return dates.bestBefore ? t.bestBeforeWas(dates.bestBefore) : null;
    case 'onHold':
      return dates.safeFrom ? t.heldUntil(dates.safeFrom) : null;
    case 'genuine':
    case 'suspicious':
    case 'caution':
    case 'counterfeit':
    case 'unknown':
      return null;
  }
}
