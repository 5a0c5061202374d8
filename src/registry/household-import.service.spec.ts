import { strictMock } from '../../test/support/strict-mock';
import type { Actor } from '../common/auth/actor';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { InvalidInputError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { CooperativesRepository } from './cooperatives.repository';
import { HouseholdImportService } from './household-import.service';
import { HouseholdsRepository, ImportedHousehold } from './households.repository';

const COOP = '11111111-1111-4111-8111-111111111111';
const OTHER_COOP = '22222222-2222-4222-8222-222222222222';
const manager: Actor = { userId: 'm', role: 'coop_manager', cooperativeId: COOP, householdId: null };
const admin: Actor = { userId: 'a', role: 'admin', cooperativeId: null, householdId: null };
const HEADER = 'headName,phone,nationalId,province,commune,district,digitalSkillsTrained';

function setUp(options: { takenPhones?: string[]; cooperatives?: string[] } = {}) {
  // One entry per INSERT statement: the rows it carried.
  const inserted: ImportedHousehold[][] = [];
  const households = strictMock<HouseholdsRepository>('households', {
    importsInOneStatement: false,
    importChunkRows: 1000,
    registeredPhones: jest.fn((phones: string[]) => Promise.resolve(new Set(phones.filter((p) => options.takenPhones?.includes(p))))),
    insertChunk: jest.fn((rows: ImportedHousehold[]) => {
      inserted.push(rows);
      return Promise.resolve();
    }),
  });
  const cooperatives = strictMock<CooperativesRepository>('cooperatives', {
    existingIds: jest.fn((ids: string[]) =>
      Promise.resolve(new Set(ids.filter((id) => (options.cooperatives ?? [COOP, OTHER_COOP]).includes(id)))),
    ),
  });
  const cipher = strictMock<PersonalDataCipher>('cipher', { encrypt: jest.fn((plain: string) => `sealed(${plain.length})`) });
  return {
    service: new HouseholdImportService(households, cooperatives, cipher),
    inserted,
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
      { line: 3, errors: [{ field: 'headName', message: message('validation.required') }] },
      { line: 4, errors: [{ field: 'phone', message: message('registry.phoneFormat') }] },
      {
        line: 5,
        errors: expect.arrayContaining([
          { field: 'nationalId', message: message('registry.nationalIdFormat') },
          { field: 'digitalSkillsTrained', message: message('import.trainedWord') },
        ]),
      },
      { line: 6, errors: [{ field: 'phone', message: message('import.phoneRegistered') }] },
      { line: 7, errors: [{ field: 'phone', message: message('import.phoneRepeatsLine', { line: 2 }) }] },
      { line: 8, errors: [{ field: 'row', message: message('import.rowFieldCount', { count: 2, expected: 7 }) }] },
    ]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toEqual([
      expect.objectContaining({ phone: '0911000001', nationalIdEncrypted: 'sealed(12)', nationalIdLast4: '1234', cooperativeId: COOP }),
    ]);
    expect(JSON.stringify(inserted)).not.toContain('030088001234');
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
      { line: 3, errors: [{ field: 'cooperativeId', message: message('import.notYourCooperative') }] },
      { line: 4, errors: [{ field: 'cooperativeId', message: message('import.noSuchCooperative') }] },
    ]);
    expect(inserted).toHaveLength(1);
  });

  it.each([
    ['an empty file', '', COOP],
    ['a missing required column', 'headName,province,commune\n', COOP],
    ['a repeated column', `${HEADER},phone\n`, COOP],
    ['no co-operative at all (an admin)', `${HEADER}\nAn,0911000021,,HP,TH,,\n`, undefined],
    ['an unclosed quote', `${HEADER}\n"An,0911000021,,HP,TH,,\n`, COOP],
    ['NUL characters (a UTF-16 file)', `${HEADER}\nA\u0000n,0911000021,,HP,TH,,\n`, COOP],
  ])('refuses %s as a whole, without touching the database', async (_label, csv, cooperativeId) => {
    const { service, households, cooperatives } = setUp();
    await expect(service.import(admin, csv, cooperativeId)).rejects.toBeInstanceOf(InvalidInputError);
    expect(households.registeredPhones).not.toHaveBeenCalled();
    expect(cooperatives.existingIds).not.toHaveBeenCalled();
    expect(households.insertChunk).not.toHaveBeenCalled();
  });

  it('refuses a default co-operative id that is not a UUID', async () => {
    const { service } = setUp();
    await expect(service.import(manager, `${HEADER}\n`, 'not-a-uuid')).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("reads the Vietnamese headers of an Excel sheet in any order, ignores unknown columns once, and defaults to the manager's co-op", async () => {
    const { service, inserted } = setUp();
    const csv = [
      'STT;Đã tập huấn;SỐ ĐIỆN THOẠI;ho va ten;Tỉnh / Thành phố;Xã/Phường;Quận/Huyện;cccd;Ghi chú',
      '1;Có;0911000031;Nguyễn Văn An;Hải Phòng;Thanh Hà;;030088001234;',
      '2;Không;0911000032;Trần Thị Bình;Hải Phòng;Thanh Hà;Thanh Hà;;mới',
      '3;x;0911000033;Lê Văn Cường;Hải Phòng;Thanh Hà;;;',
      '4;có lẽ;0911000034;Phạm Văn Dũng;Hải Phòng;Thanh Hà;;;',
    ].join('\r\n');
    const result = await service.import(manager, `\uFEFF${csv}`);
    expect(result).toEqual({
      created: 3,
      rejected: [{ line: 5, errors: [{ field: 'digitalSkillsTrained', message: message('import.trainedWord') }] }],
      ignoredColumns: ['STT', 'Ghi chú'],
    });
    // The folded search columns go with each row.
    expect(
      inserted[0].map((r) => [r.cooperativeId, r.headName, r.digitalSkillsTrained, r.headNameSearch, r.provinceSearch, r.communeSearch]),
    ).toEqual([
      [COOP, 'Nguyễn Văn An', true, 'nguyen van an', 'hai phong', 'thanh ha'],
      [COOP, 'Trần Thị Bình', false, 'tran thi binh', 'hai phong', 'thanh ha'],
      [COOP, 'Lê Văn Cường', true, 'le van cuong', 'hai phong', 'thanh ha'],
    ]);
  });

  it('refuses an Excel workbook sent instead of its CSV export', async () => {
    const { service } = setUp();
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('rest of a zip')]);
    await expect(service.import(manager, xlsx, COOP)).rejects.toMatchObject({
      errors: [{ field: 'body', message: message('import.spreadsheetFile') }],
    });
  });
});
