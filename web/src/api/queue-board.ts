import { request } from './client';

/**
 * Opens the job-queue board (/admin/queues, server-rendered by Bull Board). It reads a session cookie, not
 * the app's bearer token, so the token is first exchanged for that cookie (POST /admin/session).
 */
export async function openQueueBoard(): Promise<void> {
  await request<void>('/admin/session', { method: 'POST', credentials: 'same-origin' });
  window.location.assign('/admin/queues');
}
