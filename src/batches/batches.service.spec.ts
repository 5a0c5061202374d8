import type { ChangeNotices } from '../redis/change-notices';
import type { EntityManager } from 'typeorm';
import { strictMock } from '../../test/support/strict-mock';
import { ProductsService } from '../catalog/products.service';
import type { Actor } from '../common/auth/actor';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { HouseholdsService } from '../registry/households.service';
import { PlotsService } from '../registry/plots.service';
import { BatchEvent } from './batch-event.entity';
import { Batch } from './batch.entity';
import { BatchesRepository } from './batches.repository';
import { BatchesService } from './batches.service';

const COOP = '11111111-1111-4111-8111-111111111111';
const HOUSEHOLD = '33333333-3333-4333-8333-333333333333';
const BATCH = '44444444-4444-4444-8444-444444444444';

const farmer: Actor = { userId: 'u-farmer', role: 'farmer', cooperativeId: COOP, householdId: HOUSEHOLD };
const otherFarmer: Actor = { userId: 'u-other', role: 'farmer', cooperativeId: COOP, householdId: '55555555-5555-4555-8555-555555555555' };
const otherManager: Actor = {
  userId: 'u-mgr',
  role: 'coop_manager',
  cooperativeId: '22222222-2222-4222-8222-222222222222',
  householdId: null,
};

const batch = (): Batch =>
  ({
    id: BATCH,
    cooperativeId: COOP,
    householdId: HOUSEHOLD,
    harvestedAt: new Date('2026-06-10T06:00:00+07:00'),
    safetyWarnings: [],
  }) as unknown as Batch;

function setUp(existing: BatchEvent[] = []) {
  const saved: BatchEvent[] = [];
  const manager = strictMock<EntityManager>('manager');
  const batches = strictMock<BatchesRepository>('batches', {
    transaction: jest.fn((work: (m: EntityManager) => Promise<unknown>) => work(manager)),
    lockScope: jest.fn().mockResolvedValue([batch()]),
    insertEvent: jest.fn((_manager: EntityManager, event: BatchEvent) => {
      saved.push(event);
      return Promise.resolve();
    }),
    currentEventsOf: jest.fn(() => Promise.resolve([...existing, ...saved])),
    // No spraying in the plot's own diary here: the rules for those are covered by plot-activities e2e.
    plotSprayingsOf: jest.fn().mockResolvedValue([]),
    update: jest.fn().mockResolvedValue(undefined),
  });
  const notices = strictMock<ChangeNotices>('notices', { publish: jest.fn() });
  const service = new BatchesService(
    batches,
    strictMock<ProductsService>('products'),
    strictMock<HouseholdsService>('households'),
    strictMock<PlotsService>('plots'),
    notices,
  );
  return { batches, manager, service, saved, notices };
}

describe('BatchesService.addEvent', () => {
  it('records the event and the recomputed safety warnings in one transaction, under a row lock', async () => {
    const { batches, manager, service, saved, notices } = setUp();
    batches.findById.mockResolvedValue(batch());

    const event = await service.addEvent(farmer, BATCH, {
      bizStep: 'spraying',
      occurredAt: '2026-06-05T07:00:00+07:00',
      details: { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 },
    });

    expect(event).toMatchObject({ batchId: BATCH, bizStep: 'spraying', occurredAt: new Date('2026-06-05T00:00:00Z').toISOString() });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ recordedBy: 'u-farmer' });
    // The batch and its plot's batches are locked in the transaction that writes the event.
    expect(batches.lockScope).toHaveBeenCalledWith(manager, { ids: [BATCH], plotIds: [] });
    expect(batches.insertEvent).toHaveBeenCalledWith(manager, saved[0]);
    // Cached consumer pages of this batch are dropped everywhere.
    expect(notices.publish).toHaveBeenCalledWith({ kind: 'batch', id: BATCH });
    expect(batches.update).toHaveBeenCalledWith(
      manager,
      BATCH,
      expect.objectContaining({
        safetyWarnings: [expect.objectContaining({ code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED', sprayEventId: saved[0].id })],
        safeFrom: new Date('2026-06-12T07:00:00+07:00'),
      }),
    );
  });

  it('flags a harvest when the spraying is recorded after the harvesting event', async () => {
    const harvesting = {
      id: 'h1',
      batchId: BATCH,
      bizStep: 'harvesting',
      occurredAt: new Date('2026-06-20T06:00:00+07:00'),
      details: null,
    } as BatchEvent;
    const { batches, manager, service } = setUp([harvesting]);
    batches.findById.mockResolvedValue(batch());
    await service.addEvent(farmer, BATCH, {
      bizStep: 'spraying',
      occurredAt: '2026-06-15T07:00:00+07:00',
      details: { pesticide: 'Cypermethrin', preHarvestIntervalDays: 10 },
    });
    expect(batches.update).toHaveBeenCalledWith(
      manager,
      BATCH,
      expect.objectContaining({ safetyWarnings: [expect.objectContaining({ harvestedAt: harvesting.occurredAt.toISOString() })] }),
    );
  });

  it('refuses a spraying without pesticide and interval before opening a transaction', async () => {
    const { batches, service } = setUp();
    batches.findById.mockResolvedValue(batch());
    await expect(service.addEvent(farmer, BATCH, { bizStep: 'spraying', occurredAt: '2026-06-05', details: {} })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('refuses an event in the future', async () => {
    const { batches, service } = setUp();
    batches.findById.mockResolvedValue(batch());
    const error = await service
      .addEvent(farmer, BATCH, { bizStep: 'packing', occurredAt: '2999-01-01T00:00:00Z' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors).toEqual([{ field: 'occurredAt', message: { key: 'batches.inFuture' } }]);
  });

  it('refuses another household and another co-op, and answers 404 for an unknown batch', async () => {
    const { batches, service } = setUp();
    batches.findById.mockResolvedValue(batch());
    await expect(service.addEvent(otherFarmer, BATCH, { bizStep: 'packing', occurredAt: '2026-06-11' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(service.addEvent(otherManager, BATCH, { bizStep: 'packing', occurredAt: '2026-06-11' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    batches.findById.mockResolvedValue(null);
    await expect(service.addEvent(farmer, BATCH, { bizStep: 'packing', occurredAt: '2026-06-11' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
