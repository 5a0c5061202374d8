import type { Environment } from '../../config/environment';
import type { ImagePreparer } from '../../marketplaces/images/image-preparer';
import { ok, transient, type MarketplaceClient } from '../../marketplaces/marketplace';
import type { MarketplaceClients } from '../../marketplaces/marketplace-clients';
import { ListingChannel } from '../listing-channel.entity';
import { Listing } from '../listing.entity';
import type { ChannelChanges, ChannelStore, ClaimedChannel } from './channel-store';
import { ChannelSync, TransientSyncError } from './channel-sync';

const CALL_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An in-memory store that records every write, in order, alongside the platform calls. */
function setUp(
  channelValues: Partial<ListingChannel>,
  client: Partial<MarketplaceClient>,
  prepareAll: ImagePreparer['prepareAll'] = () => Promise.resolve(ok([])),
  listingValues: Partial<Listing> = {},
) {
  const log: string[] = [];
  const writes: { changes: ChannelChanges; leaseUntil: Date | null }[] = [];
  const channel = Object.assign(new ListingChannel(), {
    id: 'c1',
    listingId: 'l1',
    marketplace: 'lazada',
    status: 'pending',
    externalId: null,
    reviewRef: null,
    attempts: 0,
    createCalls: 0,
    syncedVersion: 0,
    syncedContentVersion: 1,
    syncedAt: null,
    ...channelValues,
  });
  const listing = Object.assign(new Listing(), {
    id: 'l1',
    sellerSku: 'NST-1',
    title: 'Vải thiều Thanh Hà',
    description: 'Hộp 2 kg',
    price: 120000,
    stock: 10,
    weightKg: 2,
    imageUrls: [],
    state: 'active',
    version: 3,
    contentVersion: 1,
    ...listingValues,
  });
  const store = {
    claim: (): Promise<ClaimedChannel | null> => Promise.resolve({ channel: { ...channel }, listing }),
    write: (_id: string, changes: ChannelChanges, leaseUntil: Date | null) => {
      writes.push({ changes: { ...changes }, leaseUntil });
      log.push(`write ${Object.keys(changes).sort().join(',')}${leaseUntil ? ' +lease' : ' -lease'}`);
      return Promise.resolve();
    },
  } as unknown as ChannelStore;
  const fullClient = { marketplace: 'lazada', imageRules: {}, ...client } as MarketplaceClient;
  const sync = new ChannelSync(
    store,
    { get: () => fullClient } as unknown as MarketplaceClients,
    { prepareAll } as unknown as ImagePreparer,
    { MARKETPLACE_HTTP_TIMEOUT_MS: CALL_MS } as Environment,
  );
  return { sync, log, writes };
}

