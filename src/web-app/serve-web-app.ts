import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { loadWebAppFiles, WebAppFile } from './web-app-files';

/** Where `npm run build:web` writes the app: web/dist beside src/ and dist/ (same depth from either). */
export const WEB_APP_DIR = join(__dirname, '..', '..', 'web', 'dist');

export const WEB_APP_PREFIX = '/app';

/**
 * The app's own policy: no inline script at all (Vite emits none), camera photos previewed from blob: URLs,
 * its service worker and manifest from this origin only.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed file names never change content: cache for a year. The shell and the worker must be re-checked. */
function cacheControlOf(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function send(request: FastifyRequest, reply: FastifyReply, path: string, file: WebAppFile): FastifyReply {
  void reply
    .header('Content-Type', file.type)
    .header('Cache-Control', cacheControlOf(path))
    .header('ETag', file.etag)
    .header('Vary', 'Accept-Encoding')
    .header('Content-Security-Policy', WEB_APP_CSP);
  // The worker lives at /app/sw.js and controls /app/ only: no wider scope is asked for.
  if (path === '/sw.js') void reply.header('Service-Worker-Allowed', `${WEB_APP_PREFIX}/`);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (file.brotli && /\bbr\b/.test(accepted)) return reply.header('Content-Encoding', 'br').send(file.brotli);
  if (file.gzip && /\bgzip\b/.test(accepted)) return reply.header('Content-Encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

/**
 * Serves the farm app at /app/ (any other /app/… path is the app's own route: index.html) and sends `/`
 * there. Returns false, serving nothing, when the app has not been built (`npm run build:web`).
 */
export function serveWebApp(fastify: FastifyInstance, dir = WEB_APP_DIR): boolean {
  const files = loadWebAppFiles(dir);
  fastify.get('/', (_request, reply) => reply.redirect(`${WEB_APP_PREFIX}/`, 302));
  if (!files) return false;
  const index = files.get('/index.html')!;
  const handler = (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const path = '/' + (request.params['*'] ?? '');
    const file = files.get(path);
    if (file) return send(request, reply, path, file);
    // A missing hashed file is a stale page asking for an old build: 404, not the shell as JavaScript.
    if (path.startsWith('/assets/') || path === '/sw.js') return reply.callNotFound();
    return send(request, reply, '/index.html', index);
  };
  fastify.get(WEB_APP_PREFIX, handler);
  fastify.get(`${WEB_APP_PREFIX}/*`, handler);
  return true;
}
