import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { Agent, errors, fetch } from 'undici';
import { SyncConfig } from '../../config/sections';
import { CallResult, ImageRules, ok, PreparedImage, rejected, transient } from '../marketplace';
import { publicOnlyConnector } from './private-network-guard';

/** Larger source images are refused (every platform's limit is far below; a bigger file is a mistake or an attack). */
export const SOURCE_IMAGE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Fetches a listing's images and re-encodes them to a platform's rules with sharp: JPEG, within the
 * side limits, padded to a square on white where the platform wants one, and under its byte limit.
 */
@Injectable()
export class ImagePreparer {
  private readonly downloads: Agent;

  constructor(private readonly sync: SyncConfig) {
    this.downloads = new Agent({
      maxResponseSize: SOURCE_IMAGE_MAX_BYTES,
      keepAliveTimeout: 10_000,
      ...(sync.IMAGE_FETCH_PRIVATE_NETWORKS === 'allow' ? {} : { connect: publicOnlyConnector() }),
    });
  }

  /** `beforeEach` runs before each download (the sync renews its channel lease there: nine slow images outlast one lease). */
  async prepareAll(urls: string[], rules: ImageRules, beforeEach?: () => Promise<void>): Promise<CallResult<PreparedImage[]>> {
    const prepared: PreparedImage[] = [];
    for (const url of urls) {
      await beforeEach?.();
      let source: Buffer;
      try {
        const response = await fetch(url, {
          dispatcher: this.downloads,
          signal: AbortSignal.timeout(this.sync.MARKETPLACE_HTTP_TIMEOUT_MS),
        });
        if (response.status >= 400 && response.status < 500) return rejected(`image ${url} answered HTTP ${response.status}`);
        if (!response.ok) return transient(`image ${url} answered HTTP ${response.status}`);
        if (Number(response.headers.get('content-length') ?? 0) > SOURCE_IMAGE_MAX_BYTES) return tooLarge(url);
        source = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        if (isTooLarge(error)) return tooLarge(url);
        const refused = causes(error).find((e) => (e as NodeJS.ErrnoException).code === 'EPRIVATE');
        if (refused) return rejected(`image ${url}: ${refused.message}`);
        return transient(`image ${url} could not be fetched: ${(error as Error).message}`);
      }
      try {
        prepared.push({
          bytes: await prepareImage(source, rules),
          contentType: rules.format === 'png' ? 'image/png' : 'image/jpeg',
          sourceUrl: url,
        });
      } catch (error) {
        return rejected(`image ${url} is not a usable picture: ${(error as Error).message}`);
      }
    }
    return ok(prepared);
  }
}

const tooLarge = (url: string) => rejected(`image ${url} is larger than ${SOURCE_IMAGE_MAX_BYTES / 1024 / 1024} MB`);

/** undici reports a failure as the error itself or as the cause (of the cause) of fetch's TypeError. */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let e = error; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  return chain;
}

const isTooLarge = (error: unknown): boolean => causes(error).some((e) => e instanceof errors.ResponseExceededMaxSizeError);

export async function prepareImage(source: Buffer, rules: ImageRules): Promise<Buffer> {
  const image = sharp(source, { failOn: 'error' }).rotate();
  const meta = await image.metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new Error('no dimensions');
  let side = Math.max(width, height);
  side = Math.min(rules.maxSide, Math.max(rules.minSide, side));
  let pipeline = rules.square
    ? image.resize(side, side, { fit: 'contain', background: '#ffffff' })
    : image.resize(side, side, { fit: 'inside', withoutEnlargement: false });
  pipeline = pipeline.flatten({ background: '#ffffff' });
  for (let quality = 90; quality >= 40; quality -= 10) {
    const bytes =
      rules.format === 'png' ? await pipeline.clone().png().toBuffer() : await pipeline.clone().jpeg({ quality, mozjpeg: true }).toBuffer();
    if (bytes.length <= rules.maxBytes) return bytes;
  }
  throw new Error(`cannot get under ${rules.maxBytes} bytes`);
}
