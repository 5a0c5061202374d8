import { RefreshToken } from '../auth/refresh-token.entity';
import { User } from '../auth/user.entity';
import { Batch } from '../batches/batch.entity';
import { BatchEvent } from '../batches/batch-event.entity';
import { PlotActivity } from '../batches/plot-activity.entity';
import { Photo } from '../batches/photo.entity';
import { Product } from '../catalog/product.entity';
import { Label } from '../labels/label.entity';
import { LabelRun } from '../labels/label-run.entity';
import { ListingChannel } from '../listings/listing-channel.entity';
import { Listing } from '../listings/listing.entity';
import { MarketplaceOrder } from '../listings/orders/marketplace-order.entity';
import { MarketplaceOrderRejection } from '../listings/orders/marketplace-order-rejection.entity';
import { SyncOutbox } from '../listings/sync/sync-outbox.entity';
import { Cooperative } from '../registry/cooperative.entity';
import { Household } from '../registry/household.entity';
import { Plot } from '../registry/plot.entity';
import { PlotCertification } from '../registry/plot-certification.entity';
import { ScanAlertClearance } from '../trace/scan-alert-clearance.entity';

export const ENTITIES = [
  User,
  RefreshToken,
  Cooperative,
  Household,
  Plot,
  PlotCertification,
  Product,
  Batch,
  BatchEvent,
  PlotActivity,
  Photo,
  LabelRun,
  Label,
  Listing,
  ListingChannel,
  SyncOutbox,
  MarketplaceOrder,
  MarketplaceOrderRejection,
  ScanAlertClearance,
];
