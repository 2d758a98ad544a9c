import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/database/free-port';
import { eventually, GiveUp } from './eventually';
import { runLogFile } from './test-env';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface TandemProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Sends SIGTERM (or `signal`) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function appendToRunLog(output: string): void {
  const lines = output.split('\n').filter((line) => line.startsWith('{'));
  if (lines.length > 0 && process.env.TANDEM_TEST_RUN) appendFileSync(runLogFile(), `${lines.join('\n')}\n`);
}

/**
 * Runs the built app (`node dist/src/main.js`, as `npm start` does) in a child process with
 * exactly the given environment. Waits until it serves /api/v1/health, or for `readyLine`
 * in its output when it serves no HTTP (the worker). `detached` gives it a process group of
 * its own (as a terminal would), so that `process.kill(-child.pid, signal)` reaches the whole
 * group and nothing else.
 */
export async function startTandem(
  env: Record<string, string>,
  options: { readyLine?: RegExp; timeoutMs?: number; cwd?: string; detached?: boolean } = {},
): Promise<TandemProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [MAIN], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Its JSON log lines join the run's log, which the global teardown scans for personal data.
  child.once('close', () => appendToRunLog(output));
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    await eventually(
      options.readyLine ? `Tandem to log ${options.readyLine}` : `Tandem to serve ${url}/api/v1/health`,
      async () => {
        if (child.exitCode !== null) throw new GiveUp(`Tandem exited with ${child.exitCode}:\n${output}`);
        if (options.readyLine) return options.readyLine.test(output);
        return fetch(`${url}/api/v1/health`)
          .then((r) => r.status < 500)
          .catch(() => false);
      },
      { timeoutMs, intervalMs: 50 },
    );
  } catch (error) {
    if (error instanceof GiveUp) throw error;
    child.kill('SIGKILL');
    throw new Error(`Tandem did not become ready: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
