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

/** One keep-alive pool per timeout (there is one timeout per process): the sync makes thousands of calls a second to a few hosts. */
const agents = new Map<number, Agent>();
function agentFor(timeoutMs: number): Agent {
  let agent = agents.get(timeoutMs);
  if (!agent) {
    agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 10_000 });
    agents.set(timeoutMs, agent);
  }
  return agent;
}

const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError', 'AbortError']);

/**
 * One HTTP call with a timeout (on connecting, on the answer's headers and between body chunks; the
 * platforms answer small JSON bodies). Network errors and timeouts become `transient`; the caller maps
 * the answer (status + platform envelope) to a result. URLs carry signatures, never secrets; they are not logged.
 * Text bodies go through undici's pooled `request`; multipart uploads (images) through `fetch`, which builds the form.
 */
export async function httpCall(url: string, init: RequestInit, timeoutMs: number): Promise<CallResult<HttpAnswer>> {
  try {
    let status: number;
    let headers: AnswerHeaders;
    let text: string;
    if (init.body === undefined || init.body === null || typeof init.body === 'string') {
      const answer = await request(url, {
        method: (init.method ?? 'GET') as 'GET' | 'POST' | 'PUT',
        headers: init.headers as Record<string, string> | undefined,
        body: init.body ?? undefined,
        dispatcher: agentFor(timeoutMs),
      });
      status = answer.statusCode;
      headers = answer.headers;
      text = await answer.body.text();
    } else {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
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
    const code = (error as errors.UndiciError).code ?? (error as Error).name;
    return transient(
      TIMEOUTS.has(code) || TIMEOUTS.has((error as Error).name)
        ? `timed out after ${timeoutMs} ms`
        : `network error: ${(error as Error).message}`,
    );
  }
}

export function headerValue(headers: AnswerHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
