import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Page, parseSort } from './dto/pagination.dto';

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * One page of the query's rows with their total in the same statement (a window count), so a
 * list request costs one query. Only a page past the end, which has no row to carry the count,
 * costs a second one. The query must not join rows that multiply the root entity.
 */
export async function pageWithTotal<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  paging: { limit: number; offset: number },
): Promise<Page<T>> {
  qb.addSelect('count(*) OVER ()', 'total_count').limit(paging.limit).offset(paging.offset);
  const { entities, raw } = await qb.getRawAndEntities<{ total_count: string }>();
  const total = raw.length > 0 ? Number(raw[0].total_count) : paging.offset > 0 ? await qb.getCount() : 0;
  return { data: entities, meta: { total, limit: paging.limit, offset: paging.offset } };
}

/**
 * Orders by a `sort` parameter (`field` or `-field`, a key of `columns`), then by `idColumn` in
 * the same direction so that equal values still page in a stable order.
 */
export function orderBySort<T extends ObjectLiteral, F extends string>(
  qb: SelectQueryBuilder<T>,
  sort: F | `-${F}`,
  columns: Readonly<Record<F, string>>,
  idColumn: string,
): SelectQueryBuilder<T> {
  const { field, direction } = parseSort<F>(sort, sort.replace(/^-/, '') as F);
  return qb.orderBy(columns[field], direction).addOrderBy(idColumn, direction);
}
