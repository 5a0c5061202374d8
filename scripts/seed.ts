/**
 * `npm run seed`: loads a believable Thanh Hà lychee co-operative into DATABASE_URL (SQLite by default).
 *
 * Everything goes through the service layer (the same rules as the API: encrypted national IDs, GTIN
 * check digit, batch safety warnings) except the batch rows themselves, which get fixed lot codes so a
 * second run finds them. Every record is looked up by its natural key first (co-op name, phone,
 * planting-area code, GTIN, lot code, event step + time), so running the seed again changes nothing.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { User } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { BatchEvent, BizStep } from '../src/batches/batch-event.entity';
import { Batch } from '../src/batches/batch.entity';
import { BatchesService } from '../src/batches/batches.service';
import { Product } from '../src/catalog/product.entity';
import { ProductsService } from '../src/catalog/products.service';
import type { Actor } from '../src/common/auth/actor';
import { isValidGtin, toGtin14 } from '../src/common/gs1/gtin';
import { parseTimestamp } from '../src/common/http/calendar-date';
import { normalizePhone } from '../src/common/phone';
import { ConfigurationError, DEVELOPMENT_DEFAULTS, Environment, loadEnvironmentOrExit } from '../src/config/environment';
import { migrateDatabase } from '../src/database/migration-runner';
import { Cooperative } from '../src/registry/cooperative.entity';
import { CooperativesService } from '../src/registry/cooperatives.service';
import { Household } from '../src/registry/household.entity';
import { HouseholdsService } from '../src/registry/households.service';
import { Plot } from '../src/registry/plot.entity';
import { CertificationScheme } from '../src/registry/plot-certification.entity';
import { PlotsService } from '../src/registry/plots.service';

// ---------------------------------------------------------------------------------------------
// The data. Addresses: since 1 July 2025 Hải Dương is part of Hải Phòng and there are two tiers
// (province + commune); records made before that keep the old district (DOMAIN.md). Communes of
// the former Thanh Hà district are where the geographical indication "Vải thiều Thanh Hà" grows.
// ---------------------------------------------------------------------------------------------

const PROVINCE = 'Hải Phòng';

export const SEED_COOPERATIVE = {
  name: 'HTX Dịch vụ Nông nghiệp Thanh Hà',
  province: PROVINCE,
  commune: 'Thanh Hà',
  taxCode: '0801234567',
  gs1CompanyPrefix: '893604512',
};

interface SeedHousehold {
  headName: string;
  phone: string;
  nationalId: string;
  commune: string;
  district?: string;
  trained: boolean;
}

/** CCCD numbers: 030 is Hải Dương's province code, then century/sex digit and year of birth. */
export const SEED_HOUSEHOLDS: SeedHousehold[] = [
  // Two-tier addresses (registered after 1 July 2025).
  { headName: 'Nguyễn Văn Thắng', phone: '0912460101', nationalId: '030068004521', commune: 'Thanh Hà', trained: true },
  { headName: 'Trần Thị Hoa', phone: '0983460102', nationalId: '030172003318', commune: 'Thanh Hà', trained: true },
  { headName: 'Phạm Văn Cường', phone: '0868460103', nationalId: '030075001207', commune: 'Hà Tây', trained: false },
  { headName: 'Vũ Thị Lan', phone: '0394460104', nationalId: '030181006642', commune: 'Hà Tây', trained: true },
  { headName: 'Đỗ Văn Hải', phone: '0977460105', nationalId: '030063002290', commune: 'Hà Bắc', trained: false },
  { headName: 'Nguyễn Thị Thu Hằng', phone: '0356460106', nationalId: '030186004417', commune: 'Hà Bắc', trained: true },
  { headName: 'Lê Văn Định', phone: '0904460107', nationalId: '030070005583', commune: 'Hà Đông', trained: false },
  { headName: 'Bùi Thị Nga', phone: '0962460108', nationalId: '030169000936', commune: 'Hà Đông', trained: true },
  { headName: 'Hoàng Văn Tuấn', phone: '0889460109', nationalId: '030079007724', commune: 'Hà Nam', trained: true },
  { headName: 'Phạm Thị Mai', phone: '0375460110', nationalId: '030174002851', commune: 'Hà Nam', trained: false },
  { headName: 'Nguyễn Đức Long', phone: '0916460111', nationalId: '030082003365', commune: 'Chu Văn An', trained: true },
  { headName: 'Trịnh Thị Huyền', phone: '0947460112', nationalId: '030190001148', commune: 'Trần Hưng Đạo', trained: true },
  // Three-tier addresses recorded before the 2025 reorganisation: old commune + district.
  {
    headName: 'Nguyễn Văn Bình',
    phone: '0913460113',
    nationalId: '030058006609',
    commune: 'Thanh Sơn',
    district: 'Thanh Hà',
    trained: false,
  },
  {
    headName: 'Lương Thị Dung',
    phone: '0984460114',
    nationalId: '030166004470',
    commune: 'Thanh Quang',
    district: 'Thanh Hà',
    trained: false,
  },
  { headName: 'Phạm Văn Khải', phone: '0328460115', nationalId: '030061002238', commune: 'Thanh Xá', district: 'Thanh Hà', trained: true },
  { headName: 'Vũ Văn Quý', phone: '0971460116', nationalId: '030073005512', commune: 'Thanh Khê', district: 'Thanh Hà', trained: false },
  {
    headName: 'Nguyễn Thị Liên',
    phone: '0398460117',
    nationalId: '030177003394',
    commune: 'Hồng Lạc',
    district: 'Thanh Hà',
    trained: true,
  },
  { headName: 'Đinh Văn Sơn', phone: '0865460118', nationalId: '030066001176', commune: 'Liên Mạc', district: 'Thanh Hà', trained: false },
  { headName: 'Trần Văn Toàn', phone: '0918460119', nationalId: '030084007753', commune: 'Cẩm Việt', district: 'Thanh Hà', trained: true },
  { headName: 'Mạc Thị Thảo', phone: '0345460120', nationalId: '030188002025', commune: 'An Phượng', district: 'Thanh Hà', trained: true },
  { headName: 'Nguyễn Văn Hưng', phone: '0936460121', nationalId: '030071004846', commune: 'Lê Lợi', district: 'Chí Linh', trained: false },
  {
    headName: 'Phạm Thị Xuân',
    phone: '0989460122',
    nationalId: '030179006318',
    commune: 'Hoàng Hoa Thám',
    district: 'Chí Linh',
    trained: true,
  },
  {
    headName: 'Đặng Văn Lực',
    phone: '0367460123',
    nationalId: '030064003387',
    commune: 'Ngũ Hùng',
    district: 'Thanh Miện',
    trained: false,
  },
  {
    headName: 'Nguyễn Thị Yến',
    phone: '0852460124',
    nationalId: '030192005569',
    commune: 'Đoàn Tùng',
    district: 'Thanh Miện',
    trained: true,
  },
];

