import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Inserts a new entity and leaves it as `save` would: the database's generated and default
 * values merged in (the INSERT's RETURNING), and every nullable column it did not set as null,
 * so that an answer made from it has the same fields as a read. It skips what `save` adds for a
 * new row without relations: loading nothing, it still builds a change set, walks cascades and
 * broadcasts, a measurable share of a create's CPU.
 */
export async function insertNew<T extends ObjectLiteral>(manager: EntityManager, entity: T): Promise<T> {
  const metadata = manager.connection.getMetadata(entity.constructor);
  await manager.insert(metadata.target, entity);
  for (const column of metadata.columns) {
    if (column.isNullable && column.getEntityValue(entity) === undefined) column.setEntityValue(entity, null);
  }
  return entity;
}
