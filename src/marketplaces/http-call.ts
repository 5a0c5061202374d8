import { Agent, errors, FormData, request } from 'undici';
import { transient } from './marketplace';
import type { CallResult } from './marketplace';

export type AnswerHeaders = Record<string, string | string[] | undefined>;

/** What an adapter sends: text (JSON, form-encoded) or a multipart form (image uploads, undici's FormData). */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string | FormData;
}

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
 * One HTTP call through undici's keep-alive pool, answered in full within `timeoutMs` or abandoned
 * (the sync's channel lease counts on that bound). Network errors and timeouts become `transient`;
 * the caller maps the answer (status + platform envelope) to a result. URLs carry signatures, never
 * secrets; they are not logged. undici comes from package.json, not Node's bundled copy, so its
 * security fixes arrive with `npm update`.
 */
export async function httpCall(url: string, init: HttpRequest, timeoutMs: number): Promise<CallResult<HttpAnswer>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException('deadline', 'TimeoutError')), timeoutMs);
  try {
    const answer = await request(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      dispatcher: pool(),
      signal: deadline.signal,
    });
    const text = await answer.body.text();
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = null;
    }
    return { kind: 'ok', value: { status: answer.statusCode, headers: answer.headers, text, json } };
  } catch (error) {
    const timedOut = deadline.signal.aborted || TIMEOUTS.has((error as errors.UndiciError).code) || TIMEOUTS.has((error as Error).name);
    return transient(timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

export { FormData };

export function headerValue(headers: AnswerHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