export const SEED_ACCOUNTS = {
  manager: { phone: '0988460100', password: 'quanly-thanhha-2026' },
  /** The farmer account belongs to the first household (Nguyễn Văn Thắng). */
  farmer: { phone: '0912460101', password: 'nongdan-thanhha-2026' },
};

interface SeedCertificate {
  scheme: CertificationScheme;
  number: string;
  issuer: string;
  validUntil: string;
}

interface SeedPlot {
  householdPhone: string;
  code: string;
  areaHa: number;
  latitude: number;
  longitude: number;
  certifications: SeedCertificate[];
}

/** A VietGAP certificate from QUACERT; its number ends with the orchard's number. */
const vietGap = (orchard: string, validUntil: string): SeedCertificate => ({
  scheme: 'VietGAP',
  number: `VietGAP-TT-14-05-30-${orchard}`,
  issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
  validUntil,
});

/** A GlobalGAP certificate, numbered by its GGN. */
const globalGap = (ggn: string, validUntil: string): SeedCertificate => ({
  scheme: 'GlobalGAP',
  number: `GGN ${ggn}`,
  issuer: 'Control Union Việt Nam',
  validUntil,
});

/** Planting-area codes (mã số vùng trồng) of export-coded orchards; Japan takes fruit only from these. */
export const SEED_PLOTS: SeedPlot[] = [
  {
    householdPhone: '0912460101',
    code: 'VN-HDOR-0012',
    areaHa: 1.2,
    latitude: 20.9021,
    longitude: 106.4417,
    certifications: [vietGap('0112', '2027-12-31'), globalGap('4063061912012', '2027-05-31')],
  },
  {
    householdPhone: '0983460102',
    code: 'VN-HDOR-0013',
    areaHa: 0.8,
    latitude: 20.8987,
    longitude: 106.4352,
    certifications: [vietGap('0113', '2027-12-31')],
  },
  {
    householdPhone: '0868460103',
    code: 'VN-HDOR-0027',
    areaHa: 0.65,
    latitude: 20.8713,
    longitude: 106.4085,
    // Lapsed in March: kept on record, never shown as valid (DOMAIN.md).
    certifications: [vietGap('0027', '2026-03-31')],
  },
  {
    householdPhone: '0913460113',
    code: 'VN-HDOR-0041',
    areaHa: 1.5,
    latitude: 20.9163,
    longitude: 106.4531,
    certifications: [vietGap('0041', '2028-06-30'), globalGap('4063061912041', '2027-05-31')],
  },
  {
    householdPhone: '0984460114',
    code: 'VN-HDOR-0042',
    areaHa: 0.9,
    latitude: 20.9248,
    longitude: 106.4476,
    certifications: [vietGap('0042', '2027-08-31')],
  },
  {
    householdPhone: '0971460116',
    code: 'VN-HDOR-0058',
    areaHa: 0.5,
    latitude: 20.9302,
    longitude: 106.4289,
    certifications: [],
  },
  {
    householdPhone: '0936460121',
    code: 'VN-HDOR-0103',
    areaHa: 2.1,
    latitude: 21.1284,
    longitude: 106.3903,
    certifications: [vietGap('0103', '2027-10-31')],
  },
];

