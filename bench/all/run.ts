/**
 * `npm run bench`: every benchmark, one after another, and one table of their targets at the
 * end (path, Tandem, limit, ratio, target, PASS/FAIL, and the machine's load while it ran).
 * Each bench keeps its full report in dist/bench/logs/<name>.log; the console shows its steps
 * as they go. See bench/README.md. Never part of `npm test`.
 *
 * BENCH_ONLY=directory,sessions runs a subset. Exit code: 0 every row PASS, 1 a row FAIL or a
 * bench reported none, 2 a bench could not run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO } from '../directory/harness';
import { BenchRow, SUMMARY_FILE_ENV } from '../summary';

/** In the order they run: the heavier seeds last, so a Ctrl-C early still leaves figures. */
const BENCHES = [
  'directory',
  'creates',
  'sessions',
  'matches',
  'isolation',
  'dashboard',
  'reports',
  'reminders',
  'embedded',
] as const;

const DIST = join(REPO, 'dist', 'bench');
const LOGS = join(DIST, 'logs');

interface Outcome {
  bench: string;
  exitCode: number;
  seconds: number;
  /** 1-minute load average when it started and when it ended. */
  load: [number, number];
  rows: BenchRow[];
}

/** Runs one bench as a child process, its output to its log, its step lines to the console. */
function runBench(bench: string, summaryFile: string): Promise<Outcome> {
  const script = join(DIST, 'bench', bench, 'run.js');
  const log = join(LOGS, `${bench}.log`);
  const started = performance.now();
  const load0 = loadavg()[0];
  rmSync(summaryFile, { force: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: REPO,
      env: { ...process.env, [SUMMARY_FILE_ENV]: summaryFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let partial = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      // The numbered steps and the verdict: enough to see it move without the whole report.
      for (const line of lines) if (/^\[\d+\/\d+\]|^\S+ bench: |^error: |^next: /.test(line)) console.log(`  ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('close', (code, signal) => {
      writeFileSync(log, output);
      const rows = existsSync(summaryFile)
        ? readFileSync(summaryFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as BenchRow)
        : [];
      resolve({
        bench,
        exitCode: code ?? (signal ? 2 : 1),
        seconds: (performance.now() - started) / 1000,
        load: [load0, loadavg()[0]],
        rows,
      });
    });
  });
}

function table(outcomes: readonly Outcome[]): string[] {
  const header = ['path', 'Tandem', 'limit', 'ratio', 'target', '', 'load'];
  const body = outcomes.flatMap((outcome) => {
    const load = `${outcome.load[0].toFixed(2)}→${outcome.load[1].toFixed(2)}`;
    if (outcome.rows.length === 0) {
      const why = outcome.exitCode === 2 ? 'could not run' : 'reported no targets';
      return [[`${outcome.bench}: ${why} (see dist/bench/logs/${outcome.bench}.log)`, '', '', '', '', 'FAIL', load]];
    }
    return outcome.rows.map((row) => [
      row.path,
      row.tandem,
      row.limit,
      row.ratio,
      row.target,
      row.pass ? 'PASS' : 'FAIL',
      load,
    ]);
  });
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => cells[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

async function main(): Promise<number> {
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(BENCHES as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) {
    console.error(`error: no bench named ${unknown.join(', ')}\nnext: BENCH_ONLY takes some of ${BENCHES.join(', ')}`);
    return 2;
  }
  const chosen = BENCHES.filter((name) => !only || only.includes(name));
  const missing = chosen.filter((name) => !existsSync(join(DIST, 'bench', name, 'run.js')));
  if (missing.length > 0) {
    console.error(`error: ${missing.join(', ')} not built\nnext: run \`npm run bench\`, which builds them first`);
    return 2;
  }
  mkdirSync(LOGS, { recursive: true });
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  console.log(`Every benchmark, one after another — ${machine}; full reports in ${LOGS}`);
  const started = performance.now();
  const outcomes: Outcome[] = [];
  const summaryFile = join(DIST, 'summary.jsonl');
  for (const [i, bench] of chosen.entries()) {
    console.log(`\n(${i + 1}/${chosen.length}) ${bench} — load average ${loadavg()[0].toFixed(2)}`);
    const outcome = await runBench(bench, summaryFile);
    outcomes.push(outcome);
    const passed = outcome.rows.filter((row) => row.pass).length;
    console.log(
      `  ${bench}: ${passed} of ${outcome.rows.length} targets met, exit ${outcome.exitCode}, ${outcome.seconds.toFixed(0)} s`,
    );
  }
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  console.log(`\nResults, ${date} UTC, ${machine}\n`);
  for (const line of table(outcomes)) console.log(line);
  const rows = outcomes.flatMap((outcome) => outcome.rows);
  const missed = rows.filter((row) => !row.pass).length + outcomes.filter((o) => o.rows.length === 0).length;
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  console.log(
    `\nbench: ${missed === 0 ? 'PASS' : 'FAIL'} — ${rows.length - rows.filter((r) => !r.pass).length} of ${rows.length} targets met in ${outcomes.length} benches, ${minutes} min`,
  );
  if (outcomes.some((o) => o.exitCode === 2)) return 2;
  return missed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
