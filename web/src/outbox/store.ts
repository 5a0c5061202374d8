import { db } from '../storage/db';
import type { OutboxStore } from './outbox';

/** The outbox in IndexedDB (object store `outbox`), which survives reloads, restarts and weeks offline. */
export const indexedDbOutboxStore: OutboxStore = {
  async all() {
    return (await db()).getAll('outbox');
  },
  async get(id) {
    return (await db()).get('outbox', id);
  },
  async put(op) {
    await (await db()).put('outbox', op);
  },
  async delete(id) {
    await (await db()).delete('outbox', id);
  },
};