/** GTIN-13 under the co-op's GS1 Vietnam (893) company prefix; the check digit is verified at load. */
export const SEED_GTIN13 = '8936045120019';

export const SEED_PRODUCT = {
  name: 'Vải thiều Thanh Hà',
  variety: 'Vải thiều',
  gtin: SEED_GTIN13,
  unit: 'box' as const,
  packageNetWeightKg: 2,
  geographicalIndication: 'Vải thiều Thanh Hà',
  ocopStars: 4,
  shelfLifeDays: 7,
  description:
    'Vải thiều Thanh Hà chín cây, quả đều, vỏ đỏ sẫm, cùi dày, hạt nhỏ. Hộp 2 kg, thu hái buổi sáng và đóng gói lạnh trong ngày tại nhà sơ chế của HTX.',
};

interface SeedEvent {
  bizStep: BizStep;
  occurredAt: string;
  details?: Record<string, unknown>;
}

interface SeedBatch {
  lotCode: string;
  householdPhone: string;
  plotCode: string;
  harvestedAt: string;
  quantity: number;
  events: SeedEvent[];
}

/** Packed at the co-op's packing house (its code on the export list) into 2 kg boxes. */
const packing = (occurredAt: string, packages: number): SeedEvent => ({
  bizStep: 'packing',
  occurredAt,
  details: { packingHouseCode: 'VN-HDPH-003', packages, packageNetWeightKg: 2 },
});

