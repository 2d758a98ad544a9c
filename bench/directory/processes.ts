import { ChildProcess, spawn } from 'node:child_process';

/** A child process whose output is kept (the last 200 kB) for error messages and reports. */
export interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves with each stderr/stdout line that starts with `prefix`, in order. */
  nextLine(prefix: string, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 200_000;

export function startChild(command: string, args: string[], env: Record<string, string>, cwd: string): Child {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let partial = '';
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-OUTPUT_LIMIT);
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    waiters.splice(0).forEach((wake) => wake());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => waiters.splice(0).forEach((wake) => wake()));
  let scanned = 0;

  return {
    process: child,
    output: () => output,
    async nextLine(prefix, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (scanned < lines.length) {
          const line = lines[scanned++];
          if (line.startsWith(prefix)) return line;
        }
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the process exited (${child.exitCode ?? child.signalCode})`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${prefix.trim()}" line within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last `count` lines of a process's output, indented, for an error message. */
export function tail(output: string, count = 15): string {
  return output
    .trimEnd()
    .split('\n')
    .slice(-count)
    .map((line) => `    ${line}`)
    .join('\n');
}
