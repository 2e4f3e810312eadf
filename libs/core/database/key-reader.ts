import type { ObjectLiteral, Repository } from 'typeorm';

/**
 * Reads one entity by its (single-column) primary key with SQL built once. TypeORM's query builder
 * rebuilds its SQL (escaping, alias regular expressions) and runs its generic row transformer on every
 * call: for a one-row key read under load that cost more CPU than the statement's round trip (about
 * 100 µs a read, measured on `myOrganisation`). Columns are hydrated the way TypeORM does it (types,
 * column transformers); relations are not loaded. For hot reads; anything scoped or filtered stays a
 * query builder.
 */
export function keyReader<T extends ObjectLiteral>(
  repository: Repository<T>,
): (id: unknown) => Promise<T | null> {
  const { metadata, manager } = repository;
  const driver = manager.connection.driver;
  if (metadata.primaryColumns.length !== 1)
    throw new Error(`keyReader: ${metadata.name} has a composite primary key`);
  const columns = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
  const select = repository.createQueryBuilder('e').select([]);
  columns.forEach((column, index) => select.addSelect(`e.${column.propertyPath}`, `c${index}`));
  const [sql] = select
    .where(`e.${metadata.primaryColumns[0].propertyPath} = :id`, { id: null })
    .getQueryAndParameters();
  return async (id) => {
    const [row] = (await manager.query(sql, [id])) as Record<string, unknown>[];
    if (!row) return null;
    const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
    columns.forEach((column, index) =>
      column.setEntityValue(entity, driver.prepareHydratedValue(row[`c${index}`], column)),
    );
    return entity;
  };
}
