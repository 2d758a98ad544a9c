import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 25;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export class PageMetaDto {
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export interface Page<T> {
  data: T[];
  meta: PageMetaDto;
}

/** Parses `sort=field|-field` against the allowed fields. */
export function parseSort<F extends string>(
  sort: string | undefined,
  fallback: F,
): { field: F; direction: 'ASC' | 'DESC' } {
  if (!sort) return { field: fallback, direction: 'ASC' };
  return sort.startsWith('-')
    ? { field: sort.slice(1) as F, direction: 'DESC' }
    : { field: sort as F, direction: 'ASC' };
}
