import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { RefreshToken } from '../../src/auth/refresh-token.entity';
import { UsersRepository } from '../../src/auth/users.repository';
import { foldedLikePattern, foldForSearch } from '../../src/common/text/search-fold';
import { CooperativesRepository } from '../../src/registry/cooperatives.repository';
import { HouseholdsRepository, ImportedHousehold } from '../../src/registry/households.repository';
import { PlotCertification } from '../../src/registry/plot-certification.entity';
import { PlotCertificationsRepository } from '../../src/registry/plot-certifications.repository';
import { PlotsRepository } from '../../src/registry/plots.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`registry and accounts repositories on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let fx: MediumFixtures;
  let cooperatives: CooperativesRepository;
  let households: HouseholdsRepository;
  let plots: PlotsRepository;
  let certifications: PlotCertificationsRepository;
  let users: UsersRepository;

  beforeAll(async () => {
    db = await openMediumDatabase();
    fx = new MediumFixtures(db.dataSource);
    cooperatives = new CooperativesRepository(db.dataSource);
    households = new HouseholdsRepository(db.dataSource);
    plots = new PlotsRepository(db.dataSource);
    certifications = new PlotCertificationsRepository(db.dataSource);
    users = new UsersRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  const imported = (cooperativeId: string, phone: string, headName: string): ImportedHousehold => ({
    cooperativeId,
    headName,
    phone,
    nationalIdEncrypted: null,
    nationalIdLast4: null,
    province: 'Hải Dương',
    commune: 'Thanh Hà',
    district: null,
    digitalSkillsTrained: true,
    headNameSearch: foldForSearch(headName),
    provinceSearch: foldForSearch('Hải Dương'),
    communeSearch: foldForSearch('Thanh Hà'),
  });

  it('writes an edit only onto the version it was decided on', async () => {
    const coop = await fx.cooperative();
    expect(await cooperatives.updateAtVersion(coop.id, 1, { contactPhone: '0912345678' })).toBe(true);
    expect(await cooperatives.updateAtVersion(coop.id, 1, { contactPhone: '0900000000' })).toBe(false);
    expect(await cooperatives.findById(coop.id)).toMatchObject({ contactPhone: '0912345678', version: 2 });
    const plot = await fx.plot(await fx.household(coop));
    expect(await plots.updateAtVersion(plot.id, 1, { crop: 'nhãn' })).toBe(true);
    expect(await plots.findById(plot.id)).toMatchObject({ crop: 'nhãn', version: 2 });
  });

  it('finds co-operatives, households and plots by their folded search columns', async () => {
    const coop = await fx.cooperative({ name: 'HTX Vải thiều Thanh Hà', nameSearch: foldForSearch('HTX Vải thiều Thanh Hà') });
    const household = await fx.household(coop, { headName: 'Nguyễn Văn Ánh', headNameSearch: foldForSearch('Nguyễn Văn Ánh') });
    await fx.household(coop, { archivedAt: new Date() });
    const plot = await fx.plot(household, { code: 'TH-01', cropSearch: foldForSearch('Vải thiều') });

    const coops = await cooperatives.list({ nameLike: foldedLikePattern('vai thieu thanh') }, { limit: 500 });
    expect(coops.items.map((c) => c.id)).toContain(coop.id);
    expect((await cooperatives.list({ onlyId: coop.id }, {})).items.map((c) => c.id)).toEqual([coop.id]);
    const found = await households.list({ cooperativeId: coop.id, nameOrPhoneLike: foldedLikePattern('van anh') }, {});
    expect(found.items.map((h) => h.id)).toEqual([household.id]);
    expect((await households.list({ cooperativeId: coop.id }, {})).items).toHaveLength(1);
    expect((await households.list({ cooperativeId: coop.id, includeArchived: true }, {})).items).toHaveLength(2);
    expect((await plots.list({ cooperativeId: coop.id, codeOrCropLike: foldedLikePattern('th-01') }, {})).items.map((p) => p.id)).toEqual([
      plot.id,
    ]);
    expect((await plots.list({ ownHouseholdId: household.id, codeOrCropLike: foldedLikePattern('vai') }, {})).items).toHaveLength(1);
  });

  it('imports households, skipping phones already registered, and folds the ones written without search columns', async () => {
    const coop = await fx.cooperative();
    const taken = await fx.household(coop);
    expect(await cooperatives.existingIds([coop.id, randomUUID()])).toEqual(new Set([coop.id]));
    const rows = [imported(coop.id, '0977000001', 'Lê Văn Một'), imported(coop.id, taken.phone, 'Trùng Số')];
    if (households.importsInOneStatement) {
      expect(await households.insertAllSkippingTakenPhones(rows, new Date())).toEqual(new Set(['0977000001']));
    } else {
      expect(await households.registeredPhones(rows.map((r) => r.phone))).toEqual(new Set([taken.phone]));
      expect(households.importChunkRows).toBeGreaterThan(1);
      await households.insertChunk([rows[0]], new Date());
    }
    const [landed] = (await households.list({ cooperativeId: coop.id, nameOrPhoneLike: foldedLikePattern('mot') }, {})).items;
    expect(landed).toMatchObject({ phone: '0977000001', headName: 'Lê Văn Một', digitalSkillsTrained: true, version: 1 });

    // A row written without its folded copies is found once folded; neither its version nor updated_at moves.
    const bare = await fx.household(coop, { headName: 'Đỗ Thị Hai' });
    expect((await households.unfolded(1000)).map((h) => h.id)).toContain(bare.id);
    await households.writeSearchColumns(bare.id, { headNameSearch: 'do thi hai', provinceSearch: 'hai duong', communeSearch: 'thanh ha' });
    expect((await households.unfolded(1000)).map((h) => h.id)).not.toContain(bare.id);
    expect(await households.findById(bare.id)).toMatchObject({ headNameSearch: 'do thi hai', version: 1 });
  });

  it('reads certificates of plots, latest expiry first', async () => {
    const plot = await fx.plot(await fx.household(await fx.cooperative()));
    const certificate = (validUntil: string): PlotCertification =>
      Object.assign(new PlotCertification(), {
        id: randomUUID(),
        plotId: plot.id,
        scheme: 'vietgap',
        number: `VG-${validUntil}`,
        issuer: null,
        issuedAt: null,
        validUntil,
        version: 1,
        createFingerprint: null,
        createdBy: null,
        verifiedBy: null,
        verifiedAt: null,
        revokedAt: null,
        revokedBy: null,
        revokedReason: null,
      });
    const older = certificate('2026-01-31');
    const newer = certificate('2027-12-31');
    await certifications.insert(older);
    await certifications.insert(newer);
    expect((await certifications.ofPlots([plot.id])).map((c) => c.id)).toEqual([newer.id, older.id]);
    expect(await certifications.findById(older.id, randomUUID())).toBeNull();
    expect(await certifications.updateAtVersion(older.id, 1, { revokedReason: 'thu hồi' })).toBe(true);
    expect(await certifications.findById(older.id, plot.id)).toMatchObject({ revokedReason: 'thu hồi', version: 2 });
  });

  it('changes an account and ends its tokens, and its open sessions when asked', async () => {
    const id = randomUUID();
    await users.insert({
      id,
      phone: '0966000001',
      passwordHash: 'scrypt$x',
      role: 'admin',
      cooperativeId: null,
      householdId: null,
      failedLoginCount: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    expect(await users.existsWithPhone('0966000001')).toBe(true);
    const session = () =>
      db.dataSource.manager.insert(RefreshToken, {
        id: randomUUID(),
        userId: id,
        familyId: randomUUID(),
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 86_400_000),
        usedAt: null,
        revokedAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    await session();
    await users.changeAndEndTokens(id, { disabled: true }, false);
    expect(await users.findById(id)).toMatchObject({ disabled: true, tokenVersion: 1 });
    expect(await db.dataSource.manager.count(RefreshToken, { where: { userId: id, revokedAt: IsNull() } })).toBe(1);
    await users.changeAndEndTokens(id, { disabled: false }, true);
    expect(await users.findById(id)).toMatchObject({ disabled: false, tokenVersion: 2 });
    expect(await db.dataSource.manager.count(RefreshToken, { where: { userId: id, revokedAt: IsNull() } })).toBe(0);
    expect((await users.list({ role: 'admin' }, { limit: 500 })).items.map((u) => u.id)).toContain(id);
  });
});
