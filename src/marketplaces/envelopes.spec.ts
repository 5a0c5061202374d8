import type { HttpAnswer } from './http-call';
import { lazadaResult } from './lazada/lazada.client';
import { retryAfterMs } from './marketplace';
import { shopeeResult } from './shopee/shopee.client';
import { tikiResult } from './tiki/tiki.client';

const answer = (status: number, json: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  text: json === null ? '' : JSON.stringify(json),
  json,
});

describe('shopeeResult', () => {
  it('answers the response of a success envelope', () => {
    expect(shopeeResult(answer(200, { request_id: 'r', error: '', message: '', response: { item_id: 7 } }))).toEqual({
      kind: 'ok',
      value: { item_id: 7 },
    });
  });
  it('treats a non-empty error as failure whatever the HTTP status: validation is final, server errors retry', () => {
    expect(shopeeResult(answer(200, { error: 'product.error_busi', message: 'prohibited keywords' }))).toEqual({
      kind: 'rejected',
      message: 'prohibited keywords',
    });
    expect(shopeeResult(answer(400, { error: 'error_param', message: 'item_name is required' })).kind).toBe('rejected');
    expect(shopeeResult(answer(500, { error: 'error_server', message: 'Internal' }))).toEqual({
      kind: 'transient',
      message: 'error_server: Internal',
    });
  });
  it('waits as asked on 429 (Retry-After) and error_too_many_request', () => {
    expect(shopeeResult(answer(429, { error: 'error_too_many_request', message: 'slow down' }, { 'retry-after': '2' }))).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 2000,
    });
    expect(shopeeResult(answer(200, { error: 'error_too_many_request', message: 'retry after 3 seconds' }))).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 3000,
    });
  });
  it('reads a failure_list in a 200 as a partial failure with the platform reason', () => {
    const partial = answer(200, {
      error: '',
      response: { success_list: [], failure_list: [{ item_id: 1, failed_reason: 'Item is unlisted.' }] },
    });
    expect(shopeeResult(partial)).toEqual({ kind: 'rejected', message: 'Item is unlisted.' });
  });
  it('retries an unreadable 200 and a bare 5xx', () => {
    expect(shopeeResult(answer(200, null)).kind).toBe('transient');
    expect(shopeeResult(answer(502, null)).kind).toBe('transient');
  });
});

describe('lazadaResult', () => {
  it('answers data on code "0"', () => {
    expect(lazadaResult(answer(200, { code: '0', data: { item_id: 5 }, request_id: 'r' }))).toEqual({ kind: 'ok', value: { item_id: 5 } });
  });
  it('waits as long as ApiCallLimit says ("this ban will last N seconds")', () => {
    const limited = answer(200, {
      code: 'ApiCallLimit',
      type: 'ISP',
      message: 'The request has exceeded the limit, this ban will last 2 seconds',
    });
    expect(lazadaResult(limited)).toMatchObject({ kind: 'throttled', retryAfterMs: 2000, code: 'ApiCallLimit' });
  });
  it('retries ServiceTimeout, ISP/SYSTEM errors and unreadable answers', () => {
    expect(lazadaResult(answer(200, { code: 'ServiceTimeout', type: 'ISP', message: 'timed out' }))).toMatchObject({
      kind: 'transient',
      code: 'ServiceTimeout',
    });
    expect(lazadaResult(answer(200, { code: 'X', type: 'SYSTEM', message: 'boom' })).kind).toBe('transient');
    expect(lazadaResult(answer(200, null)).kind).toBe('transient');
  });
  it('rejects ISV errors with the message and keeps the code (4135 duplicate SellerSku)', () => {
    expect(lazadaResult(answer(200, { code: '4135', type: 'ISV', message: 'SellerSku NST-1 is duplicate' }))).toEqual({
      kind: 'rejected',
      message: 'SellerSku NST-1 is duplicate',
      code: '4135',
    });
  });
});

describe('tikiResult', () => {
  it('answers the body on 2xx', () => {
    expect(tikiResult(answer(200, { track_id: 't1', state: 'queuing' }))).toEqual({
      kind: 'ok',
      value: { track_id: 't1', state: 'queuing' },
    });
  });
  it('never retries a 4xx: the errors list is the message', () => {
    expect(tikiResult(answer(400, { errors: ['Giá bán phải từ 1.000đ trở lên', 'x'] }))).toEqual({
      kind: 'rejected',
      message: 'Giá bán phải từ 1.000đ trở lên; x',
    });
  });
  it('waits on 429 as Retry-After says, retries 5xx, and treats 401 as a token to re-fetch', () => {
    expect(tikiResult(answer(429, { errors: ['Too many requests'] }, { 'retry-after': '1' }))).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 1000,
    });
    expect(tikiResult(answer(503, { errors: ['Service temporarily unavailable'] }))).toEqual({
      kind: 'transient',
      message: 'Service temporarily unavailable',
    });
    expect(tikiResult(answer(401, { errors: ['expired'] })).kind).toBe('transient');
    expect(tikiResult(answer(200, null)).kind).toBe('transient');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds in words, bare numbers and HTTP dates, and falls back', () => {
    expect(retryAfterMs('this ban will last 1 seconds')).toBe(1000);
    expect(retryAfterMs('2.5')).toBe(2500);
    expect(retryAfterMs(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
    expect(retryAfterMs(undefined, 750)).toBe(750);
    expect(retryAfterMs('soon', 600)).toBe(600);
  });
});
