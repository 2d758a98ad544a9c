/**
 * The rows a bench contributes to `npm run bench`'s one table (bench/all/run.ts). Each bench
 * still prints its own report; this adds its verdict rows in one shape. Run alone, a bench
 * only prints them; run by bench/all, it also appends them as JSON lines to the file named by
 * BENCH_SUMMARY_FILE, which bench/all reads back when the bench has ended.
 */
import { appendFileSync } from 'node:fs';

export interface BenchRow {
  /** What was measured, e.g. "GET /api/v1/organizations (first page, 50k)". */
  path: string;
  /** Tandem's figure, with its unit ("8.4 ms", "612 req/s"). */
  tandem: string;
  /** What it is compared with: the bare server's figure or the same route at the smaller size; "" for an absolute target. */
  limit: string;
  /** Tandem ÷ limit ("1.17×"), or "" for an absolute target. */
  ratio: string;
  /** The target, as written ("≤ 1.3×", "≤ 50 ms"). */
  target: string;
  pass: boolean;
}

export const SUMMARY_FILE_ENV = 'BENCH_SUMMARY_FILE';

/** Prints the rows under a heading and, under bench/all, hands them over. */
export function reportRows(bench: string, rows: readonly BenchRow[]): void {
  console.log(`\n${bench}: ${rows.filter((row) => row.pass).length} of ${rows.length} targets met`);
  for (const row of rows) {
    const against = row.limit ? ` vs ${row.limit} = ${row.ratio}` : '';
    console.log(`  ${row.pass ? 'PASS' : 'FAIL'}  ${row.path}: ${row.tandem}${against} (target ${row.target})`);
  }
  const file = process.env[SUMMARY_FILE_ENV];
  if (file) appendFileSync(file, rows.map((row) => JSON.stringify({ bench, ...row })).join('\n') + '\n');
}

/** "1.17×" — the ratio as every row writes it. */
export const times = (value: number, limit: number): string => `${(value / limit).toFixed(2)}×`;

/** Checks that carry their figure and target in their name (correctness, older benches), as rows. */
export const checkRows = (checks: ReadonlyArray<{ name: string; pass: boolean }>): BenchRow[] =>
  checks.map((check) => ({ path: check.name, tandem: '', limit: '', ratio: '', target: 'as named', pass: check.pass }));
