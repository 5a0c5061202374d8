import { randomUUID } from 'node:crypto';
import { Photo } from '../../src/batches/photo.entity';
import { PhotosRepository } from '../../src/batches/photos.repository';
import { PlotActivitiesRepository } from '../../src/batches/plot-activities.repository';
import { PlotActivity } from '../../src/batches/plot-activity.entity';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`PhotosRepository and PlotActivitiesRepository on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let photos: PhotosRepository;
  let activities: PlotActivitiesRepository;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    photos = new PhotosRepository(db.dataSource);
    activities = new PlotActivitiesRepository(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  it("stores a photo, lists a subject's photos oldest first without their bytes, and reads the bytes when asked", async () => {
    const plot = await fx.plot(await fx.household(await fx.cooperative()));
    const photo = (at: string, data: Buffer) =>
      Object.assign(new Photo(), {
        id: randomUUID(),
        subject: 'plot' as const,
        subjectId: plot.id,
        kind: 'field' as const,
        contentType: 'image/jpeg',
        width: 2,
        height: 1,
        bytes: data.length,
        data,
        recordedBy: null,
        createFingerprint: randomUUID(),
        createdAt: new Date(at),
        updatedAt: new Date(at),
      });
    const later = photo('2026-06-02T00:00:00.000Z', Buffer.from([1, 2, 3]));
    const earlier = photo('2026-06-01T00:00:00.000Z', Buffer.from([9]));
    await photos.insert(later);
    await photos.insert(earlier);

    const listed = await photos.ofSubject('plot', plot.id);
    expect(listed.map((p) => p.id)).toEqual([earlier.id, later.id]);
    expect(listed[0].data).toBeUndefined();
    expect((await photos.findById(later.id))?.kind).toBe('field');
    expect(Buffer.from((await photos.withData(later.id))!.data)).toEqual(Buffer.from([1, 2, 3]));
  });

  it("writes a plot's diary inside the caller's transaction and pages it", async () => {
    const plot = await fx.plot(await fx.household(await fx.cooperative()));
    const entry = (at: string) =>
      Object.assign(new PlotActivity(), {
        id: randomUUID(),
        plotId: plot.id,
        activity: 'watering' as const,
        occurredAt: new Date(at),
        details: null,
        recordedBy: null,
        createFingerprint: randomUUID(),
        createdAt: new Date(at),
        updatedAt: new Date(at),
      });
    const [first, second] = [entry('2026-06-01T00:00:00.000Z'), entry('2026-06-02T00:00:00.000Z')];
    await activities.transaction(async (manager) => {
      await activities.insert(manager, first);
      await activities.insert(manager, second);
    });

    expect((await activities.findById(first.id))?.plotId).toBe(plot.id);
    const page = await activities.ofPlot(plot.id, { limit: 1 });
    expect(page.items.map((a) => a.id)).toEqual([first.id]);
    const next = await activities.ofPlot(plot.id, { limit: 1, cursor: page.nextCursor! });
    expect(next.items.map((a) => a.id)).toEqual([second.id]);
  });
});
