import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative } from '../common/auth/access-policy';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { FieldError, InvalidInputError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { message } from '../common/i18n/message';
import { normalizePhone } from '../common/phone';
import { bulkInsert, chunkRowsFor, SqlValue } from '../database/bulk-insert';
import { Cooperative } from './cooperative.entity';
import { CsvEncodingError, CsvSyntaxError, decodeCsv, detectSeparator, parseCsv } from './csv';
import { Household } from './household.entity';

export const IMPORT_COLUMNS = ['headName', 'phone', 'nationalId', 'province', 'commune', 'district', 'digitalSkillsTrained'] as const;
const REQUIRED_COLUMNS = ['headName', 'phone', 'province', 'commune'] as const;
const KNOWN_COLUMNS = new Set<string>([...IMPORT_COLUMNS, 'cooperativeId']);
const MAX_ROWS = 100_000;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'x', 'có', 'co']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '', 'không', 'khong']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export interface ImportRejection {
  line: number;
  errors: FieldError[];
}

export interface ImportResult {
  created: number;
  rejected: ImportRejection[];
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

const TABLE_COLUMNS = [
  'id',
  'cooperative_id',
  'head_name',
  'phone',
  'national_id_encrypted',
  'national_id_last4',
  'province',
  'commune',
  'district',
  'digital_skills_trained',
  'created_at',
  'updated_at',
];

/**
 * Bulk registration of member households from a spreadsheet export. Every row is checked on its own:
 * good rows land, bad rows come back with their line number and reasons. A row is a single INSERT
 * tuple, so it lands whole or not at all.
 */
@Injectable()
export class HouseholdImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Household) private readonly households: Repository<Household>,
    @InjectRepository(Cooperative) private readonly cooperatives: Repository<Cooperative>,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** `file` is the uploaded bytes (any encoding `decodeCsv` knows) or text already decoded. */
  async import(actor: Actor, file: Buffer | string, defaultCooperativeId?: string): Promise<ImportResult> {
    if (defaultCooperativeId !== undefined && !UUID.test(defaultCooperativeId)) {
      throw InvalidInputError.field('cooperativeId', 'must be a UUID');
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
    if (csv.includes('\u0000')) {
      throw InvalidInputError.field('body', 'the file holds NUL characters: save it as CSV UTF-8 (not UTF-16 or a spreadsheet file)');
    }
    let records;
    try {
      records = parseCsv(csv, detectSeparator(csv, (name) => KNOWN_COLUMNS.has(name)));
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw InvalidInputError.field('body', `not valid CSV: ${error.message}`);
      throw error;
    }
    const header = records.shift();
    if (!header) throw InvalidInputError.field('body', 'the file is empty; the first line must be the header');
    const columns = this.readHeader(header.fields, defaultCooperativeId);
    if (records.length > MAX_ROWS) throw InvalidInputError.field('body', `at most ${MAX_ROWS} rows per file`);

    const rejected: ImportRejection[] = [];
    const valid: ValidRow[] = [];
    const firstLineOfPhone = new Map<string, number>();
    for (const record of records) {
      const { row, errors } = this.validateRow(record.line, record.fields, columns, defaultCooperativeId);
      if (row && firstLineOfPhone.has(row.phone)) {
        errors.push({ field: 'phone', message: `duplicates the phone number on line ${firstLineOfPhone.get(row.phone)}` });
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
    return { created, rejected };
  }

  private readHeader(fields: string[], defaultCooperativeId?: string): Map<string, number> {
    const columns = new Map<string, number>();
    const errors: FieldError[] = [];
    fields.forEach((raw, index) => {
      const name = raw.trim();
      if (columns.has(name)) errors.push({ field: `header.${name}`, message: 'appears more than once' });
      else columns.set(name, index);
    });
    for (const name of columns.keys()) {
      if (!(IMPORT_COLUMNS as readonly string[]).includes(name) && name !== 'cooperativeId') {
        errors.push({ field: `header.${name}`, message: 'unknown column' });
      }
    }
    for (const name of REQUIRED_COLUMNS) {
      if (!columns.has(name)) errors.push({ field: `header.${name}`, message: 'required column is missing' });
    }
    if (!columns.has('cooperativeId') && !defaultCooperativeId) {
      errors.push({ field: 'cooperativeId', message: 'give a cooperativeId column or the ?cooperativeId= query parameter' });
    }
    if (errors.length) {
      throw new InvalidInputError(`The header line is not usable: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
    }
    return columns;
  }

  private validateRow(
    line: number,
    fields: string[],
    columns: Map<string, number>,
    defaultCooperativeId?: string,
  ): { row: ValidRow | null; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const get = (name: string): string => {
      const index = columns.get(name);
      return index === undefined ? '' : (fields[index] ?? '').trim();
    };
    if (fields.length !== columns.size) {
      errors.push({ field: 'row', message: `has ${fields.length} fields, the header has ${columns.size}` });
      return { row: null, errors };
    }
    const text = (name: string, max: number, required: boolean): string | null => {
      const value = get(name);
      if (!value) {
        if (required) errors.push({ field: name, message: 'is required' });
        return null;
      }
      if (value.length > max) errors.push({ field: name, message: `must be at most ${max} characters` });
      return value;
    };
    const headName = text('headName', 200, true);
    const province = text('province', 100, true);
    const commune = text('commune', 100, true);
    const district = text('district', 100, false);
    const phoneRaw = get('phone');
    const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
    if (!phoneRaw) errors.push({ field: 'phone', message: 'is required' });
    else if (!phone) errors.push({ field: 'phone', message: 'must be a Vietnamese phone number such as 0912345678' });
    const nationalId = get('nationalId') || null;
    if (nationalId && !/^(\d{9}|\d{12})$/.test(nationalId)) {
      errors.push({ field: 'nationalId', message: 'must be 12 digits (CCCD) or 9 digits (CMND)' });
    }
    const trainedRaw = get('digitalSkillsTrained').toLowerCase();
    let digitalSkillsTrained = false;
    if (TRUE_WORDS.has(trainedRaw)) digitalSkillsTrained = true;
    else if (!FALSE_WORDS.has(trainedRaw)) errors.push({ field: 'digitalSkillsTrained', message: 'must be true or false' });
    const cooperativeId = get('cooperativeId') || defaultCooperativeId || '';
    if (!UUID.test(cooperativeId)) errors.push({ field: 'cooperativeId', message: 'must be a UUID' });

    if (errors.length || !headName || !phone || !province || !commune) return { row: null, errors };
    return {
      row: { line, cooperativeId, headName, phone, nationalId, province, commune, district, digitalSkillsTrained },
      errors,
    };
  }

  /** Rows naming a co-op that does not exist, or that the caller does not manage, are rejected. */
  private async checkCooperatives(actor: Actor, rows: ValidRow[], rejected: ImportRejection[]): Promise<ValidRow[]> {
    const ids = [...new Set(rows.map((r) => r.cooperativeId))];
    const existing = new Set((await this.cooperatives.find({ where: { id: In(ids) }, select: { id: true } })).map((c) => c.id));
    const problems = new Map<string, string>();
    for (const id of ids) {
      if (!existing.has(id)) problems.set(id, 'no such co-operative');
      else {
        try {
          assertManagesCooperative(actor, id);
        } catch {
          problems.set(id, 'you do not manage this co-operative');
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
    if (this.dataSource.options.type === 'postgres') return this.insertAllPostgres(rows, rejected);
    let created = 0;
    const chunkSize = chunkRowsFor(TABLE_COLUMNS.length);
    for (let start = 0; start < rows.length; start += chunkSize) {
      created += await this.insertChunk(rows.slice(start, start + chunkSize), rejected);
    }
    return created;
  }

  /**
   * PostgreSQL: the whole file in one statement, one array parameter per column (unnest), so 10,000
   * rows cost one round trip instead of 120,000 bind parameters. ON CONFLICT decides duplicates
   * atomically, also against an import running at the same moment; rows it skips are reported.
   */
  private async insertAllPostgres(rows: ValidRow[], rejected: ImportRejection[]): Promise<number> {
    if (!rows.length) return 0;
    const columns: unknown[][] = TABLE_COLUMNS.slice(0, 10).map(() => new Array<unknown>(rows.length));
    const sealed = this.cipher.encryptMany(rows.map((r) => r.nationalId));
    rows.forEach((r, i) => {
      columns[0][i] = randomUUID();
      columns[1][i] = r.cooperativeId;
      columns[2][i] = r.headName;
      columns[3][i] = r.phone;
      columns[4][i] = sealed[i];
      columns[5][i] = r.nationalId ? r.nationalId.slice(-4) : null;
      columns[6][i] = r.province;
      columns[7][i] = r.commune;
      columns[8][i] = r.district;
      columns[9][i] = r.digitalSkillsTrained;
    });
    const inserted = await this.dataSource.query<{ phone: string }[]>(
      `INSERT INTO households (${TABLE_COLUMNS.join(', ')})
       SELECT u.*, $11::timestamptz, $11::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::boolean[]) AS u
       ON CONFLICT (phone) DO NOTHING
       RETURNING phone`,
      [...columns, new Date()],
    );
    const landed = new Set(inserted.map((row) => row.phone));
    for (const row of rows) {
      if (!landed.has(row.phone)) {
        rejected.push({
          line: row.line,
          errors: [{ field: 'phone', message: 'a household with this phone number is already registered' }],
        });
      }
    }
    return landed.size;
  }

  /** SQLite: phones already registered are rejected; if another import races us to a phone, the chunk is re-checked. */
  private async insertChunk(chunk: ValidRow[], rejected: ImportRejection[], attempt = 0): Promise<number> {
    const taken = new Set(
      (await this.households.find({ where: { phone: In(chunk.map((r) => r.phone)) }, select: { phone: true } })).map((h) => h.phone),
    );
    const fresh = chunk.filter((row) => {
      if (!taken.has(row.phone)) return true;
      rejected.push({ line: row.line, errors: [{ field: 'phone', message: 'a household with this phone number is already registered' }] });
      return false;
    });
    const now = new Date();
    const values: SqlValue[][] = fresh.map((r) => [
      randomUUID(),
      r.cooperativeId,
      r.headName,
      r.phone,
      r.nationalId ? this.cipher.encrypt(r.nationalId) : null,
      r.nationalId ? r.nationalId.slice(-4) : null,
      r.province,
      r.commune,
      r.district,
      r.digitalSkillsTrained,
      now,
      now,
    ]);
    try {
      await this.dataSource.transaction((manager) => bulkInsert(manager, 'households', TABLE_COLUMNS, values));
      return fresh.length;
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) return this.insertChunk(fresh, rejected, attempt + 1);
      throw error;
    }
  }
}
