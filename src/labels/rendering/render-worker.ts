import { parentPort, workerData } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import { LabelItem, PageContext, renderPageContent } from './page-content';

/** Worker-thread entry: turns chunks of pages into deflated content streams. */
export interface RenderRequest {
  seq: number;
  pages: LabelItem[][];
}

export interface RenderResult {
  seq: number;
  pages: Uint8Array[];
}

const context = workerData as PageContext;

parentPort?.on('message', (request: RenderRequest) => {
  const pages = request.pages.map((labels) => deflateSync(Buffer.from(renderPageContent(labels, context), 'latin1')));
  parentPort!.postMessage({ seq: request.seq, pages } satisfies RenderResult);
});
