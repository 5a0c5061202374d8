import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The one browser session of /admin and its queue board (/admin/queues): the access token itself. */
export const SESSION_COOKIE = 'nst_admin';
/** Readable by the page's script, which echoes it in X-CSRF-Token (double submit). */
export const CSRF_COOKIE = 'nst_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const COOKIE_PATH = '/admin';

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name && value.length) return value.join('=');
  }
  return undefined;
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return cookieValue(request, SESSION_COOKIE) || undefined;
}

/** The Set-Cookie values that open a session: SameSite=Strict, so no other site's page can send them. */
export function sessionCookies(token: string, csrfToken: string, maxAgeSeconds: number, secure: boolean): string[] {
  const flags = `Path=${COOKIE_PATH}; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${token}; ${flags}; HttpOnly`, `${CSRF_COOKIE}=${csrfToken}; ${flags}`];
}

export function clearedSessionCookies(): string[] {
  return [SESSION_COOKIE, CSRF_COOKIE].map((name) => `${name}=; Path=${COOKIE_PATH}; SameSite=Strict; Max-Age=0`);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether a state-changing request carrying the session cookie comes from this service's own pages:
 * an X-CSRF-Token equal to the CSRF cookie (which only a page of this origin can read), or else an
 * Origin (or, lacking it, a Referer) naming this host or PUBLIC_BASE_URL. SameSite=Strict already keeps
 * the cookie off cross-site requests in current browsers; this holds where it does not.
 */
export function isSameOriginRequest(request: FastifyRequest, publicBaseUrl: string): boolean {
  const header = request.headers[CSRF_HEADER];
  const cookie = cookieValue(request, CSRF_COOKIE);
  if (typeof header === 'string' && header && cookie) {
    const a = Buffer.from(header);
    const b = Buffer.from(cookie);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  const origin = request.headers.origin ?? request.headers.referer;
  if (typeof origin !== 'string' || origin === 'null') return false;
  const from = hostOf(origin);
  if (!from) return false;
  const own = [request.headers.host?.toLowerCase(), hostOf(publicBaseUrl)];
  return own.includes(from);
}
