import { GS1_AI82, isValidGtin, toGtin14 } from '../common/gs1/gtin';
import { Message, message } from '../common/i18n/message';
import { encodeAi82 } from '../labels/serials/digital-link';

/**
 * A GTIN Digital Link as the resolver reads it (GS1 Digital Link URI Syntax 1.4+, `gtin-path`):
 * `/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]`, then data attributes and the resolver's own keywords
 * (`linkType`, `context`) in the query string. Anything the grammar refuses is a fault naming what is
 * wrong (answered 400); a GTIN written with fewer than 14 digits is answered with its canonical form (301).
 */
export interface DigitalLinkRequest {
  /** GTIN-14. */
  gtin: string;
  cpv: string | null;
  lot: string | null;
  serial: string | null;
  /** `/01/{gtin14}[/22/…][/10/…][/21/…]`, percent-encoded as the labels print it. */
  canonicalPath: string;
  /** The GTIN was written with 8, 12 or 13 digits: the answer is a 301 to the canonical path. */
  shortGtin: boolean;
  query: ResolverQuery;
}

export interface ResolverQuery {
  linkType?: string;
  context?: string;
  lang?: string;
  format?: string;
  /** A serial typed into the page's form. */
  serial?: string;
  /** The request's query string without `linkType`: passed on when redirecting (resolver standard 2.12). */
  passOn: string;
}

export interface DigitalLinkFault {
  fault: Message;
}

/** Qualifiers of the GTIN in the order the grammar requires them. */
const GTIN_QUALIFIERS = ['22', '10', '21'] as const;

const X = (max: number) => new RegExp(`^[!"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,${max}}$`);
const N = (length: number) => new RegExp(`^\\d{${length}}$`);
const UPTO = (max: number) => new RegExp(`^\\d{1,${max}}$`);
const DATE = 'date';
const COUNTRY = 'country';
const COUNTRIES = 'countries';
const COUNTRY_AND_X9 = 'countryAndX9';
type Format = RegExp | typeof DATE | typeof COUNTRY | typeof COUNTRIES | typeof COUNTRY_AND_X9;

/**
 * Formats of the GS1 Application Identifiers a query string may carry (GS1 General Specifications,
 * section 3.2). An all-digit key that is not here is not an AI: refused, as the grammar asks.
 */
