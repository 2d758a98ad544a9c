import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a read-side query runs on: the data source, or the EntityManager of a transaction when a
 * writer needs the read to see its own state.
 */
export type Queryable = Pick<DataSource | EntityManager, 'query'>;
