import { createHash } from 'node:crypto';

/**
 * The EPCIS event hash ID (GS1 CBV 2.0 §8.9, "ni:///sha-256;…?ver=CBV2.0"): a canonical pre-hash string of
 * the event's fields, in a fixed property order, list elements sorted, CBV short names expanded to their
 * web URIs and times normalised to UTC with milliseconds, hashed with SHA-256. Two systems that record the
 * same event derive the same id, so an export re-sent or merged elsewhere never duplicates an event.
 * Covers the fields this project emits (ObjectEvent with quantities, locations, source/destination, ilmd).
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EpcisEvent = { [key: string]: JsonValue };

const CBV = 'https://ref.gs1.org/cbv/';
const CANONICAL_ORDER = [
  'type',
  'eventTime',
  'eventTimeZoneOffset',
  'certificationInfo',
  'epcList',
  'parentID',
  'inputEPCList',
  'childEPCs',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'action',
  'transformationID',
  'bizStep',
  'disposition',
  'persistentDisposition',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'ilmd',
];
/** Never part of the hash: the id itself, the context, and what may be added after the fact. */
const EXCLUDED = new Set(['@context', 'eventID', 'recordTime', 'errorDeclaration']);
const EPC_LISTS: Record<string, string> = { epcList: 'epc', inputEPCList: 'epc', childEPCs: 'epc', outputEPCList: 'epc' };
const QUANTITY_LISTS = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);

export function expandCbv(kind: 'BizStep' | 'Disp' | 'BTT' | 'SDT', value: string): string {
  return /^[a-z_]+$/.test(value) ? `${CBV}${kind}-${value}` : value;
}

function normaliseTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function scalar(value: JsonValue): string {
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

/** `{namespace}localName=value` for extension fields, nested objects flattened in sorted order. */
function extension(key: string, value: JsonValue, context: Record<string, string>): string {
  const [prefix, local] = key.includes(':') ? key.split(':', 2) : ['', key];
  const name = prefix && context[prefix] ? `{${context[prefix]}}${local}` : key;
  if (Array.isArray(value))
    return value
      .map((v) => extension(key, v, context))
      .sort()
      .join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.keys(value)
      .map((k) => extension(k, value[k], context))
      .sort()
      .join('');
    return `${name}${inner}`;
  }
  return `${name}=${scalar(value)}`;
}

function quantityElement(element: JsonValue): string {
  const q = element as Record<string, JsonValue>;
  let out = 'quantityElement';
  for (const key of ['epcClass', 'quantity', 'uom']) if (q[key] !== undefined) out += `${key}=${scalar(q[key])}`;
  return out;
}

function field(key: string, value: JsonValue, context: Record<string, string>): string {
  if (key === 'type') return `eventType=${scalar(value)}`;
  if (key === 'eventTime') return `eventTime=${normaliseTime(scalar(value))}`;
  if (EPC_LISTS[key]) {
    return `${key}${(value as string[])
      .map((v) => `${EPC_LISTS[key]}=${v.trim()}`)
      .sort()
      .join('')}`;
  }
  if (QUANTITY_LISTS.has(key)) return `${key}${(value as JsonValue[]).map(quantityElement).sort().join('')}`;
  if (key === 'bizStep') return `bizStep=${expandCbv('BizStep', scalar(value))}`;
  if (key === 'disposition') return `disposition=${expandCbv('Disp', scalar(value))}`;
  if (key === 'readPoint' || key === 'bizLocation') return `${key}id=${scalar((value as Record<string, JsonValue>).id)}`;
  if (key === 'bizTransactionList') {
    const items = (value as Record<string, string>[]).map(
      (t) => `${t.type ? `type=${expandCbv('BTT', t.type)}` : ''}bizTransaction=${t.bizTransaction}`,
    );
    return `${key}${items.sort().join('')}`;
  }
  if (key === 'sourceList' || key === 'destinationList') {
    const element = key === 'sourceList' ? 'source' : 'destination';
    const items = (value as Record<string, string>[]).map((s) => `type=${expandCbv('SDT', s.type)}${element}=${s[element]}`);
    return `${key}${items.sort().join('')}`;
  }
  if (key === 'ilmd') {
    const ilmd = value as Record<string, JsonValue>;
    return `ilmd${Object.keys(ilmd)
      .map((k) => extension(k, ilmd[k], context))
      .sort()
      .join('')}`;
  }
  if (Array.isArray(value)) return `${key}${value.map(scalar).sort().join('')}`;
  return `${key}=${scalar(value)}`;
}

/** The pre-hash string: canonical fields in order, then extension fields sorted. */
export function preHashString(event: EpcisEvent, context: Record<string, string> = {}): string {
  let out = '';
  for (const key of CANONICAL_ORDER) if (event[key] !== undefined && event[key] !== null) out += field(key, event[key], context);
  const extensions = Object.keys(event)
    .filter((k) => !CANONICAL_ORDER.includes(k) && !EXCLUDED.has(k) && event[k] !== undefined)
    .map((k) => extension(k, event[k], context))
    .sort();
  return out + extensions.join('');
}

export function eventHashId(event: EpcisEvent, context: Record<string, string> = {}): string {
  const hex = createHash('sha256').update(preHashString(event, context), 'utf8').digest('hex');
  return `ni:///sha-256;${hex}?ver=CBV2.0`;
}
