import { extname } from 'node:path';
import { MessagePort, Worker } from 'node:worker_threads';

/**
 * Questions to a `node:worker_threads` thread and its answers, one promise per question, for work
 * that would hold the main event loop too long (the matching ranking). The thread is started on
 * the first question and again after it ended; a thread that crashes, exits or takes longer than
 * `timeoutMs` fails the questions it had with ThreadGoneError, never leaving one waiting. While no
 * question waits the thread is unref'd, so it never keeps a process alive by itself.
 */

interface Envelope {
  id: number;
  question: unknown;
}

type Reply = { id: number; ok: true; answer: unknown } | { id: number; ok: false; message: string; stack?: string };

/** The thread ended (crashed, exited, was stopped for taking too long, or closed) before it answered. */
export class ThreadGoneError extends Error {}

/** The thread's side: answers each question with `answer`; what it throws fails that question only. */
export function serveThread(port: MessagePort, answer: (question: unknown) => unknown): void {
  port.on('message', ({ id, question }: Envelope) => {
    let reply: Reply;
    try {
      reply = { id, ok: true, answer: answer(question) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id, ok: false, message: e.message, stack: e.stack };
    }
    port.postMessage(reply);
  });
}

export interface ThreadClientOptions {
  /** Starts the thread: on the first question, and on the next one after a thread ended. */
  start: () => Worker;
  /** A question unanswered this long stops the thread (nothing else stops synchronous work) and fails. */
  timeoutMs: number;
  /** Told when a thread ends with questions waiting or unasked, with why. */
  onGone?: (error: ThreadGoneError) => void;
}

interface Waiting {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class ThreadClient {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ThreadClientOptions) {}

  /** The thread's answer; rejects with ThreadGoneError if it ends first, or with what the thread threw. */
  ask(question: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new ThreadGoneError('the thread is closed'));
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.gone(worker, new ThreadGoneError(`the thread did not answer within ${this.options.timeoutMs} ms`));
        void worker.terminate();
      }, this.options.timeoutMs);
      timer.unref();
      this.waiting.set(id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage({ id, question } satisfies Envelope);
    });
  }

  /** Stops the thread; questions waiting fail, later ones too. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    this.gone(worker, new ThreadGoneError('the thread is closed'), false);
    await worker.terminate();
  }

  private spawn(): Worker {
    const worker = this.options.start();
    worker.on('message', (reply: Reply) => this.settle(worker, reply));
    worker.on('error', (error) => this.gone(worker, new ThreadGoneError(`the thread failed: ${error.message}`)));
    worker.on('exit', (code) => this.gone(worker, new ThreadGoneError(`the thread exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    clearTimeout(waiting.timer);
    if (this.waiting.size === 0) worker.unref();
    if (reply.ok) {
      waiting.resolve(reply.answer);
    } else {
      const error = new Error(reply.message);
      error.stack = reply.stack;
      waiting.reject(error);
    }
  }

  /** The thread is done for (once per thread): every question it had fails; the next question starts another. */
  private gone(worker: Worker, error: ThreadGoneError, tell = true): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.waiting.clear();
    if (tell) this.options.onGone?.(error);
  }
}

/**
 * Run from the TypeScript sources (the tests: @swc/jest compiles into Jest's module registry,
 * which a thread does not share), a thread cannot load a .ts entry; it starts from this bootstrap
 * instead, which compiles every .ts file the thread requires with @swc/core (a dev dependency:
 * present wherever the sources are; the build runs the compiled .js).
 */
const TS_BOOTSTRAP = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(workerData.swc);
require.extensions['.ts'] = (module, filename) => {
  const options = {
    filename,
    swcrc: false,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
    module: { type: 'commonjs' },
  };
  module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename);
};
require(workerData.entry);
`;

/** A thread running `entry` (a path without its extension, next to this file): the .js built, or the .ts source. */
export function startThread(entry: string): Worker {
  const extension = extname(__filename);
  if (extension !== '.ts') return new Worker(`${entry}${extension}`);
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    workerData: { entry: `${entry}.ts`, swc: require.resolve('@swc/core') },
  });
}
