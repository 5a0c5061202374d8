import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidInputError } from '../errors/domain-errors';
import { message } from '../i18n/message';

export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'http.cursorFormat' })
  cursor?: string;
}

/** A page of records that can be narrowed to one co-operative's. */
export class CooperativePageQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorPosition {
  createdAt: string;
  id: string;
}

// What encodeCursor writes: an ISO instant from Date#toISOString and a row id. Anything else would reach
// the database as a bad uuid or an out-of-range timestamp, so it is refused here.
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      CURSOR_TIME.test(parsed[0]) &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      CURSOR_ID.test(parsed[1])
    ) {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw InvalidInputError.field('cursor', message('http.cursorFormat'));
}

/** Keyset pagination over (created_at, id): stable under concurrent inserts, no OFFSET scans. */
export async function paginate<E extends ObjectLiteral & { id: string; createdAt: Date }>(
  query: SelectQueryBuilder<E>,
  page: PageQuery,
): Promise<Page<E>> {
  const limit = page.limit ?? 50;
  const alias = query.alias;
  if (page.cursor) {
    const position = decodeCursor(page.cursor);
    query.andWhere(`(${alias}.createdAt > :cursorAt OR (${alias}.createdAt = :cursorAt AND ${alias}.id > :cursorId))`, {
      cursorAt: new Date(position.createdAt),
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  return { items, nextCursor };
}
