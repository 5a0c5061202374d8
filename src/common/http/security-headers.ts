import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The pages' own inline <style>/<script> are allowed (the consumer page and the dashboard load nothing
 * else); stored text is always escaped. The resolver answers other sites' pages (CORS), so its
 * resources may be read cross-origin.
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/** Runs helmet once against a stand-in response and keeps the headers it sets. */
export function helmetHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  helmet(options)({} as IncomingMessage, response, () => undefined);
  return headers;
}

/**
 * helmet's security headers on every answer. They are computed once at start: @fastify/helmet rebuilds
 * helmet's middleware on every request, which cost the scan route a tenth of its throughput.
 */
export function addSecurityHeaders(fastify: FastifyInstance, skipRoutes: ReadonlySet<string> = new Set()): void {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    // The label resolver sends its own, smaller set (ScanService): its answers are a script-free page or JSON.
    if (!skipRoutes.has(request.routeOptions.url ?? '')) void reply.headers(headers);
    done();
  });
}
