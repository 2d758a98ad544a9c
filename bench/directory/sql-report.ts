/** What sql-counter.ts (preloaded into Tandem) reports, shared with the benchmark. */
export const SQL_REPORT_PREFIX = '@@tandem-bench-sql ';

export interface SeenStatement {
  sql: string;
  /** The parameters of the last call, to replay the statement (EXPLAIN, the baseline). */
  values: unknown[];
  calls: number;
}

export function parseSqlReport(line: string): SeenStatement[] {
  return JSON.parse(line.slice(SQL_REPORT_PREFIX.length)) as SeenStatement[];
}