const AI_FORMATS = new Map<string, Format>([
  ['00', N(18)],
  ['01', N(14)],
  ['02', N(14)],
  ['10', X(20)],
  ['11', DATE],
  ['12', DATE],
  ['13', DATE],
  ['15', DATE],
  ['16', DATE],
  ['17', DATE],
  ['20', N(2)],
  ['21', X(20)],
  ['22', X(20)],
  ['30', UPTO(8)],
  ['37', UPTO(8)],
  ['235', X(28)],
  ['240', X(30)],
  ['241', X(30)],
  ['242', UPTO(6)],
  ['243', X(20)],
  ['250', X(30)],
  ['251', X(30)],
  ['253', /^\d{13}[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{0,17}$/],
  ['254', X(20)],
  ['255', /^\d{13,25}$/],
  ['400', X(30)],
  ['401', X(30)],
  ['402', N(17)],
  ['403', X(30)],
  ['420', X(20)],
  ['421', COUNTRY_AND_X9],
  ['422', COUNTRY],
  ['423', COUNTRIES],
  ['424', COUNTRY],
  ['425', COUNTRIES],
  ['426', COUNTRY],
  ['427', X(3)],
  ['7001', N(13)],
  ['7002', X(30)],
  ['7003', N(10)],
  ['7004', UPTO(4)],
  ['7005', X(12)],
  ['7006', DATE],
  ['7007', /^\d{6}(\d{6})?$/],
  ['7008', X(3)],
  ['7009', X(10)],
  ['7010', X(2)],
  ['7020', X(20)],
  ['7021', X(20)],
  ['7022', X(20)],
  ['7023', X(30)],
  ['7240', X(20)],
  ['8001', N(14)],
  ['8002', X(20)],
  ['8003', /^\d{14}[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{0,16}$/],
  ['8004', X(30)],
  ['8005', N(6)],
  ['8006', N(18)],
  ['8007', X(34)],
  ['8008', /^\d{8,12}$/],
  ['8009', X(50)],
  ['8010', X(30)],
  ['8011', UPTO(12)],
  ['8012', X(20)],
  ['8013', X(25)],
  ['8017', N(18)],
  ['8018', N(18)],
  ['8019', UPTO(10)],
  ['8020', X(25)],
  ['8026', N(18)],
  ['8200', X(70)],
  ['90', X(30)],
]);
for (let ai = 410; ai <= 417; ai++) AI_FORMATS.set(String(ai), N(13));
for (let ai = 91; ai <= 99; ai++) AI_FORMATS.set(String(ai), X(90));
// Trade measures (310n-369n, n the decimal point position) and amounts (390n-395n).
for (const prefix of [
  310, 311, 312, 313, 314, 315, 316, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 334, 335, 336, 337,
]) {
  for (let n = 0; n <= 9; n++) AI_FORMATS.set(`${prefix}${n}`, N(6));
}
for (let prefix = 340; prefix <= 369; prefix++) for (let n = 0; n <= 9; n++) AI_FORMATS.set(`${prefix}${n}`, N(6));
for (let n = 0; n <= 9; n++) {
  AI_FORMATS.set(`390${n}`, UPTO(15));
  AI_FORMATS.set(`391${n}`, /^\d{3}\d{1,15}$/);
  AI_FORMATS.set(`392${n}`, UPTO(15));
  AI_FORMATS.set(`393${n}`, /^\d{3}\d{1,15}$/);
  AI_FORMATS.set(`394${n}`, N(4));
  AI_FORMATS.set(`395${n}`, N(6));
}

/** ISO 3166-1 numeric codes: what GS1's country AIs (421-426) carry. */
const ISO_COUNTRIES = new Set(
  (
    '004 008 010 012 016 020 024 028 031 032 036 040 044 048 050 051 052 056 060 064 068 070 072 074 076 084 086 090 092 096 ' +
    '100 104 108 112 116 120 124 132 136 140 144 148 152 156 158 162 166 170 174 175 178 180 184 188 191 192 196 203 204 208 ' +
    '212 214 218 222 226 231 232 233 234 238 239 242 246 248 250 254 258 260 262 266 268 270 275 276 288 292 296 300 304 308 ' +
    '312 316 320 324 328 332 334 336 340 344 348 352 356 360 364 368 372 376 380 384 388 392 398 400 404 408 410 414 417 418 ' +
    '422 426 428 430 434 438 440 442 446 450 454 458 462 466 470 474 478 480 484 492 496 498 499 500 504 508 512 516 520 524 ' +
    '528 531 533 534 535 540 548 554 558 562 566 570 574 578 580 581 583 584 585 586 591 598 600 604 608 612 616 620 624 626 ' +
    '630 634 638 642 643 646 652 654 659 660 662 663 666 670 674 678 682 686 688 690 694 702 703 704 705 706 710 716 724 728 ' +
    '729 732 740 744 748 752 756 760 762 764 768 772 776 780 784 788 792 795 796 798 800 804 807 818 826 831 832 833 834 840 ' +
    '850 854 858 860 862 876 882 887 894'
  ).split(' '),
);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYMMDD; day 00 is allowed (GS1: the last day of the month). */
function isGs1Date(value: string): boolean {
  if (!/^\d{6}$/.test(value)) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return false;
  if (day === 0) return true;
  if (day > DAYS_IN_MONTH[month - 1]) return false;
  if (month === 2 && day === 29) {
    // GS1 reads YY within a 100-year window; a leap year is every fourth year in it (2000 was one).
    return Number(value.slice(0, 2)) % 4 === 0;
  }
  return true;
}

function isAiValue(format: Format, value: string): boolean {
  switch (format) {
    case DATE:
      return isGs1Date(value);
    case COUNTRY:
      return ISO_COUNTRIES.has(value);
    case COUNTRIES:
      return /^(\d{3}){1,5}$/.test(value) && value.match(/\d{3}/g)!.every((c) => ISO_COUNTRIES.has(c));
    case COUNTRY_AND_X9:
      return ISO_COUNTRIES.has(value.slice(0, 3)) && /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,9}$/.test(value.slice(3));
    default:
      return format.test(value);
  }
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

const fault = (key: Parameters<typeof message>[0], params?: Record<string, string>): DigitalLinkFault => ({ fault: message(key, params) });

/** Reads the query string: data attributes checked against their AI, the resolver's keywords kept, the rest passed on. */
export function parseResolverQuery(rawQuery: string, pathValues: Record<string, string | null>): ResolverQuery | DigitalLinkFault {
  const query: ResolverQuery = { passOn: '' };
  if (!rawQuery) return query;
  const kept: string[] = [];
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = decode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    if (key === null || value === null) return fault('trace.dlEncoding');
    if (/^\d+$/.test(key)) {
      const format = AI_FORMATS.get(key);
      if (!format) return fault('trace.dlQueryUnknownAi', { ai: key });
      if (!isAiValue(format, value)) return fault('trace.dlQueryValue', { ai: key });
      const inPath = pathValues[key];
      const same = key === '01' ? inPath !== undefined && inPath !== null && toGtin14(value) === inPath : inPath === value;
      if (inPath !== undefined && inPath !== null && !same) return fault('trace.dlQueryConflict', { ai: key });
    } else if (key === 'linkType') {
      query.linkType = value;
      continue;
    } else if (key === 'context') query.context = value;
    else if (key === 'lang') query.lang = value;
    else if (key === 'format') query.format = value;
    else if (key === 'serial') query.serial = value;
    kept.push(pair);
  }
  query.passOn = kept.join('&');
  return query;
}

/**
 * Parses `rawPath` (starting `/01/`, as received: still percent-encoded) and `rawQuery` (without `?`).
 * A trailing slash is tolerated (resolver standard 2.13).
 */
export function parseGtinDigitalLink(rawPath: string, rawQuery: string): DigitalLinkRequest | DigitalLinkFault {
  const path = rawPath.length > 4 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  const segments = path.split('/');
  // ['', '01', gtin, ai, value, ...]
  if (segments[1] !== '01' || segments.length < 3) return fault('trace.gtinFormat');
  const written = segments[2];
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(written)) return fault('trace.gtinFormat');
  if (!isValidGtin(written)) return fault('trace.gtinCheckDigit');
  const gtin = toGtin14(written);
  const rest = segments.slice(3);
  if (rest.length % 2 === 1) return fault('trace.dlExtraSegment', { segment: decode(rest[rest.length - 1]) ?? rest[rest.length - 1] });
  const values: Record<string, string | null> = { '01': gtin, '22': null, '10': null, '21': null };
  let last = -1;
  for (let i = 0; i < rest.length; i += 2) {
    const ai = rest[i];
    const position = (GTIN_QUALIFIERS as readonly string[]).indexOf(ai);
    if (position < 0) {
      if (/^\d+$/.test(ai) && AI_FORMATS.has(ai)) return fault('trace.dlNotQualifier', { ai });
      return fault('trace.dlExtraSegment', { segment: decode(ai) ?? ai });
    }
    if (position <= last) return fault('trace.dlQualifierOrder', { ai });
    last = position;
    const value = decode(rest[i + 1]);
    if (value === null) return fault('trace.dlEncoding');
    if (!GS1_AI82.test(value)) return fault(ai === '10' ? 'trace.lotFormat' : ai === '21' ? 'trace.serialFormat' : 'trace.cpvFormat');
    values[ai] = value;
  }
  const query = parseResolverQuery(rawQuery, values);
  if ('fault' in query) return query;
  let canonicalPath = `/01/${gtin}`;
  for (const ai of GTIN_QUALIFIERS) if (values[ai] !== null) canonicalPath += `/${ai}/${encodeAi82(values[ai])}`;
  return {
    gtin,
    cpv: values['22'],
    lot: values['10'],
    serial: values['21'],
    canonicalPath,
    shortGtin: written.length !== 14,
    query,
  };
}
