import type { ListingChannel } from '../listing-channel.entity';
import type { Listing } from '../listing.entity';

/** What `nextAction` reads of a channel: the state the platform is known to be in. */
export type ChannelView = Pick<
  ListingChannel,
  'status' | 'externalId' | 'reviewRef' | 'createCalls' | 'syncedVersion' | 'syncedContentVersion'
>;

/** What `nextAction` reads of a listing: the state the seller wants on the platform. */
export type ListingView = Pick<Listing, 'state' | 'version' | 'contentVersion'>;

/**
 * The one thing a sync run does next to bring a channel in line with its listing. `lookUpFirst` means
 * a create went out before without an external id coming back (its answer may have been lost): the
 * item is looked up by seller SKU first, never created a second time blindly.
 */
export type SyncAction =
  /** Nothing to ask the platform: the channel is in line, rejected, or has no item to update. */
  | { kind: 'done' }
  /** The listing was withdrawn and nothing was ever sent: the channel is marked delisted without a call. */
  | { kind: 'markDelisted' }
  /** The listing was withdrawn: take the item off sale (finding it by SKU first when its id was never stored). */
  | { kind: 'delist'; lookUpFirst: boolean }
  /** No item on the platform yet: create it (or adopt the one an earlier create made). */
  | { kind: 'create'; lookUpFirst: boolean }
  /** Created but not yet approved (Lazada QC, Tiki approval): ask how the review went. */
  | { kind: 'review' }
  /** Title or description changed since the last push. */
  | { kind: 'updateContent'; externalId: string }
  /** Price or stock changed since the last push, or an approved item is still to be put on sale. */
  | { kind: 'updatePriceStock'; externalId: string };

/**
 * The channel sync's decision, with no I/O: from what is known of the channel and what the listing
 * wants, the next call to make. A run applies the action, stages what the platform answered and asks
 * again, until `done` or a call that has to wait (a review still pending, a throttle, a failure).
 */
export function nextAction(channel: ChannelView, listing: ListingView): SyncAction {
  if (listing.state === 'delisted') {
    if (channel.status === 'delisted') return { kind: 'done' };
    const lookUpFirst = !channel.externalId && channel.createCalls > 0;
    if (!channel.externalId && !lookUpFirst) return { kind: 'markDelisted' };
    return { kind: 'delist', lookUpFirst };
  }
  if (channel.status === 'rejected' || channel.status === 'delisted') return { kind: 'done' };
  if (!channel.externalId && !channel.reviewRef) return { kind: 'create', lookUpFirst: channel.createCalls > 0 };
  if (channel.status !== 'live' && (channel.status === 'in_review' || !channel.externalId)) return { kind: 'review' };
  // Past review, so the item has an id unless the platform went live without one (nothing left to push to).
  if (!channel.externalId) return { kind: 'done' };
  if (channel.syncedContentVersion < listing.contentVersion) return { kind: 'updateContent', externalId: channel.externalId };
  if (channel.status !== 'live' || channel.syncedVersion < listing.version) {
    return { kind: 'updatePriceStock', externalId: channel.externalId };
  }
  return { kind: 'done' };
}
