import { db } from '../storage/db';
import { Outbox, SENT_KEPT, type Operation, type SendOutcome } from './outbox';
import { indexedDbOutboxStore } from './store';

/** A stand-in for the service: records what reached it and answers as told, per operation id. */
function fakeService(answer: (op: Operation) => SendOutcome = () => ({ kind: 'sent', result: {} })) {
  const received: Operation[] = [];
  return {
    received,
    send: (op: Operation): Promise<SendOutcome> => {
      received.push(op);
      return Promise.resolve(answer(op));
    },
  };
}

const ALICE = 'user-alice';
const BOB = 'user-bob';

describe('outbox (IndexedDB via fake-indexeddb)', () => {
  beforeEach(async () => {
    await (await db()).clear('outbox');
  });

  it('keeps writes in IndexedDB and sends them oldest first, each with its client id, once', async () => {
    const service = fakeService();
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    const a = await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: { n: 1 } });
    const b = await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: { n: 2 } });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await outbox.unsent(ALICE)).map((op) => op.id)).toEqual([a.id, b.id]);
    await outbox.flush(ALICE);
    expect(service.received.map((op) => op.id)).toEqual([a.id, b.id]);
    expect((await outbox.list(ALICE)).map((op) => op.state)).toEqual(['sent', 'sent']);
    await outbox.flush(ALICE);
    expect(service.received).toHaveLength(2);
  });

  it('stops at the first write that cannot go now (offline) and sends it, with the same id, on the next flush', async () => {
    let online = false;
    const service = fakeService(() => (online ? { kind: 'sent', result: {} } : { kind: 'later' }));
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    const a = await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: {} });
    await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: {} });
    await outbox.flush(ALICE);
    expect(service.received.map((op) => op.id)).toEqual([a.id]);
    expect((await outbox.list(ALICE)).map((op) => [op.state, op.attempts])).toEqual([
      ['waiting', 1],
      ['waiting', 0],
    ]);
    online = true;
    await outbox.flush(ALICE);
    expect(service.received.map((op) => op.id).slice(1)).toEqual((await outbox.list(ALICE)).map((op) => op.id));
    expect((await outbox.list(ALICE)).every((op) => op.state === 'sent')).toBe(true);
  });

  it('a sender that throws counts as "try later", never as sent', async () => {
    const outbox = new Outbox(indexedDbOutboxStore, () => Promise.reject(new Error('socket hang up')));
    await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: {} });
    await outbox.flush(ALICE);
    expect((await outbox.list(ALICE))[0].state).toBe('waiting');
  });

  it('never expires: a write made months ago offline is still sent', async () => {
    const service = fakeService();
    const outbox = new Outbox(indexedDbOutboxStore, service.send, undefined, () => new Date('2026-01-01T00:00:00Z'));
    const old = await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: {} });
    const later = new Outbox(indexedDbOutboxStore, service.send, undefined, () => new Date('2026-09-01T00:00:00Z'));
    await later.flush(ALICE);
    expect(service.received.map((op) => op.id)).toEqual([old.id]);
  });

  it('survives a restart: a write left "sending" by a closed tab is sent again under the same id', async () => {
    const first = new Outbox(indexedDbOutboxStore, () => new Promise<SendOutcome>(() => undefined));
    const op = await first.enqueue({ userId: ALICE, kind: 'batch', payload: { quantity: 1 } });
    void first.flush(ALICE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await indexedDbOutboxStore.get(op.id))?.state).toBe('sending');
    // The page is reloaded: a new outbox over the same database.
    const service = fakeService();
    await new Outbox(indexedDbOutboxStore, service.send).flush(ALICE);
    expect(service.received.map((o) => o.id)).toEqual([op.id]);
    expect((await indexedDbOutboxStore.get(op.id))?.state).toBe('sent');
  });

  it('sends a dependent write only after the one it depends on, and never while that one is refused', async () => {
    let batchAnswer: SendOutcome = { kind: 'later' };
    const service = fakeService((op) => (op.kind === 'batch' ? batchAnswer : { kind: 'sent', result: {} }));
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    const batch = await outbox.enqueue({ userId: ALICE, kind: 'batch', payload: {} });
    const packing = await outbox.enqueue({ userId: ALICE, kind: 'batchEvent', payload: {}, dependsOn: [batch.id] });
    const watering = await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: {} });
    await outbox.flush(ALICE);
    expect(service.received.map((op) => op.id)).toEqual([batch.id]);

    batchAnswer = { kind: 'refused', refusal: { status: 409, detail: 'Sản phẩm đã bị xoá' } };
    await outbox.flush(ALICE);
    // The refused batch blocks its packing; the unrelated watering goes.
    expect(service.received.map((op) => op.id)).toEqual([batch.id, batch.id, watering.id]);
    expect((await indexedDbOutboxStore.get(packing.id))?.state).toBe('waiting');
    expect((await indexedDbOutboxStore.get(batch.id))?.refusal?.detail).toBe('Sản phẩm đã bị xoá');

    // Fixed by the person: same id, new body, sent; then the packing follows.
    batchAnswer = { kind: 'sent', result: { id: batch.id } };
    await outbox.fix(batch.id, { productId: 'another' });
    await outbox.flush(ALICE);
    expect(service.received.slice(3).map((op) => [op.id, op.payload])).toEqual([
      [batch.id, { productId: 'another' }],
      [packing.id, {}],
    ]);
  });

  it('discarding a refused write refuses the writes that depended on it, so the person sees them', async () => {
    const service = fakeService((op) => (op.kind === 'batch' ? { kind: 'refused', refusal: { status: 400, detail: 'sai' } } : { kind: 'sent', result: {} }));
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    const batch = await outbox.enqueue({ userId: ALICE, kind: 'batch', payload: {} });
    const packing = await outbox.enqueue({ userId: ALICE, kind: 'batchEvent', payload: {}, dependsOn: [batch.id] });
    await outbox.flush(ALICE);
    await outbox.discard(batch.id);
    expect(await indexedDbOutboxStore.get(batch.id)).toBeUndefined();
    expect(await indexedDbOutboxStore.get(packing.id)).toEqual(
      expect.objectContaining({ state: 'refused', refusal: expect.objectContaining({ blockedBy: batch.id }) }),
    );
    await outbox.flush(ALICE);
    expect(service.received.map((op) => op.kind)).toEqual(['batch']);
  });

  it('one flush at a time: two triggers together (online + visible) send each write once', async () => {
    const service = fakeService();
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    for (let i = 0; i < 5; i++) await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: { i } });
    await Promise.all([outbox.flush(ALICE), outbox.flush(ALICE), outbox.flush(ALICE)]);
    expect(service.received).toHaveLength(5);
    expect(new Set(service.received.map((op) => op.id)).size).toBe(5);
  });

  it('a shared phone: one person’s flush never sends another person’s writes', async () => {
    const service = fakeService();
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    const bob = await outbox.enqueue({ userId: BOB, kind: 'plotActivity', payload: {} });
    await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: {} });
    await outbox.flush(ALICE);
    expect(service.received.map((op) => op.userId)).toEqual([ALICE]);
    expect((await outbox.unsent(BOB)).map((op) => op.id)).toEqual([bob.id]);
  });

  it('keeps the last sent records for the list but never drops an unsent one', async () => {
    const service = fakeService((op) => ((op.payload as { i: number }).i === 0 ? { kind: 'refused', refusal: { status: 400, detail: 'x' } } : { kind: 'sent', result: {} }));
    const outbox = new Outbox(indexedDbOutboxStore, service.send);
    for (let i = 0; i < SENT_KEPT + 5; i++) await outbox.enqueue({ userId: ALICE, kind: 'plotActivity', payload: { i } });
    await outbox.flush(ALICE);
    const left = await outbox.list(ALICE);
    expect(left.filter((op) => op.state === 'sent')).toHaveLength(SENT_KEPT);
    expect(left.filter((op) => op.state === 'refused').map((op) => op.payload)).toEqual([{ i: 0 }]);
  });
});
