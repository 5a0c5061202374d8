import { computed, effect, signal } from '@preact/signals';
import { t } from '../i18n';
import { addLogoutGuard, currentUser } from '../session/session';
import { Outbox, type Operation } from './outbox';
import { sendOperation, type OperationKind } from './operations';
import { indexedDbOutboxStore } from './store';

export type { Operation } from './outbox';

export const outbox = new Outbox(indexedDbOutboxStore, sendOperation);

/** The logged-in person's operations, oldest first (waiting, sent, refused). */
export const operations = signal<Operation[]>([]);
export const waitingCount = computed(() => operations.value.filter((op) => op.state === 'waiting' || op.state === 'sending').length);
export const refusedCount = computed(() => operations.value.filter((op) => op.state === 'refused').length);

async function reload(): Promise<void> {
  const user = currentUser.value;
  operations.value = user ? await outbox.list(user.id) : [];
}

outbox.subscribe(() => void reload());

/** Sends what waits now (also what the "Gửi ngay" button calls). */
export async function flushNow(): Promise<void> {
  const user = currentUser.value;
  if (!user) return;
  // Two tabs of the app must not send the same write at the same time (harmless, but wasteful on 3G).
  if (navigator.locks) await navigator.locks.request('nongsan-outbox', () => outbox.flush(user.id));
  else await outbox.flush(user.id);
  await reload();
}

/** Records a write: stored first (it survives anything from here), then sent if the network allows. */
export async function record<P>(kind: OperationKind, payload: P, options: { dependsOn?: string[]; subject?: string } = {}): Promise<Operation<P>> {
  const user = currentUser.value;
  if (!user) throw new Error('not logged in');
  const op = await outbox.enqueue({ userId: user.id, kind, payload, dependsOn: options.dependsOn, subject: options.subject });
  void flushNow();
  return op;
}

let started = false;

/** Starts the triggers: at start, back online, back in view, and every minute while something waits. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  // Ask the browser not to evict the outbox under storage pressure (granted silently for installed apps).
  void navigator.storage?.persist?.().catch(() => false);
  effect(() => {
    if (currentUser.value) void flushNow();
    else operations.value = [];
  });
  window.addEventListener('online', () => void flushNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flushNow();
  });
  setInterval(() => {
    if (waitingCount.value > 0 && navigator.onLine) void flushNow();
  }, 60_000);
  addLogoutGuard(async () => {
    const user = currentUser.value;
    if (!user) return null;
    const unsent = await outbox.unsent(user.id);
    return unsent.length ? t('outbox.logoutRefused', { count: unsent.length }) : null;
  });
}
