import { ChannelView, ListingView, nextAction, SyncAction } from './next-action';

/** A channel created from the listing's current values and on sale: nothing to do. */
const inLine: ChannelView = {
  status: 'live',
  externalId: 'X-1',
  reviewRef: null,
  createCalls: 1,
  syncedVersion: 3,
  syncedContentVersion: 2,
};
const active: ListingView = { state: 'active', version: 3, contentVersion: 2 };
const delisted: ListingView = { ...active, state: 'delisted' };
const never: Partial<ChannelView> = { status: 'pending', externalId: null, reviewRef: null, createCalls: 0, syncedVersion: 0 };

const cases: [string, Partial<ChannelView>, ListingView, SyncAction][] = [
  // Creating
  ['a new channel is created', never, active, { kind: 'create', lookUpFirst: false }],
  ['a channel that failed before any create is created', { ...never, status: 'failed' }, active, { kind: 'create', lookUpFirst: false }],
  [
    'a create whose answer was lost is looked up by seller SKU first',
    { ...never, status: 'syncing', createCalls: 1 },
    active,
    { kind: 'create', lookUpFirst: true },
  ],
  // Review
  ['an item in review is asked about', { ...inLine, status: 'in_review' }, active, { kind: 'review' }],
  [
    'an item known only by its review reference is asked about',
    { ...never, status: 'in_review', reviewRef: 'TRACK-1', createCalls: 1 },
    active,
    { kind: 'review' },
  ],
  [
    'a reviewed item still without an id is asked about, whatever its status',
    { ...never, status: 'syncing', reviewRef: 'TRACK-1', createCalls: 1 },
    active,
    { kind: 'review' },
  ],
  // Pushing changes
  ['an item in line needs nothing', inLine, active, { kind: 'done' }],
  ['a newer price or stock is pushed', { ...inLine, syncedVersion: 2 }, active, { kind: 'updatePriceStock', externalId: 'X-1' }],
  [
    'an approved item not yet on sale is pushed (and so activated)',
    { ...inLine, status: 'syncing' },
    active,
    { kind: 'updatePriceStock', externalId: 'X-1' },
  ],
  [
    'a channel that failed after its create is pushed again',
    { ...inLine, status: 'failed' },
    active,
    { kind: 'updatePriceStock', externalId: 'X-1' },
  ],
  ['a newer title or description is pushed', { ...inLine, syncedContentVersion: 1 }, active, { kind: 'updateContent', externalId: 'X-1' }],
  [
    'content goes before price and stock when both changed',
    { ...inLine, syncedVersion: 1, syncedContentVersion: 1 },
    active,
    { kind: 'updateContent', externalId: 'X-1' },
  ],
  [
    'a live item whose platform gave no id has nothing to push to',
    { ...inLine, externalId: null, reviewRef: 'TRACK-1', syncedVersion: 1 },
    active,
    { kind: 'done' },
  ],
  // Final states while listed
  ['a rejected item stays rejected', { ...inLine, status: 'rejected', syncedVersion: 1 }, active, { kind: 'done' }],
  ['a delisted channel of a listed listing stays delisted', { ...inLine, status: 'delisted', syncedVersion: 1 }, active, { kind: 'done' }],
  // Delisting
  ['a withdrawn listing is delisted on the platform', inLine, delisted, { kind: 'delist', lookUpFirst: false }],
  ['a withdrawn listing in review is delisted too', { ...inLine, status: 'in_review' }, delisted, { kind: 'delist', lookUpFirst: false }],
  [
    'a rejected item of a withdrawn listing is delisted',
    { ...inLine, status: 'rejected' },
    delisted,
    { kind: 'delist', lookUpFirst: false },
  ],
  [
    'a withdrawn listing whose create answer was lost is looked up first',
    { ...never, status: 'syncing', createCalls: 1 },
    delisted,
    { kind: 'delist', lookUpFirst: true },
  ],
  ['a withdrawn listing never sent is marked delisted without a call', never, delisted, { kind: 'markDelisted' }],
  ['a delisted channel of a withdrawn listing needs nothing', { ...inLine, status: 'delisted' }, delisted, { kind: 'done' }],
];

describe('nextAction', () => {
  it.each(cases)('%s', (_name, channel, listing, expected) => {
    expect(nextAction({ ...inLine, ...channel }, listing)).toEqual(expected);
  });

  it('after each step the next action follows from what the platform answered', () => {
    // Created into review, approved, then pushed live: the path one channel takes through the machine.
    let channel: ChannelView = { ...inLine, ...never };
    const listing = { ...active, version: 4 };
    expect(nextAction(channel, listing).kind).toBe('create');
    channel = { ...channel, status: 'in_review', externalId: 'X-1', createCalls: 1, syncedVersion: 3 };
    expect(nextAction(channel, listing).kind).toBe('review');
    channel = { ...channel, status: 'syncing' };
    expect(nextAction(channel, listing)).toEqual({ kind: 'updatePriceStock', externalId: 'X-1' });
    channel = { ...channel, status: 'live', syncedVersion: 4 };
    expect(nextAction(channel, listing)).toEqual({ kind: 'done' });
  });
});
