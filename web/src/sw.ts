/// <reference lib="webworker" />
/**
 * The app's service worker: the shell (HTML, script, style, icons) is precached at install, so the app
 * opens with no network at all after the first visit, and a repeat visit on 3G costs no download. The
 * farmer's data is kept by the app itself (IndexedDB: api/cached.ts, outbox/), not here.
 *
 * The build (vite.config.ts) writes the list of hashed files and a version into this file; a new build
 * is a new worker, which replaces the old shell cache when it activates.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;

const FILES = '__PRECACHE_FILES__' as unknown as string[];
const VERSION = '__PRECACHE_VERSION__';
const BASE = '/app/';
const SHELL_CACHE = `nongsan-shell-${VERSION}`;

worker.addEventListener('install', (event) => {
  const urls = [BASE, ...FILES.filter((file) => file !== 'index.html').map((file) => BASE + file)];
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(urls))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('nongsan-shell-') && name !== SHELL_CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || !url.pathname.startsWith(BASE)) return;
  // Every screen of the app is the same shell (the router reads the address).
  const key = request.mode === 'navigate' ? BASE : request;
  event.respondWith(
    caches.open(SHELL_CACHE).then(async (cache) => (await cache.match(key)) ?? fetch(request)),
  );
});
