/**
 * The outbox: the ONE place where the app writes to the service. Every write is a domain operation
 * (a plot activity, a harvest batch, a batch event, a plot edit) stored in IndexedDB with the client
 * UUID that becomes the record's id on the server, so sending it twice (a lost answer, a reload, a
 * browser re-sending a request) makes one record. Operations never expire; one that depends on
 * another (an event on a batch made offline) waits until that one is sent.
 *
 * This file holds the rules only: storage and HTTP come in through `OutboxStore` and `Sender`, so the
 * rules are tested in Jest with fake-indexeddb (outbox.spec.ts).
 */

export type OperationState = 'waiting' | 'sending' | 'sent' | 'refused';

export interface Refusal {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  /** 412: the record as the server has it now, to show beside the person's own version. */
  current?: unknown;
  /** The operation this one waited on was discarded. */
  blockedBy?: string;
}

export interface Operation<P = unknown> {
  /** The client UUID: the id of the record the operation creates (or of this edit). */
  id: string;
  /** Order of creation; operations are sent in this order. */
  seq: number;
  /** Whose operation it is: a shared phone never sends one person's records with another's session. */
  userId: string;
  kind: string;
  payload: P;
  /** What the person calls the record's subject (the plot code "VN-HD-123456"), for the list; never sent. */
  subject?: string;
  /** Operations that must be sent before this one (their ids). */
  dependsOn: string[];
  state: OperationState;
  createdAt: string;
  attempts: number;
  sentAt?: string;
  result?: unknown;
  refusal?: Refusal;
}

export interface OutboxStore {
  all(): Promise<Operation[]>;
  get(id: string): Promise<Operation | undefined>;
  put(op: Operation): Promise<void>;
  delete(id: string): Promise<void>;
}

/** What sending one operation came to. */
export type SendOutcome =
  | { kind: 'sent'; result: unknown }
  /** The server said no (4xx): only a person can fix it. */
  | { kind: 'refused'; refusal: Refusal }
  /** No answer, a 5xx, a 429, a session to renew: try again later, stop this round. */
  | { kind: 'later' };

export type Sender = (op: Operation) => Promise<SendOutcome>;

/** Sent records kept for the list of what went out (the waiting and refused ones are never dropped). */
export const SENT_KEPT = 50;

export class Outbox {
  private flushing: Promise<void> | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly store: OutboxStore,
    private readonly send: Sender,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Called after every change, so the badge and lists follow. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  async list(userId: string): Promise<Operation[]> {
    return (await this.store.all()).filter((op) => op.userId === userId).sort((a, b) => a.seq - b.seq);
  }

  /** Operations not yet accepted by the server (waiting, being sent, or refused and awaiting a fix). */
  async unsent(userId: string): Promise<Operation[]> {
    return (await this.list(userId)).filter((op) => op.state !== 'sent');
  }

  /** Stores a new operation; `id` defaults to a fresh UUID (the record's id on the server). */
  async enqueue<P>(spec: { userId: string; kind: string; payload: P; dependsOn?: string[]; id?: string; subject?: string }): Promise<Operation<P>> {
    const all = await this.store.all();
    const op: Operation<P> = {
      id: spec.id ?? this.newId(),
      seq: all.reduce((max, o) => Math.max(max, o.seq), 0) + 1,
      userId: spec.userId,
      kind: spec.kind,
      payload: spec.payload,
      ...(spec.subject ? { subject: spec.subject } : {}),
      dependsOn: spec.dependsOn ?? [],
      state: 'waiting',
      createdAt: this.now().toISOString(),
      attempts: 0,
    };
    await this.store.put(op);
    this.changed();
    return op;
  }

  /**
   * Sends what is waiting for `userId`, oldest first. Stops at the first operation that cannot be sent
   * now (offline, server trouble); skips those whose dependencies are not sent yet. One flush at a time.
   */
  flush(userId: string): Promise<void> {
    this.flushing ??= this.runFlush(userId).finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async runFlush(userId: string): Promise<void> {
    // A flush that a crash or a closed tab interrupted left `sending`: it may or may not have landed,
    // and the client id makes sending it again safe.
    for (const op of await this.list(userId)) if (op.state === 'sending') await this.store.put({ ...op, state: 'waiting' });
    for (;;) {
      const ops = await this.list(userId);
      const byId = new Map(ops.map((op) => [op.id, op]));
      const next = ops.find(
        (op) => op.state === 'waiting' && op.dependsOn.every((dep) => byId.get(dep)?.state === 'sent' || !byId.has(dep)),
      );
      if (!next) break;
      await this.store.put({ ...next, state: 'sending', attempts: next.attempts + 1 });
      this.changed();
      let outcome: SendOutcome;
      try {
        outcome = await this.send(next);
      } catch {
        outcome = { kind: 'later' };
      }
      const current = (await this.store.get(next.id)) ?? next;
      if (outcome.kind === 'sent') {
        await this.store.put({ ...current, state: 'sent', sentAt: this.now().toISOString(), result: outcome.result, refusal: undefined });
      } else if (outcome.kind === 'refused') {
        await this.store.put({ ...current, state: 'refused', refusal: outcome.refusal });
      } else {
        await this.store.put({ ...current, state: 'waiting' });
        this.changed();
        break;
      }
      this.changed();
    }
    await this.prune(userId);
  }

  /** Keeps the last SENT_KEPT sent records of a person; never touches unsent ones. */
  private async prune(userId: string): Promise<void> {
    const sent = (await this.list(userId)).filter((op) => op.state === 'sent');
    for (const op of sent.slice(0, Math.max(0, sent.length - SENT_KEPT))) await this.store.delete(op.id);
  }

  /** A refused operation, corrected by the person: waits again with the new payload (same id: nothing was made). */
  async fix<P>(id: string, payload: P): Promise<void> {
    const op = await this.store.get(id);
    if (!op || op.state !== 'refused') return;
    await this.store.put({ ...op, payload, state: 'waiting', refusal: undefined });
    this.changed();
  }

  /**
   * Drops a refused or waiting operation the person no longer wants; operations that depended on it are
   * refused in turn (they cannot be sent without it) so the person sees them.
   */
  async discard(id: string): Promise<void> {
    const op = await this.store.get(id);
    if (!op || op.state === 'sent' || op.state === 'sending') return;
    await this.store.delete(id);
    for (const dependent of (await this.store.all()).filter((o) => o.dependsOn.includes(id) && o.state !== 'sent')) {
      await this.store.put({
        ...dependent,
        state: 'refused',
        dependsOn: dependent.dependsOn.filter((d) => d !== id),
        refusal: { status: 0, detail: '', blockedBy: id },
      });
    }
    this.changed();
  }
}
