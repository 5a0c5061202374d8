import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative } from '../common/auth/access-policy';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { FieldProblem, InvalidInputError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Message, message, translate } from '../common/i18n/message';
import { normalizePhone } from '../common/phone';
import { foldForSearch } from '../common/text/search-fold';
import { CooperativesRepository } from './cooperatives.repository';
import { CsvEncodingError, CsvSyntaxError, decodeCsv, detectSeparator, parseCsv } from './csv';
import { HouseholdsRepository, ImportedHousehold } from './households.repository';
import { householdSearchColumns } from './households.service';

export const IMPORT_COLUMNS = ['headName', 'phone', 'nationalId', 'province', 'commune', 'district', 'digitalSkillsTrained'] as const;
type Column = (typeof IMPORT_COLUMNS)[number] | 'cooperativeId';
const REQUIRED_COLUMNS = ['headName', 'phone', 'province', 'commune'] as const;
const MAX_ROWS = 100_000;

/**
 * Column headers as people write them, folded (see headerKey): the English names of the API, and the
 * Vietnamese ones an Excel sheet kept by a co-op carries ("Họ và tên", "Số điện thoại"...).
 */
const HEADER_ALIASES: Record<string, Column> = {
  ...Object.fromEntries([...IMPORT_COLUMNS, 'cooperativeId'].map((name) => [foldForSearch(name), name as Column])),
  'ho va ten': 'headName',
  'ho ten': 'headName',
  'ho va ten chu ho': 'headName',
  'chu ho': 'headName',
  'so dien thoai': 'phone',
  'dien thoai': 'phone',
  sdt: 'phone',
  'tinh/thanh pho': 'province',
  tinh: 'province',
  'xa/phuong': 'commune',
  'phuong/xa': 'commune',
  xa: 'commune',
  'quan/huyen': 'district',
  'huyen/quan': 'district',
  huyen: 'district',
  cccd: 'nationalId',
  'so cccd': 'nationalId',
  'cccd/cmnd': 'nationalId',
  'da tap huan': 'digitalSkillsTrained',
  'tap huan': 'digitalSkillsTrained',
  'ma hop tac xa': 'cooperativeId',
};

/** A header cell folded for matching: no case or diacritics, `Tỉnh / Thành phố` as `tinh/thanh pho`, a trailing `*` or `:` dropped. */
function headerKey(raw: string): string {
  return foldForSearch(raw)
    .replace(/\s*\/\s*/g, '/')
    .replace(/[\s*:.]+$/, '');
}

export function importColumnOf(header: string): Column | undefined {
  return HEADER_ALIASES[headerKey(header)];
}

/** Folded answers of the "trained" column: Có/Không as typed in Vietnamese, x for a ticked cell, and the plain ones. */
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'x', 'co', 'da']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '', 'khong', 'chua']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Zip (xlsx) and OLE (xls) signatures: a workbook sent instead of its CSV export. */
const WORKBOOK_SIGNATURES = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0xd0, 0xcf, 0x11, 0xe0])];

export interface ImportRejection {
  line: number;
  errors: FieldProblem[];
}

export interface ImportResult {
  created: number;
  rejected: ImportRejection[];
  /** Header cells of columns the import does not know (an "STT" or "Ghi chú" column): their cells are not read. */
  ignoredColumns: string[];
}

interface ValidRow {
  line: number;
  cooperativeId: string;
  headName: string;
  phone: string;
  nationalId: string | null;
  province: string;
  commune: string;
  district: string | null;
  digitalSkillsTrained: boolean;
}

/**
 * Bulk registration of member households from a spreadsheet export. Every row is checked on its own:
 * good rows land, bad rows come back with their line number and reasons. A row is a single INSERT
 * tuple, so it lands whole or not at all.
 */
