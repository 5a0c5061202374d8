import { Agent, errors, request } from 'undici';
import { transient } from './marketplace';
import type { CallResult } from './marketplace';

export type AnswerHeaders = Record<string, string | string[] | undefined>;

export interface HttpAnswer {
  status: number;
  /** Lower-case names. */
  headers: AnswerHeaders;
  text: string;
  json: unknown;
}

/** One keep-alive pool for every platform: the sync makes thousands of calls a second to a few hosts. */
let agent: Agent | null = null;
const pool = (): Agent => (agent ??= new Agent({ keepAliveTimeout: 10_000 }));

const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError', 'AbortError']);

/**
 * One HTTP call, answered in full within `timeoutMs` or abandoned (the sync's channel lease counts on
 * that bound). Network errors and timeouts become `transient`; the caller maps
 * the answer (status + platform envelope) to a result. URLs carry signatures, never secrets; they are not logged.
 * Text bodies go through undici's pooled `request`; multipart uploads (images) through `fetch`, which builds the form.
 */
export async function httpCall(url: string, init: RequestInit, timeoutMs: number): Promise<CallResult<HttpAnswer>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException('deadline', 'TimeoutError')), timeoutMs);
  try {
    let status: number;
    let headers: AnswerHeaders;
    let text: string;
    if (init.body === undefined || init.body === null || typeof init.body === 'string') {
      const answer = await request(url, {
        method: (init.method ?? 'GET') as 'GET' | 'POST' | 'PUT',
        headers: init.headers as Record<string, string> | undefined,
        body: init.body ?? undefined,
        dispatcher: pool(),
        signal: deadline.signal,
      });
      status = answer.statusCode;
      headers = answer.headers;
      text = await answer.body.text();
    } else {
      const response = await fetch(url, { ...init, signal: deadline.signal });
      status = response.status;
      headers = Object.fromEntries(response.headers);
      text = await response.text();
    }
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = null;
    }
    return { kind: 'ok', value: { status, headers, text, json } };
  } catch (error) {
    const timedOut = deadline.signal.aborted || TIMEOUTS.has((error as errors.UndiciError).code) || TIMEOUTS.has((error as Error).name);
    return transient(timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

export function headerValue(headers: AnswerHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
