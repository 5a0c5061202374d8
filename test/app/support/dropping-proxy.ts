import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DroppingProxy {
  base: string;
  /** Requests seen, in order: "POST /api/v1/…". */
  seen: string[];
  /** How many answers were thrown away after the service had committed the write. */
  dropped: number;
  /** The next request matching `match` reaches the service, which answers; the answer never reaches the phone. */
  dropNextAnswer(match: (request: IncomingMessage) => boolean): void;
  close(): Promise<void>;
}

/**
 * A test step between the phone and the service: it forwards everything, except that once asked it lets
 * a write through, waits until the service has answered (the record is committed), and then cuts the
 * phone's connection without the answer — the case where a phone never learns that its write landed.
 */
export async function startDroppingProxy(target: string): Promise<DroppingProxy> {
  const upstream = new URL(target);
  let dropMatch: ((request: IncomingMessage) => boolean) | null = null;
  const proxy: DroppingProxy = {
    base: '',
    seen: [],
    dropped: 0,
    dropNextAnswer(match) {
      dropMatch = match;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    proxy.seen.push(`${request.method} ${request.url}`);
    const drop = dropMatch?.(request) ?? false;
    if (drop) dropMatch = null;
    const outgoing = forward(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
      (answer) => {
        if (drop) {
          answer.resume();
          answer.on('end', () => {
            proxy.dropped += 1;
            request.socket.destroy();
          });
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => request.socket.destroy());
    request.pipe(outgoing);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