@Injectable()
export class HouseholdImportService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly cooperatives: CooperativesRepository,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /**
   * `file` is the uploaded bytes (any encoding `decodeCsv` knows) or text already decoded. The co-op of
   * rows without a `cooperativeId` cell is `defaultCooperativeId`, else a manager's own co-op.
   */
  async import(actor: Actor, file: Buffer | string, defaultCooperativeId?: string): Promise<ImportResult> {
    if (defaultCooperativeId !== undefined && !UUID.test(defaultCooperativeId)) {
      throw InvalidInputError.field('cooperativeId', message('validation.uuid'));
    }
    const fallbackCooperativeId = defaultCooperativeId ?? (actor.role === 'coop_manager' ? (actor.cooperativeId ?? undefined) : undefined);
    if (Buffer.isBuffer(file) && WORKBOOK_SIGNATURES.some((signature) => file.subarray(0, 4).equals(signature))) {
      throw InvalidInputError.field('body', message('import.spreadsheetFile'));
    }
    let csv: string;
    try {
      // NFC, as every JSON text field: names typed on a phone arrive decomposed (see normalizeText).
      csv = (typeof file === 'string' ? file : decodeCsv(file)).normalize('NFC');
    } catch (error) {
      if (error instanceof CsvEncodingError) throw InvalidInputError.field('body', message('validation.csvNotUtf8', { line: error.line }));
      throw error;
    }
    // UTF-16 exports ("Unicode text" in Excel) are full of NUL bytes; PostgreSQL cannot store NUL in text anyway.
    if (csv.includes('\u0000')) throw InvalidInputError.field('body', message('import.nulCharacters'));
    let records;
    try {
      records = parseCsv(
        csv,
        detectSeparator(csv, (name) => importColumnOf(name) !== undefined),
      );
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw InvalidInputError.field('body', message('import.csvUnclosedQuote', { line: error.line }));
      throw error;
    }
    const header = records.shift();
    if (!header) throw InvalidInputError.field('body', message('import.emptyFile'));
    const { columns, ignoredColumns } = this.readHeader(header.fields, fallbackCooperativeId);
    if (records.length > MAX_ROWS) throw InvalidInputError.field('body', message('import.tooManyRows', { max: MAX_ROWS }));

    const rejected: ImportRejection[] = [];
    const valid: ValidRow[] = [];
    const firstLineOfPhone = new Map<string, number>();
    for (const record of records) {
      const { row, errors } = this.validateRow(record.fields, header.fields.length, columns, fallbackCooperativeId, record.line);
      if (row && firstLineOfPhone.has(row.phone)) {
        errors.push({ field: 'phone', message: message('import.phoneRepeatsLine', { line: firstLineOfPhone.get(row.phone)! }) });
      }
      if (errors.length || !row) {
        rejected.push({ line: record.line, errors });
        continue;
      }
      firstLineOfPhone.set(row.phone, row.line);
      valid.push(row);
    }

    const accessible = await this.checkCooperatives(actor, valid, rejected);
    const created = await this.insertRows(accessible, rejected);
    rejected.sort((a, b) => a.line - b.line);
    return { created, rejected, ignoredColumns };
  }

  /**
   * Which cell holds which column: headers match whatever their case, diacritics and order; a column
   * the import does not know is ignored and named once in the answer, not on every row.
   */
  private readHeader(fields: string[], defaultCooperativeId?: string): { columns: Map<Column, number>; ignoredColumns: string[] } {
    const columns = new Map<Column, number>();
    const ignoredColumns: string[] = [];
    const errors: FieldProblem[] = [];
    fields.forEach((raw, index) => {
      const name = raw.trim();
      const column = importColumnOf(name);
      if (!column) {
        if (name) ignoredColumns.push(name);
      } else if (columns.has(column)) errors.push({ field: `header.${column}`, message: message('import.headerRepeated') });
      else columns.set(column, index);
    });
    for (const name of REQUIRED_COLUMNS) {
      if (!columns.has(name)) errors.push({ field: `header.${name}`, message: message('import.headerMissing') });
    }
    if (!columns.has('cooperativeId') && !defaultCooperativeId) {
      errors.push({ field: 'cooperativeId', message: message('import.cooperativeMissing') });
    }
    if (errors.length) {
      throw new InvalidInputError(
        (locale) =>
          translate(
            message('import.headerUnusable', { problems: errors.map((e) => `${e.field} ${translate(e.message, locale)}`).join('; ') }),
            locale,
          ),
        { errors },
      );
    }
    return { columns, ignoredColumns };
  }

  private validateRow(
    fields: string[],
    headerLength: number,
    columns: Map<Column, number>,
    defaultCooperativeId: string | undefined,
    line: number,
  ): { row: ValidRow | null; errors: FieldProblem[] } {
    const errors: FieldProblem[] = [];
    const get = (name: Column): string => {
      const index = columns.get(name);
      return index === undefined ? '' : (fields[index] ?? '').trim();
    };
    if (fields.length !== headerLength) {
      errors.push({ field: 'row', message: message('import.rowFieldCount', { count: fields.length, expected: headerLength }) });
      return { row: null, errors };
    }
    const text = (name: Column, max: number, required: boolean): string | null => {
      const value = get(name);
      if (!value) {
        if (required) errors.push({ field: name, message: message('validation.required') });
        return null;
      }
      if (value.length > max) errors.push({ field: name, message: message('validation.maxLength', { 0: max }) });
      return value;
    };
    const headName = text('headName', 200, true);
    const province = text('province', 100, true);
    const commune = text('commune', 100, true);
    const district = text('district', 100, false);
    const phoneRaw = get('phone');
    const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
    if (!phoneRaw) errors.push({ field: 'phone', message: message('validation.required') });
    else if (!phone) errors.push({ field: 'phone', message: message('registry.phoneFormat') });
    const nationalId = get('nationalId') || null;
    if (nationalId && !/^(\d{9}|\d{12})$/.test(nationalId)) {
      errors.push({ field: 'nationalId', message: message('registry.nationalIdFormat') });
    }
    const trainedRaw = foldForSearch(get('digitalSkillsTrained'));
    let digitalSkillsTrained = false;
    if (TRUE_WORDS.has(trainedRaw)) digitalSkillsTrained = true;
    else if (!FALSE_WORDS.has(trainedRaw)) errors.push({ field: 'digitalSkillsTrained', message: message('import.trainedWord') });
    const cooperativeId = get('cooperativeId') || defaultCooperativeId || '';
    if (!UUID.test(cooperativeId)) errors.push({ field: 'cooperativeId', message: message('validation.uuid') });

    if (errors.length || !headName || !phone || !province || !commune) return { row: null, errors };
    return {
      row: { line, cooperativeId, headName, phone, nationalId, province, commune, district, digitalSkillsTrained },
      errors,
    };
  }

  /** Rows naming a co-op that does not exist, or that the caller does not manage, are rejected. */
  private async checkCooperatives(actor: Actor, rows: ValidRow[], rejected: ImportRejection[]): Promise<ValidRow[]> {
    const ids = [...new Set(rows.map((r) => r.cooperativeId))];
    const existing = await this.cooperatives.existingIds(ids);
    const problems = new Map<string, Message>();
    for (const id of ids) {
      if (!existing.has(id)) problems.set(id, message('import.noSuchCooperative'));
      else {
        try {
          assertManagesCooperative(actor, id);
        } catch {
          problems.set(id, message('import.notYourCooperative'));
        }
      }
    }
    if (!problems.size) return rows;
    return rows.filter((row) => {
      const problem = problems.get(row.cooperativeId);
      if (problem) rejected.push({ line: row.line, errors: [{ field: 'cooperativeId', message: problem }] });
      return !problem;
    });
  }

  private async insertRows(rows: ValidRow[], rejected: ImportRejection[]): Promise<number> {
    if (this.households.importsInOneStatement) return this.insertAll(rows, rejected);
    let created = 0;
    const chunkSize = this.households.importChunkRows;
    for (let start = 0; start < rows.length; start += chunkSize) {
      created += await this.insertChunk(rows.slice(start, start + chunkSize), rejected);
    }
    return created;
  }

  /**
   * PostgreSQL: the whole file in one statement, so 10,000 rows cost one round trip instead of 120,000
   * bind parameters. Duplicates are decided atomically, also against an import running at the same
   * moment; rows it skips are reported.
   */
  private async insertAll(rows: ValidRow[], rejected: ImportRejection[]): Promise<number> {
    if (!rows.length) return 0;
    const sealed = this.cipher.encryptMany(rows.map((r) => r.nationalId));
    const landed = await this.households.insertAllSkippingTakenPhones(
      rows.map((r, i) => toImported(r, sealed[i])),
      new Date(),
    );
    for (const row of rows) {
      if (!landed.has(row.phone)) {
        rejected.push({
          line: row.line,
          errors: [{ field: 'phone', message: message('import.phoneRegistered') }],
        });
      }
    }
    return landed.size;
  }

  /** SQLite: phones already registered are rejected; if another import races us to a phone, the chunk is re-checked. */
  private async insertChunk(chunk: ValidRow[], rejected: ImportRejection[], attempt = 0): Promise<number> {
    const taken = await this.households.registeredPhones(chunk.map((r) => r.phone));
    const fresh = chunk.filter((row) => {
      if (!taken.has(row.phone)) return true;
      rejected.push({ line: row.line, errors: [{ field: 'phone', message: message('import.phoneRegistered') }] });
      return false;
    });
    try {
      await this.households.insertChunk(
        fresh.map((r) => toImported(r, r.nationalId ? this.cipher.encrypt(r.nationalId) : null)),
        new Date(),
      );
      return fresh.length;
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) return this.insertChunk(fresh, rejected, attempt + 1);
      throw error;
    }
  }
}

/** A checked row as the table takes it; the search columns are folded here, so an imported household is found at once. */
function toImported(r: ValidRow, nationalIdEncrypted: string | null): ImportedHousehold {
  return {
    cooperativeId: r.cooperativeId,
    headName: r.headName,
    phone: r.phone,
    nationalIdEncrypted,
    nationalIdLast4: r.nationalId ? r.nationalId.slice(-4) : null,
    province: r.province,
    commune: r.commune,
    district: r.district,
    digitalSkillsTrained: r.digitalSkillsTrained,
    ...householdSearchColumns(r),
  };
}
