import { transient } from './marketplace';
import type { CallResult } from './marketplace';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/**
 * One HTTP call with a timeout. Network errors and timeouts become `transient`; the caller maps the
 * answer (status + platform envelope) to a result. URLs carry signatures, never secrets; they are not logged.
 */
export async function httpCall(url: string, init: RequestInit, timeoutMs: number): Promise<CallResult<HttpAnswer>> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = null;
    }
    return { kind: 'ok', value: { status: response.status, headers: response.headers, text, json } };
  } catch (error) {
    const name = (error as Error).name;
    return transient(
      name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${timeoutMs} ms` : `network error: ${(error as Error).message}`,
    );
  }
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
