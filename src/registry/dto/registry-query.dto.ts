import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

/**
 * For PATCH fields that may be left out but not cleared: `@IsOptional()` would let `null` through to a
 * NOT NULL column (a 500); this validates everything but `undefined`.
 */
export const UnlessAbsent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** `?flag=true` / `?flag=false` read as booleans; anything else is left for @IsBoolean to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Paging, `includeArchived` and the search filters every registry list shares. */
export class RegistryListQuery extends PageQuery {
  /** Archived records are hidden unless this is `true`. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;

  /** Part of a name, without regard to case or diacritics ("nguyen" finds "Nguyễn"). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Trimmed()
  q?: string;
}
