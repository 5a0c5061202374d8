import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { SyncConfig } from '../../config/sections';
import type { ImageRules } from '../marketplace';
import { ImagePreparer, SOURCE_IMAGE_MAX_BYTES } from './image-preparer';
import { isPrivateAddress } from './private-network-guard';

const RULES: ImageRules = { format: 'jpeg', maxBytes: 3 * 1024 * 1024, minSide: 330, maxSide: 5000, square: true };

describe('ImagePreparer', () => {
  let server: Server;
  let base: string;
  let photo: Buffer;
  // The test server is on this machine: private addresses allowed, except where the guard is tested.
  const preparer = new ImagePreparer({ MARKETPLACE_HTTP_TIMEOUT_MS: 2000, IMAGE_FETCH_PRIVATE_NETWORKS: 'allow' } as SyncConfig);
  const guarded = new ImagePreparer({ MARKETPLACE_HTTP_TIMEOUT_MS: 2000, IMAGE_FETCH_PRIVATE_NETWORKS: 'deny' } as SyncConfig);

  beforeAll(async () => {
    photo = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#c8102e' } })
      .png()
      .toBuffer();
    server = createServer((req, res) => {
      if (req.url === '/photo.png') return res.end(photo);
      if (req.url === '/missing.png') return res.writeHead(404).end();
      if (req.url === '/not-an-image.png') return res.end('<html>');
      if (req.url === '/huge-declared.png') {
        res.writeHead(200, { 'content-length': String(SOURCE_IMAGE_MAX_BYTES + 1) });
        return res.end(); // the declared size alone refuses it
      }
      if (req.url === '/huge-streamed.png') {
        // No length given: refused once more than the limit has arrived, not after reading it all.
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        const chunk = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const push = () => {
          while (sent <= SOURCE_IMAGE_MAX_BYTES + chunk.length && res.write(chunk)) sent += chunk.length;
          if (sent <= SOURCE_IMAGE_MAX_BYTES + chunk.length) res.once('drain', push);
          else res.end();
        };
        return push();
      }
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('re-encodes a picture to the platform’s rules: JPEG, square, at least the minimum side', async () => {
    const result = await preparer.prepareAll([`${base}/photo.png`], RULES);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const meta = await sharp(result.value[0].bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 330, height: 330 });
    expect(result.value[0]).toMatchObject({ contentType: 'image/jpeg', sourceUrl: `${base}/photo.png` });
  });

  it('rejects what can never become a picture, and retries what may come back', async () => {
    expect(await preparer.prepareAll([`${base}/missing.png`], RULES)).toMatchObject({
      kind: 'rejected',
      message: expect.stringMatching(/HTTP 404/),
    });
    expect(await preparer.prepareAll([`${base}/not-an-image.png`], RULES)).toMatchObject({ kind: 'rejected' });
    expect(await preparer.prepareAll([`${base}/error.png`], RULES)).toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/HTTP 500/),
    });
  });

  it('refuses a source image over the size limit, declared or streamed, without holding it all', async () => {
    for (const path of ['/huge-declared.png', '/huge-streamed.png']) {
      expect(await preparer.prepareAll([`${base}${path}`], RULES)).toEqual({
        kind: 'rejected',
        message: `image ${base}${path} is larger than 20 MB`,
      });
    }
  });

  it('never fetches a user-supplied URL on a private network unless told to', async () => {
    const port = new URL(base).port;
    for (const url of [
      `http://127.0.0.1:${port}/photo.png`,
      `http://localhost:${port}/photo.png`,
      `http://[::1]:${port}/photo.png`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3:6379/',
      // The URL parser writes these as ::ffff:7f00:1 and ::7f00:1, which a dotted-quad pattern misses.
      `http://[::ffff:127.0.0.1]:${port}/photo.png`,
      `http://[::127.0.0.1]:${port}/photo.png`,
      `http://[64:ff9b::127.0.0.1]:${port}/photo.png`,
      `http://[2002:7f00:1::1]:${port}/photo.png`,
    ]) {
      expect(await guarded.prepareAll([url], RULES)).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/private network/) });
    }
  });

  it('knows reserved IPv4 ranges and IPv4 addresses carried inside IPv6 (NAT64, 6to4, compatible, Teredo)', () => {
    for (const a of [
      '0.1.2.3',
      '192.0.0.8',
      '192.0.2.1',
      '198.18.0.1',
      '198.19.255.255',
      '198.51.100.7',
      '203.0.113.9',
      '224.0.0.1',
      '239.255.255.250',
      '240.0.0.1',
      '255.255.255.255',
      '64:ff9b::7f00:1',
      '64:ff9b::10.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b:1::8.8.8.8',
      '2002:7f00:1::1',
      '2002:a00:1::',
      '2002:a9fe:a9fe::1',
      '::127.0.0.1',
      '::a00:1',
      '::ffff:7f00:1',
      '0:0:0:0:0:ffff:a9fe:a9fe',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '2001:db8::1',
      'ff02::1',
      'fe80::1%eth0',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['64:ff9b::8.8.8.8', '2002:808:808::1', '2a00:1450:4001::200e', '192.0.3.1', '223.255.255.1'])
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('knows private addresses from public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });
});
