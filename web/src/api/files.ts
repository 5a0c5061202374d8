import { lang } from '../i18n';
import { refreshSession } from '../session/session';
import { kvGet } from '../storage/db';
import { ApiError, NetworkError, type Problem } from './client';

/**
 * Calls that are not JSON in and out: a CSV upload (multipart), a PDF or ZPL download, a label image.
 * The token is read where the session keeps it (IndexedDB, key `session`), so api/client.ts stays as it is;
 * a 401 renews it once through the session, like every other call.
 */
async function accessToken(): Promise<string | null> {
  return (await kvGet<{ accessToken: string | null }>('session'))?.accessToken ?? null;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', lang.value);
  const token = await accessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(path, { ...init, headers, credentials: 'omit' });
  } catch (error) {
    throw new NetworkError(error);
  }
}

/** fetch with the session's token; a refusal throws ApiError with the server's problem, no answer NetworkError. */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let response = await send(path, init);
  if (response.status === 401 && (await refreshSession())) response = await send(path, init);
  if (response.ok) return response;
  let problem: Problem = { title: response.statusText, status: response.status, detail: '' };
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (body && typeof body.detail === 'string') problem = { ...problem, ...body };
  } catch {
    // Not JSON: described by its status.
  }
  throw new ApiError(response.status, problem);
}

/** A file from the API as an object URL (revoke it when done). */
export async function fileUrl(path: string): Promise<string> {
  return URL.createObjectURL(await (await authorizedFetch(path)).blob());
}

/** Saves a file from the API on the phone under `filename`. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const url = await fileUrl(path);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** POSTs a form (e.g. a file upload) and answers its JSON. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const response = await authorizedFetch(path, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
  return (await response.json()) as T;
}
