import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';

export const LABELS_QUEUE = 'labels';

export const LabelJobName = { Render: 'render' } as const;

export interface RenderLabelRunJob {
  runId: string;
}

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Adds the render job for a run; the run id is the job id, so adding it twice is a no-op. When Redis
 * is unreachable the run simply stays `queued` in the database and the sweeper enqueues it later:
 * the request that accepted it never waits on Redis and nothing accepted is lost.
 */
export async function enqueueRender(queue: Queue<RenderLabelRunJob>, runId: string, logger: Logger): Promise<boolean> {
  const adding = queue.add(
    LabelJobName.Render,
    { runId },
    {
      jobId: runId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
  adding.catch(() => undefined);
  try {
    await Promise.race([adding, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ENQUEUE_TIMEOUT_MS).unref())]);
    return true;
  } catch (error) {
    logger.warn(`Could not enqueue label run ${runId} now (${(error as Error).message}); the sweeper will retry`);
    return false;
  }
}

/**
 * BullMQ prints every connection error of a queue without an `error` listener; a Redis outage would
 * flood the log. One warning a minute is enough: runs wait in the database meanwhile.
 */
export function quietQueueErrors(queue: Queue, logger: Logger): void {
  let last = 0;
  queue.on('error', (error: Error) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    logger.warn(`Queue ${queue.name}: ${error.message}`);
  });
}
