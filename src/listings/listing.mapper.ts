import { MARKETPLACES } from '../marketplaces/marketplace';
import type { Marketplace } from '../marketplaces/marketplace';
import type { ChannelResponse, ChannelViewStatus, ListingResponse } from './listings.contract';
import type { ListingChannel } from './listing-channel.entity';
import type { Listing } from './listing.entity';

export function channelViewStatus(channel: ListingChannel, listing: Listing): ChannelViewStatus {
  const behind = channel.syncedVersion < listing.version || channel.syncedContentVersion < listing.contentVersion;
  return channel.status === 'live' && behind ? 'updating' : channel.status;
}

export function toChannelResponse(channel: ListingChannel, listing: Listing): ChannelResponse {
  return {
    marketplace: channel.marketplace,
    status: channelViewStatus(channel, listing),
    externalId: channel.externalId,
    attempts: channel.attempts,
    lastError: channel.lastError,
    syncedAt: channel.syncedAt ? new Date(channel.syncedAt).toISOString() : null,
  };
}

export function toListingResponse(listing: Listing, channels: ListingChannel[]): ListingResponse {
  const order = (m: Marketplace) => MARKETPLACES.indexOf(m);
  return {
    id: listing.id,
    cooperativeId: listing.cooperativeId,
    productId: listing.productId,
    batchId: listing.batchId,
    sellerSku: listing.sellerSku,
    title: listing.title,
    description: listing.description,
    price: listing.price,
    stock: listing.stock,
    imageUrls: listing.imageUrls,
    state: listing.state,
    oversoldAt: listing.oversoldAt ? new Date(listing.oversoldAt).toISOString() : null,
    channels: [...channels].sort((a, b) => order(a.marketplace) - order(b.marketplace)).map((c) => toChannelResponse(c, listing)),
    createdAt: new Date(listing.createdAt).toISOString(),
    updatedAt: new Date(listing.updatedAt).toISOString(),
  };
}
