import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * `UPDATE … SET changes WHERE id = ? AND version = ?` (TypeORM bumps `version` and `updated_at`): true when
 * the row was still at that version. What every registry repository's `updateAtVersion` runs.
 */
export async function writeAtVersion<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  id: string,
  version: number,
  changes: QueryDeepPartialEntity<E>,
): Promise<boolean> {
  const result = await dataSource
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  return (result.affected ?? 0) > 0;
}
