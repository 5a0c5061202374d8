import { computed, signal } from '@preact/signals';
import { ApiError, request, setAuthProvider } from '../api/client';
import { cacheClear, kvDelete, kvGet, kvSet } from '../storage/db';

export type Role = 'farmer' | 'coop_manager' | 'admin';

export interface SessionUser {
  id: string;
  role: Role;
  cooperativeId?: string | null;
  householdId?: string | null;
  phone?: string;
}

interface StoredSession {
  user: SessionUser;
  refreshToken: string;
  accessToken: string | null;
  /** ms since epoch */
  accessExpiresAt: number;
}

interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  mustChangePassword: boolean;
  user: SessionUser;
}

const SESSION_KEY = 'session';

const stored = signal<StoredSession | null>(null);
/** True once the session kept on this device has been read at start. */
export const sessionReady = signal(false);
export const currentUser = computed(() => stored.value?.user ?? null);

/** Checks made before logging out (the outbox refuses while records wait); a reason string refuses. */
const logoutGuards: (() => Promise<string | null>)[] = [];
export function addLogoutGuard(guard: () => Promise<string | null>): void {
  logoutGuards.push(guard);
}

async function save(next: StoredSession | null): Promise<void> {
  stored.value = next;
  if (next) await kvSet(SESSION_KEY, next);
  else await kvDelete(SESSION_KEY);
}

function fromLogin(body: LoginResponse, phone?: string): StoredSession {
  return {
    user: { ...body.user, phone: phone ?? stored.value?.user.phone },
    refreshToken: body.refreshToken,
    accessToken: body.accessToken,
    // A little early: a token that expires in flight costs a 401 and a retry.
    accessExpiresAt: Date.now() + (body.expiresIn - 30) * 1000,
  };
}

/** Reads the session this device kept; the person stays logged in across restarts and offline. */
export async function restoreSession(): Promise<void> {
  try {
    stored.value = (await kvGet<StoredSession>(SESSION_KEY)) ?? null;
  } finally {
    sessionReady.value = true;
  }
}

export async function login(phone: string, password: string): Promise<void> {
  const { data } = await request<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { phone, password }, auth: false });
  if (data.mustChangePassword) throw new MustChangePasswordError();
  await save(fromLogin(data, phone));
}

export class MustChangePasswordError extends Error {}

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the access token. Refresh tokens work once, so two tabs must not spend the same one: the Web
 * Locks API (where present) makes them take turns, and the second finds the token the first stored.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const run = async () => {
        const before = stored.value;
        const latest = (await kvGet<StoredSession>(SESSION_KEY)) ?? null;
        if (!latest) return false;
        if (before && latest.refreshToken !== before.refreshToken && latest.accessExpiresAt > Date.now()) {
          stored.value = latest;
          return true;
        }
        try {
          const { data } = await request<LoginResponse>('/api/v1/auth/refresh', {
            method: 'POST',
            body: { refreshToken: latest.refreshToken },
            auth: false,
          });
          await save(fromLogin(data));
          return true;
        } catch (error) {
          // Refused: the session ended (expired, logged out elsewhere, account disabled). Offline: keep it.
          if (error instanceof ApiError && (error.status === 401 || error.status === 400 || error.status === 403)) {
            await endSession();
          }
          return false;
        }
      };
      return navigator.locks ? await navigator.locks.request('nongsan-refresh', run) : await run();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

setAuthProvider({
  // An expired token is still sent: the 401 it earns renews it once (api/client.ts).
  accessToken: () => stored.value?.accessToken ?? null,
  refresh: refreshSession,
});

/** Forgets the session on this device (the server already refused it or was told). */
async function endSession(): Promise<void> {
  await save(null);
  await cacheClear();
  if ('caches' in window) await caches.delete('nongsan-data');
}

/**
 * Logs out: refused (with the reason, in the person's language) while something written on this device
 * has not reached the server, because the next person must not see it and it must not be lost.
 */
export async function logout(): Promise<string | null> {
  for (const guard of logoutGuards) {
    const reason = await guard();
    if (reason) return reason;
  }
  const session = stored.value;
  if (session) {
    try {
      await request('/api/v1/auth/logout', { method: 'POST', body: { refreshToken: session.refreshToken }, auth: false });
    } catch {
      // Offline or already ended: the token is forgotten here either way and expires on the server.
    }
  }
  await kvDelete(PIN_KEY);
  await endSession();
  return null;
}

// ---- PIN lock for a shared phone ----

const PIN_KEY = 'pin';
const LOCK_AFTER_MS = 5 * 60_000;

interface StoredPin {
  salt: string;
  hash: string;
}

export const locked = signal(false);
export const pinSet = signal(false);

async function hashPin(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, key, 256);
  return btoa(String.fromCharCode(...new Uint8Array(bits)));
}

export async function restorePin(): Promise<void> {
  pinSet.value = (await kvGet<StoredPin>(PIN_KEY)) !== undefined;
  // A phone with a PIN opens locked: whoever picks it up next must not read or write as this farmer.
  locked.value = pinSet.value;
  let hiddenAt = 0;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hiddenAt = Date.now();
    else if (pinSet.value && hiddenAt && Date.now() - hiddenAt > LOCK_AFTER_MS) locked.value = true;
  });
}

export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

export async function setPin(pin: string): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  await kvSet(PIN_KEY, { salt: btoa(String.fromCharCode(...salt)), hash: await hashPin(pin, salt) } satisfies StoredPin);
  pinSet.value = true;
}

export async function removePin(): Promise<void> {
  await kvDelete(PIN_KEY);
  pinSet.value = false;
  locked.value = false;
}

export async function unlock(pin: string): Promise<boolean> {
  const saved = await kvGet<StoredPin>(PIN_KEY);
  if (!saved) return (locked.value = false), true;
  const salt = Uint8Array.from(atob(saved.salt), (c) => c.charCodeAt(0));
  const ok = (await hashPin(pin, salt)) === saved.hash;
  if (ok) locked.value = false;
  return ok;
}

export function lock(): void {
  if (pinSet.value) locked.value = true;
}
