// Calls that are not JSON in and out: a CSV upload (multipart), a PDF or ZPL download, a label image.
import { authorizedFetch } from './client';

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
