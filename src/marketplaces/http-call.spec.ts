import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FormData, httpCall } from './http-call';

describe('httpCall', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      if (req.url === '/drop') return req.socket.destroy();
      if (req.url === '/trickle') {
        // Headers at once, then a byte every 100 ms: each chunk is on time, the whole answer is not.
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 100);
        req.socket.on('close', () => clearInterval(timer));
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(429, { 'content-type': 'application/json', 'Retry-After': '3' });
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the method, headers and body and answers status, lower-case headers and parsed JSON', async () => {
    const result = await httpCall(`${base}/ok`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'vải' }, 2000);
    expect(result).toMatchObject({
      kind: 'ok',
      value: { status: 429, headers: { 'retry-after': '3' }, json: { method: 'POST', type: 'text/plain', body: 'vải' } },
    });
  });

  it('sends multipart forms (image uploads) too', async () => {
    const form = new FormData();
    form.append('image', new Blob([Buffer.from('jpeg')], { type: 'image/jpeg' }), 'a.jpg');
    const result = await httpCall(`${base}/ok`, { method: 'POST', body: form }, 2000);
    expect(result.kind === 'ok' && (result.value.json as { type: string }).type).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.kind === 'ok' && result.value.headers['retry-after']).toBe('3');
  });

  it('turns a platform that does not answer into a transient timeout', async () => {
    await expect(httpCall(`${base}/hang`, { method: 'GET' }, 200)).resolves.toEqual({
      kind: 'transient',
      message: 'timed out after 200 ms',
    });
  });

  it('bounds the whole call, not each chunk: a trickling answer times out too', async () => {
    const started = Date.now();
    await expect(httpCall(`${base}/trickle`, { method: 'GET' }, 300)).resolves.toEqual({
      kind: 'transient',
      message: 'timed out after 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('turns a dropped connection or a closed port into a transient network error', async () => {
    await expect(httpCall(`${base}/drop`, { method: 'GET' }, 2000)).resolves.toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/^network error/),
    });
    await expect(httpCall('http://127.0.0.1:1/', { method: 'GET' }, 2000)).resolves.toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/^network error/),
    });
  });
});
