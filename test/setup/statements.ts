import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * What `work` resolves to, and the statements it sent through TypeORM's query runners: each
 * with its whitespace folded, cut to its first `width` characters (enough to tell them apart).
 */
export async function statementsOf<T>(work: () => Promise<T>, width = 40): Promise<{ result: T; sent: string[] }> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    const result = await work();
    return { result, sent: spy.mock.calls.map(([sql]) => sql.replace(/\s+/g, ' ').slice(0, width)) };
  } finally {
    spy.mockRestore();
  }
}