/** Fixed lot codes in the shape the service generates (YYMMDD-XXXXXX, Crockford base32). */
export const SEED_BATCHES: SeedBatch[] = [
  {
    lotCode: '260604-VT0001',
    householdPhone: '0912460101',
    plotCode: 'VN-HDOR-0012',
    harvestedAt: '2026-06-04T05:30:00+07:00',
    quantity: 1200,
    events: [
      {
        bizStep: 'fertilizing',
        occurredAt: '2026-04-10T07:00:00+07:00',
        details: { fertilizer: 'NPK 12-5-10 Lâm Thao', dosageKgPerHa: 300 },
      },
      {
        bizStep: 'spraying',
        occurredAt: '2026-05-12T06:30:00+07:00',
        details: {
          pesticide: 'Emamectin benzoate 5WG',
          activeIngredient: 'Emamectin benzoate',
          preHarvestIntervalDays: 7,
          target: 'sâu đục cuống quả',
        },
      },
      { bizStep: 'harvesting', occurredAt: '2026-06-04T05:30:00+07:00', details: { quantityKg: 1200, pickers: 6 } },
      packing('2026-06-04T10:00:00+07:00', 580),
      {
        bizStep: 'inspecting',
        occurredAt: '2026-06-04T14:00:00+07:00',
        details: { inspector: 'Chi cục Trồng trọt và Bảo vệ thực vật', result: 'đạt', residueTest: 'không phát hiện vượt MRL' },
      },
      {
        bizStep: 'shipping',
        occurredAt: '2026-06-05T04:00:00+07:00',
        details: { destination: 'Cảng Hải Phòng → Tokyo (Nhật Bản)', carrier: 'xe lạnh 5 tấn' },
      },
    ],
  },
  {
    lotCode: '260609-VT0002',
    householdPhone: '0913460113',
    plotCode: 'VN-HDOR-0041',
    harvestedAt: '2026-06-09T05:00:00+07:00',
    quantity: 2000,
    events: [
      {
        bizStep: 'spraying',
        occurredAt: '2026-05-20T06:00:00+07:00',
        details: {
          pesticide: 'Amistar Top 325SC',
          activeIngredient: 'Azoxystrobin + Difenoconazole',
          preHarvestIntervalDays: 14,
          target: 'sương mai',
        },
      },
      { bizStep: 'harvesting', occurredAt: '2026-06-09T05:00:00+07:00', details: { quantityKg: 2000, pickers: 10 } },
      packing('2026-06-09T11:00:00+07:00', 960),
      {
        bizStep: 'inspecting',
        occurredAt: '2026-06-09T15:30:00+07:00',
        details: { inspector: 'Bộ phận kiểm soát chất lượng HTX', result: 'đạt' },
      },
      {
        bizStep: 'shipping',
        occurredAt: '2026-06-10T03:30:00+07:00',
        details: { destination: 'Chợ đầu mối Long Biên, Hà Nội', carrier: 'xe tải 2,5 tấn' },
      },
    ],
  },
  {
    // Picked four days after a spraying with a seven-day interval: recorded and flagged, never hidden.
    lotCode: '260614-VT0003',
    householdPhone: '0983460102',
    plotCode: 'VN-HDOR-0013',
    harvestedAt: '2026-06-14T06:00:00+07:00',
    quantity: 650,
    events: [
      {
        bizStep: 'spraying',
        occurredAt: '2026-06-10T16:00:00+07:00',
        details: { pesticide: 'Cypermethrin 10EC', activeIngredient: 'Cypermethrin', preHarvestIntervalDays: 7, target: 'bọ xít nhãn vải' },
      },
      { bizStep: 'harvesting', occurredAt: '2026-06-14T06:00:00+07:00', details: { quantityKg: 650, pickers: 4 } },
      packing('2026-06-14T10:30:00+07:00', 310),
      {
        bizStep: 'inspecting',
        occurredAt: '2026-06-14T13:00:00+07:00',
        details: { inspector: 'Bộ phận kiểm soát chất lượng HTX', result: 'giữ lại chờ xét nghiệm dư lượng' },
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------

export interface SeedSummary {
  cooperativeId: string;
  /** How many records this run added, by kind; all zero on a second run. */
  created: Record<'cooperatives' | 'households' | 'users' | 'plots' | 'products' | 'batches' | 'events', number>;
}

type Log = (line: string) => void;

/** Seeds `env.DATABASE_URL` (applying migrations first). Safe to run any number of times. */
export async function seed(env: Environment, log: Log = () => undefined): Promise<SeedSummary> {
  // The seed's accounts have passwords printed in this repository: never in a production database.
  if (env.NODE_ENV === 'production') {
    throw new ConfigurationError('npm run seed refuses NODE_ENV=production: its accounts have passwords anyone can read in the repository');
  }
  if (!isValidGtin(SEED_GTIN13)) throw new Error(`seed GTIN ${SEED_GTIN13} has a wrong check digit`);
  await migrateDatabase(env.DATABASE_URL);
  const context = await NestFactory.createApplicationContext(AppModule.forRole(env, 'api'), { logger: ['error', 'warn'] });
  try {
    await context.init();
    return await seedWith(
      {
        dataSource: context.get(DataSource),
        cooperatives: context.get(CooperativesService),
        households: context.get(HouseholdsService),
        plots: context.get(PlotsService),
        products: context.get(ProductsService),
        batches: context.get(BatchesService),
        users: context.get(UsersService),
      },
      env,
      log,
    );
  } finally {
    await context.close();
  }
}

interface Services {
  dataSource: DataSource;
  cooperatives: CooperativesService;
  households: HouseholdsService;
  plots: PlotsService;
  products: ProductsService;
  batches: BatchesService;
  users: UsersService;
}

async function seedWith(s: Services, env: Environment, log: Log): Promise<SeedSummary> {
  const db = s.dataSource;
  const created: SeedSummary['created'] = { cooperatives: 0, households: 0, users: 0, plots: 0, products: 0, batches: 0, events: 0 };

  // The admin account is created when the application context starts (AuthModule), from ADMIN_PHONE.
  const admin = await db
    .getRepository(User)
    .findOneOrFail({ where: { phone: normalizePhone(env.ADMIN_PHONE) ?? env.ADMIN_PHONE, role: 'admin' } });
  const actor: Actor = { userId: admin.id, role: 'admin', cooperativeId: null, householdId: null };

  let cooperative = await db.getRepository(Cooperative).findOne({ where: { name: SEED_COOPERATIVE.name } });
  if (!cooperative) {
    await s.cooperatives.create(SEED_COOPERATIVE);
    cooperative = await db.getRepository(Cooperative).findOneOrFail({ where: { name: SEED_COOPERATIVE.name } });
    created.cooperatives++;
  }
  const cooperativeId = cooperative.id;

  const householdIdByPhone = new Map<string, string>();
  for (const h of SEED_HOUSEHOLDS) {
    let household = await db.getRepository(Household).findOne({ where: { phone: h.phone } });
    if (!household) {
      const response = await s.households.create(actor, {
        cooperativeId,
        headName: h.headName,
        phone: h.phone,
        nationalId: h.nationalId,
        province: PROVINCE,
        commune: h.commune,
        district: h.district,
        digitalSkillsTrained: h.trained,
      });
      household = { id: response.id } as Household;
      created.households++;
    }
    householdIdByPhone.set(h.phone, household.id);
  }
  const householdOf = (phone: string): string => {
    const id = householdIdByPhone.get(phone);
    if (!id) throw new Error(`seed data: no household with phone ${phone}`);
    return id;
  };

  const accounts = [
    { ...SEED_ACCOUNTS.manager, role: 'coop_manager' as const, cooperativeId },
    { ...SEED_ACCOUNTS.farmer, role: 'farmer' as const, householdId: householdOf(SEED_ACCOUNTS.farmer.phone) },
  ];
  for (const account of accounts) {
    if (await db.getRepository(User).exists({ where: { phone: account.phone } })) continue;
    await s.users.create(actor, account);
    created.users++;
  }

  const plotIdByCode = new Map<string, string>();
  for (const p of SEED_PLOTS) {
    let plot = await db.getRepository(Plot).findOne({ where: { code: p.code } });
    if (!plot) {
      const response = await s.plots.create(actor, householdOf(p.householdPhone), {
        code: p.code,
        areaHa: p.areaHa,
        latitude: p.latitude,
        longitude: p.longitude,
        crop: 'Vải thiều',
        certifications: p.certifications,
      });
      plot = { id: response.id } as Plot;
      created.plots++;
    }
    plotIdByCode.set(p.code, plot.id);
  }

  let product = await db.getRepository(Product).findOne({ where: { gtin: toGtin14(SEED_GTIN13) } });
  if (!product) {
    const response = await s.products.create(actor, { cooperativeId, ...SEED_PRODUCT });
    product = { id: response.id } as Product;
    created.products++;
  }

  for (const b of SEED_BATCHES) {
    let batch = await db.getRepository(Batch).findOne({ where: { lotCode: b.lotCode } });
    if (!batch) {
      // Inserted directly: BatchesService.create draws a random lot code, and a rerun must find this one.
      const now = new Date();
      const plotId = plotIdByCode.get(b.plotCode);
      if (!plotId) throw new Error(`seed data: no plot ${b.plotCode}`);
      batch = db.getRepository(Batch).create({
        id: randomUUID(),
        productId: product.id,
        householdId: householdOf(b.householdPhone),
        plotId,
        cooperativeId,
        lotCode: b.lotCode,
        harvestedAt: parseTimestamp(b.harvestedAt),
        quantity: b.quantity,
        unit: 'kg',
        safetyWarnings: [],
        status: 'active',
        createdAt: now,
        updatedAt: now,
      });
      await db.getRepository(Batch).insert(batch);
      created.batches++;
    }
    const existing = await db.getRepository(BatchEvent).find({ where: { batchId: batch.id } });
    const recorded = new Set(existing.map((e) => `${e.bizStep}@${e.occurredAt.getTime()}`));
    for (const event of b.events) {
      if (recorded.has(`${event.bizStep}@${parseTimestamp(event.occurredAt).getTime()}`)) continue;
      // Through the service, so the batch's safety warnings are recomputed as the API would.
      await s.batches.addEvent(actor, batch.id, event);
      created.events++;
    }
  }

  const total = Object.values(created).reduce((sum, n) => sum + n, 0);
  log(
    total
      ? `Seeded ${SEED_COOPERATIVE.name}: ${Object.entries(created)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}`
      : `${SEED_COOPERATIVE.name} is already seeded; nothing changed`,
  );
  return { cooperativeId, created };
}

async function main(): Promise<void> {
  // Start-up logs would bury the accounts printed below; LOG_LEVEL=info brings them back.
  process.env.LOG_LEVEL ??= 'warn';
  const env = loadEnvironmentOrExit();
  let summary: SeedSummary;
  try {
    summary = await seed(env, (line) => console.log(line));
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  console.log(`Database: ${env.databaseKind === 'postgres' ? env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@') : env.DATABASE_URL}`);
  console.log(`Co-operative id: ${summary.cooperativeId}`);
  console.log('Accounts (phone / password):');
  console.log(
    `  admin         ${env.ADMIN_PHONE} / (ADMIN_PASSWORD${env.ADMIN_PASSWORD === DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD ? `, default ${DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD}` : ''})`,
  );
  console.log(`  coop_manager  ${SEED_ACCOUNTS.manager.phone} / ${SEED_ACCOUNTS.manager.password}`);
  console.log(`  farmer        ${SEED_ACCOUNTS.farmer.phone} / ${SEED_ACCOUNTS.farmer.password}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('Seed failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
