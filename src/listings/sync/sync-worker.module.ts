import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketplacesModule } from '../../marketplaces/marketplaces.module';
import { ListingChannel } from '../listing-channel.entity';
import { Listing } from '../listing.entity';
import { ChannelStore } from './channel-store';
import { ChannelSweeper } from './channel-sweeper';
import { ChannelSync } from './channel-sync';
import { SyncRelay } from './sync-relay';
import { SyncWorkers } from './sync-workers';
import { SYNC_QUEUES } from './sync.queue';

/** The worker side of listings: the outbox relay and one sync worker per marketplace queue. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Listing, ListingChannel]),
    BullModule.registerQueue(...Object.values(SYNC_QUEUES).map((name) => ({ name }))),
    MarketplacesModule,
  ],
  providers: [ChannelStore, ChannelSync, ChannelSweeper, SyncRelay, SyncWorkers],
})
export class SyncWorkerModule {}