describe('ChannelSync', () => {
  it('writes the create count before the create is sent, and ends with one write that releases the lease', async () => {
    const { sync, log, writes } = setUp(
      {},
      {
        create: () => {
          log.push('create');
          return Promise.resolve(ok({ externalId: 'LZ-1', reviewRef: null, live: false }));
        },
      },
    );
    expect(await sync.run('l1', 'lazada')).toEqual({ kind: 'poll' });
    expect(log).toEqual(['write attempts,createCalls,status +lease', 'create', expect.stringMatching(/-lease$/)]);
    expect(writes[0].changes).toMatchObject({ createCalls: 1, status: 'syncing' });
    expect(writes[1].changes).toMatchObject({ externalId: 'LZ-1', status: 'in_review' });
  });

  it('looks a retried create up by seller SKU instead of sending a second one', async () => {
    const create = jest.fn();
    const { sync, writes } = setUp(
      { createCalls: 1, status: 'syncing' },
      {
        create,
        findBySku: () => Promise.resolve(ok({ externalId: 'LZ-1', reviewRef: null, live: true })),
        update: () => Promise.resolve(ok(undefined)),
      },
    );
    expect(await sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(create).not.toHaveBeenCalled();
    // The found item may hold older values: its id is written first, then price and stock are pushed again.
    expect(writes.map((w) => w.changes)).toEqual([
      expect.objectContaining({ externalId: 'LZ-1' }),
      expect.objectContaining({ status: 'live', syncedVersion: 3 }),
    ]);
  });

  it('renews the lease before a call once less than two calls’ time is left, so no call outlives it', async () => {
    const { sync, log, writes } = setUp(
      { externalId: 'LZ-1', status: 'in_review' },
      {
        review: async () => {
          log.push('review');
          await sleep(2 * CALL_MS); // the lease (3 calls) now has one call's time left
          return ok({ state: 'approved' as const, externalId: 'LZ-1' });
        },
        update: () => {
          log.push('update');
          return Promise.resolve(ok(undefined));
        },
      },
    );
    const started = Date.now();
    expect(await sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(log).toEqual(['review', expect.stringMatching(/\+lease$/), 'update', expect.stringMatching(/-lease$/)]);
    expect(writes[0].leaseUntil!.getTime()).toBeGreaterThanOrEqual(started + 2 * CALL_MS + 3 * CALL_MS - 50);
    expect(writes.at(-1)?.changes).toMatchObject({ status: 'live', syncedVersion: 3 });
  });

  it('keeps its lease through slow image downloads before a create', async () => {
    const { sync, log } = setUp(
      {},
      { create: () => (log.push('create'), Promise.resolve(ok({ externalId: 'SP-1', reviewRef: null, live: true }))) },
      async (_urls, _rules, beforeEach) => {
        for (const url of ['a', 'b', 'c']) {
          await beforeEach?.();
          log.push(`download ${url}`);
          await sleep(CALL_MS); // three images of one call's time each: longer than the lease's margin
        }
        return ok([]);
      },
    );
    await sync.run('l1', 'lazada');
    // Three downloads take the whole lease: it is renewed between them (not only when the create count is written).
    const create = log.indexOf('create');
    const renewals = log.slice(0, create - 1).filter((l) => /^write .*\+lease$/.test(l));
    expect(renewals.length).toBeGreaterThanOrEqual(1);
    expect(log.slice(0, create).filter((l) => l.startsWith('download'))).toEqual(['download a', 'download b', 'download c']);
    expect(log[create - 1]).toMatch(/^write .*createCalls.*\+lease$/);
  });

  it('after approval pushes price and stock only when they changed since the create, or to activate the item', async () => {
    const approved = () => Promise.resolve(ok({ state: 'approved' as const, externalId: 'X-1' }));
    // Created with version 3, approved as created: on sale with those values, no call.
    const asCreated = setUp({ externalId: 'X-1', status: 'in_review', syncedVersion: 3 }, { review: approved, update: jest.fn() });
    expect(await asCreated.sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(asCreated.writes.at(-1)?.changes).toMatchObject({ status: 'live' });
    // The listing changed while in review: the push brings version 3.
    const changed = jest.fn(() => Promise.resolve(ok(undefined)));
    const behind = setUp({ externalId: 'X-1', status: 'in_review', syncedVersion: 2 }, { review: approved, update: changed });
    expect(await behind.sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(changed).toHaveBeenCalledWith('X-1', 'NST-1', { price: 120000, stock: 10 });
    expect(behind.writes.at(-1)?.changes).toMatchObject({ status: 'live', syncedVersion: 3 });
    // Approved items that start inactive (Tiki) are activated by the push whatever the version.
    const activate = jest.fn(() => Promise.resolve(ok(undefined)));
    const inactive = setUp(
      { externalId: 'X-1', status: 'in_review', syncedVersion: 3 },
      { approvedItemsStartInactive: true, review: approved, update: activate },
    );
    expect(await inactive.sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it('keeps the platform’s words and releases the lease when a call fails transiently', async () => {
    const { sync, writes } = setUp(
      { externalId: 'LZ-1', status: 'live', syncedVersion: 1 },
      { update: () => Promise.resolve(transient('error_server: busy')) },
    );
    await expect(sync.run('l1', 'lazada')).rejects.toBeInstanceOf(TransientSyncError);
    expect(writes.at(-1)).toMatchObject({ changes: { lastError: 'error_server: busy', attempts: 1 }, leaseUntil: null });
  });
  it('delists a withdrawn listing whose create answer was lost after finding its item by seller SKU', async () => {
    const log: string[] = [];
    const { sync, writes } = setUp(
      { createCalls: 1, status: 'syncing' },
      {
        findBySku: () => (log.push('find'), Promise.resolve(ok({ externalId: 'LZ-9', reviewRef: null, live: true }))),
        delist: (externalId: string) => (log.push(`delist ${externalId}`), Promise.resolve(ok(undefined))),
      },
      undefined,
      { state: 'delisted' },
    );
    expect(await sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(log).toEqual(['find', 'delist LZ-9']);
    // The found id is on disk before the delist call, and the run ends delisted.
    expect(writes[0].changes).toMatchObject({ externalId: 'LZ-9' });
    expect(writes.at(-1)?.changes).toMatchObject({ status: 'delisted', syncedVersion: 3 });
  });

  it('marks a withdrawn listing never sent as delisted without calling the platform', async () => {
    const { sync, writes } = setUp({}, {}, undefined, { state: 'delisted' });
    expect(await sync.run('l1', 'lazada')).toEqual({ kind: 'done' });
    expect(writes).toEqual([{ changes: expect.objectContaining({ status: 'delisted', lastError: null }), leaseUntil: null }]);
  });
});
