import type { FieldError } from '../../../src/common/errors/problem.contract';
import { lang } from '../i18n';

/** An RFC 9457 problem as the service answers it (application/problem+json), in the language asked for. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** The server answered and refused: `problem.detail` is already in the person's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  /** The message of one field, for showing under that field. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

/** No answer at all (offline, connection dropped, server down): whatever was sent may or may not have landed. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

/** How requests get and renew their token; the session module provides it. */
export interface AuthProvider {
  accessToken(): string | null;
  /** Gets a new access token with the refresh token; false when the session is over. */
  refresh(): Promise<boolean>;
}

let auth: AuthProvider | null = null;

export function setAuthProvider(provider: AuthProvider | null): void {
  auth = provider;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary body (a photo), sent as is with its own type instead of JSON. */
  rawBody?: Blob;
  /** false for the login and refresh calls themselves. */
  auth?: boolean;
  /** `same-origin` only where the answer sets a cookie the browser must keep (the queue board's session). */
  credentials?: RequestCredentials;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | null;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang.value, ...options.headers };
  if (options.rawBody) headers['Content-Type'] = options.rawBody.type || 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.auth === false ? null : auth?.accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
      credentials: options.credentials ?? 'omit',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (body && typeof body.detail === 'string') return { title: body.title ?? response.statusText, status: response.status, ...body } as Problem;
  } catch {
    // Not JSON (a proxy's error page): described by its status below.
  }
  return { title: response.statusText, status: response.status, detail: '' };
}

/**
 * Calls the service. A 401 renews the access token once and repeats the call; any other refusal throws
 * ApiError with the server's problem; no answer throws NetworkError.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  let response = await send(path, options);
  if (response.status === 401 && options.auth !== false && auth && (await auth.refresh())) {
    response = await send(path, options);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : undefined) as T, etag: response.headers.get('ETag') };
}

/**
 * A call that is not JSON in and out (a CSV upload, a PDF or ZPL download, a label image), with the same
 * token, single renewal on 401 and problem handling as `request`; answers the Response to read as it needs.
 */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = async (): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('Accept-Language', lang.value);
    const token = auth?.accessToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetch(path, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      throw new NetworkError(error);
    }
  };
  let response = await attempt();
  if (response.status === 401 && auth && (await auth.refresh())) response = await attempt();
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
}

export const api = {
  get: async <T>(path: string, signal?: AbortSignal) => (await request<T>(path, { signal })).data,
  post: async <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    (await request<T>(path, { method: 'POST', body, headers })).data,
  patch: async <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    (await request<T>(path, { method: 'PATCH', body, headers })).data,
  delete: async <T>(path: string) => (await request<T>(path, { method: 'DELETE' })).data,
};

/** `{ items, nextCursor }`, the shape of every list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
