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

export const MEMORY_REPORT_PREFIX = '@@tandem-bench-memory ';

/** Bytes: the resident set, V8's heap spaces (reserved size by name), memory outside the heap. */
export interface MemoryReport {
  rss: number;
  external: number;
  arrayBuffers: number;
  heap: Record<string, number>;
}
