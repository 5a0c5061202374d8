import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import { LabelItem, PageContext, renderPageContent } from './page-content';
import type { RenderRequest, RenderResult } from './render-worker';

const PAGES_PER_CHUNK = 4;
// Below this many pages, starting threads costs more than it saves.
const INLINE_PAGE_LIMIT = 8;

/**
 * Renders pages on worker threads (QR encoding is CPU-bound) and yields the deflated content streams
 * strictly in page order, with a bounded number of chunks in flight so memory stays flat.
 */
export async function* renderPages(
  pages: Iterable<LabelItem[]>,
  pageCount: number,
  context: PageContext,
  threads: number,
): AsyncGenerator<Uint8Array> {
  const workerCount = Math.max(1, Math.min(threads || availableParallelism(), Math.ceil(pageCount / PAGES_PER_CHUNK)));
  if (pageCount <= INLINE_PAGE_LIMIT || workerCount <= 0) {
    for (const labels of pages) yield deflateSync(Buffer.from(renderPageContent(labels, context), 'latin1'));
    return;
  }
  const workers = Array.from({ length: workerCount }, () => startWorker(context));
  const pending = new Map<number, { resolve: (r: RenderResult) => void; reject: (e: Error) => void }>();
  const results = new Map<number, Promise<RenderResult>>();
  let failure: Error | null = null;
  for (const worker of workers) {
    worker.on('message', (result: RenderResult) => {
      pending.get(result.seq)?.resolve(result);
      pending.delete(result.seq);
    });
    worker.on('error', (error: Error) => {
      failure = error;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  const iterator = pages[Symbol.iterator]();
  let sent = 0;
  const send = (): boolean => {
    const chunk: LabelItem[][] = [];
    for (let i = 0; i < PAGES_PER_CHUNK; i++) {
      const next = iterator.next();
      if (next.done) break;
      chunk.push(next.value);
    }
    if (!chunk.length) return false;
    const seq = sent++;
    const result = new Promise<RenderResult>((resolve, reject) => {
      if (failure) return reject(failure);
      pending.set(seq, { resolve, reject });
      workers[seq % workers.length].postMessage({ seq, pages: chunk } satisfies RenderRequest);
    });
    // Awaited in order below; this only keeps a failure from being reported as unhandled meanwhile.
    result.catch(() => undefined);
    results.set(seq, result);
    return true;
  };
  try {
    for (let i = 0; i < workers.length * 3; i++) if (!send()) break;
    for (let seq = 0; seq < sent; seq++) {
      const result = await results.get(seq)!;
      results.delete(seq);
      send();
      for (const page of result.pages) yield page;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function startWorker(context: PageContext): Worker {
  // Compiled builds run render-worker.js; tests and ts-node run the TypeScript source through ts-node.
  const extension = extname(__filename);
  const file = join(__dirname, `render-worker${extension}`);
  return new Worker(file, {
    workerData: context,
    execArgv: extension === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : [],
  });
}
