import { DataSource, EntityManager, Repository } from 'typeorm';
import { strictMock } from '../../test/support/strict-mock';
import type { Actor } from '../common/auth/actor';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { InvalidInputError } from '../common/errors/domain-errors';
import { Cooperative } from './cooperative.entity';
import { HouseholdImportService } from './household-import.service';
import { Household } from './household.entity';

const COOP = '11111111-1111-4111-8111-111111111111';
const OTHER_COOP = '22222222-2222-4222-8222-222222222222';
const manager: Actor = { userId: 'm', role: 'coop_manager', cooperativeId: COOP, householdId: null };
const HEADER = 'headName,phone,nationalId,province,commune,district,digitalSkillsTrained';

function setUp(options: { takenPhones?: string[]; cooperatives?: string[] } = {}) {
  const inserted: unknown[][] = [];
  const manager = strictMock<EntityManager>('manager', {
    connection: { options: { type: 'postgres' } },
    query: jest.fn((_sql: string, params: unknown[]) => {
      inserted.push(params);
      return Promise.resolve([]);
    }),
  });
  const dataSource = strictMock<DataSource>('dataSource', {
    transaction: jest.fn((work: (m: EntityManager) => Promise<unknown>) => work(manager)),
  });
  const households = strictMock<Repository<Household>>('households', {
    find: jest.fn().mockResolvedValue((options.takenPhones ?? []).map((phone) => ({ phone }))),
  });
  const cooperatives = strictMock<Repository<Cooperative>>('cooperatives', {
    find: jest.fn().mockResolvedValue((options.cooperatives ?? [COOP, OTHER_COOP]).map((id) => ({ id }))),
  });
  const cipher = strictMock<PersonalDataCipher>('cipher', { encrypt: jest.fn((plain: string) => `sealed(${plain.length})`) });
  return {
    service: new HouseholdImportService(dataSource, households, cooperatives, cipher),
    inserted,
    dataSource,
    households,
    cooperatives,
  };
}

describe('HouseholdImportService', () => {
  it('lands good rows and reports each bad one with its line, field and reason', async () => {
    const { service, inserted } = setUp({ takenPhones: ['0911000004'] });
    const csv = [
      HEADER,
      'Nguyễn Văn An,0911000001,030088001234,Hải Phòng,Thanh Hà,,true',
      ',0911000002,,Hải Phòng,Thanh Hà,,false',
      'Trần Thị Bình,12345,,Hải Phòng,Thanh Hà,,',
      'Lê Văn Cường,0911000003,12AB,Hải Phòng,Thanh Hà,,maybe',
      'Phạm Văn Dũng,0911000004,,Hải Phòng,Thanh Hà,,',
      'Vũ Thị Em,0911000001,,Hải Phòng,Thanh Hà,,',
      'short,row',
    ].join('\n');

    const result = await service.import(manager, csv, COOP);

    expect(result.created).toBe(1);
    expect(result.rejected).toEqual([
      { line: 3, errors: [{ field: 'headName', message: 'is required' }] },
      { line: 4, errors: [{ field: 'phone', message: expect.stringContaining('phone number') }] },
      {
        line: 5,
        errors: expect.arrayContaining([
          { field: 'nationalId', message: expect.any(String) },
          { field: 'digitalSkillsTrained', message: expect.any(String) },
        ]),
      },
      { line: 6, errors: [{ field: 'phone', message: expect.stringContaining('already registered') }] },
      { line: 7, errors: [{ field: 'phone', message: 'duplicates the phone number on line 2' }] },
      { line: 8, errors: [{ field: 'row', message: expect.stringContaining('has 2 fields') }] },
    ]);
    expect(inserted).toHaveLength(1);
    const params = inserted[0];
    expect(params).toContain('0911000001');
    expect(params).toContain('sealed(12)');
    expect(params).toContain('1234');
    expect(params).not.toContain('030088001234');
  });

  it('rejects rows of a co-operative the manager does not manage, or that does not exist', async () => {
    const { service, inserted } = setUp({ cooperatives: [COOP, OTHER_COOP] });
    const missing = '99999999-9999-4999-8999-999999999999';
    const csv = [
      `${HEADER},cooperativeId`,
      `An,0911000011,,HP,TH,,,${COOP}`,
      `Bình,0911000012,,HP,TH,,,${OTHER_COOP}`,
      `Cường,0911000013,,HP,TH,,,${missing}`,
      `Dũng,0911000014,,HP,TH,,,`,
    ].join('\n');
    const result = await service.import(manager, csv, COOP);
    expect(result.created).toBe(2);
    expect(result.rejected).toEqual([
      { line: 3, errors: [{ field: 'cooperativeId', message: 'you do not manage this co-operative' }] },
      { line: 4, errors: [{ field: 'cooperativeId', message: 'no such co-operative' }] },
    ]);
    expect(inserted).toHaveLength(1);
  });

  it.each([
    ['an empty file', '', COOP],
    ['an unknown column', `${HEADER},favouriteFruit\n`, COOP],
    ['a missing required column', 'headName,province,commune\n', COOP],
    ['a repeated column', `${HEADER},phone\n`, COOP],
    ['no co-operative at all', `${HEADER}\nAn,0911000021,,HP,TH,,\n`, undefined],
    ['an unclosed quote', `${HEADER}\n"An,0911000021,,HP,TH,,\n`, COOP],
    ['NUL characters (a UTF-16 file)', `${HEADER}\nA\u0000n,0911000021,,HP,TH,,\n`, COOP],
  ])('refuses %s as a whole, without touching the database', async (_label, csv, cooperativeId) => {
    const { service, households, cooperatives, dataSource } = setUp();
    await expect(service.import(manager, csv, cooperativeId)).rejects.toBeInstanceOf(InvalidInputError);
    expect(households.find).not.toHaveBeenCalled();
    expect(cooperatives.find).not.toHaveBeenCalled();
    expect(dataSource.transaction).not.toHaveBeenCalled();
  });

  it('refuses a default co-operative id that is not a UUID', async () => {
    const { service } = setUp();
    await expect(service.import(manager, `${HEADER}\n`, 'not-a-uuid')).rejects.toBeInstanceOf(InvalidInputError);
  });
});
