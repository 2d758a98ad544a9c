import { join } from 'node:path';
import { startThread, ThreadClient, ThreadGoneError } from '../../src/matching/thread-client';
import type { TestQuestion } from './fixtures/test-thread';

/** A client of the test thread (started from its TypeScript source, as every thread is under Jest). */
function client(timeoutMs = 10_000, onGone: (error: ThreadGoneError) => void = () => undefined) {
  const thread = new ThreadClient({
    start: () => startThread(join(__dirname, 'fixtures', 'test-thread')),
    timeoutMs,
    onGone,
  });
  return { thread, ask: (question: TestQuestion) => thread.ask(question) };
}

describe(ThreadClient.name, () => {
  let open: ThreadClient[] = [];
  const opened = (made: ReturnType<typeof client>) => {
    open.push(made.thread);
    return made;
  };
  afterEach(async () => {
    await Promise.all(open.map((thread) => thread.close()));
    open = [];
  });

  it('answers each question with what the thread answered, several at once', async () => {
    const { ask } = opened(client());
    await expect(Promise.all([1, 2, 3].map((value) => ask({ kind: 'echo', value: { value } })))).resolves.toEqual([
      { value: 1 },
      { value: 2 },
      { value: 3 },
    ]);
  });

  it('fails only the question whose answer threw, with its message, and keeps the thread', async () => {
    const { ask } = opened(client());
    const thread = await ask({ kind: 'thread' });
    await expect(ask({ kind: 'throw', message: 'no such pair' })).rejects.toThrow('no such pair');
    await expect(ask({ kind: 'thread' })).resolves.toBe(thread);
  });

  it('fails the questions waiting when the thread exits, says so, and starts a new thread for the next', async () => {
    const gone: ThreadGoneError[] = [];
    const { ask } = opened(client(10_000, (error) => gone.push(error)));
    const first = await ask({ kind: 'thread' });
    const waiting = ask({ kind: 'spin', ms: 50 });
    await expect(ask({ kind: 'exit', code: 3 })).rejects.toThrow(ThreadGoneError);
    // The question before the exit was answered; any after it would have failed, none waits for ever.
    await expect(waiting).resolves.toBe('done');
    expect(gone.map((error) => error.message)).toEqual(['the thread exited (code 3)']);
    const second = await ask({ kind: 'thread' });
    expect(second).not.toBe(first);
  });

  it('fails a question unanswered within the timeout and stops the thread, which is replaced', async () => {
    const gone: ThreadGoneError[] = [];
    // Long enough for a thread to start from its TypeScript source on a busy machine (the
    // replacement's first answer counts its start), far shorter than the spin.
    const { ask } = opened(client(2_000, (error) => gone.push(error)));
    const first = await ask({ kind: 'thread' });
    const stuck = expect(ask({ kind: 'spin', ms: 30_000 })).rejects.toThrow('the thread did not answer within 2000 ms');
    const behind = expect(ask({ kind: 'echo', value: 'behind it' })).rejects.toThrow(ThreadGoneError);
    await Promise.all([stuck, behind]);
    expect(gone).toHaveLength(1);
    await expect(ask({ kind: 'thread' })).resolves.not.toBe(first);
  });

  it('fails the question when the thread cannot start', async () => {
    const gone: ThreadGoneError[] = [];
    const thread = new ThreadClient({
      start: () => startThread(join(__dirname, 'fixtures', 'no-such-thread')),
      timeoutMs: 10_000,
      onGone: (error) => gone.push(error),
    });
    open.push(thread);
    await expect(thread.ask({ kind: 'thread' })).rejects.toThrow(/the thread failed: Cannot find module/);
    expect(gone).toHaveLength(1);
  });

  it('on close, fails the questions waiting and every later one, and ends the thread', async () => {
    const { thread, ask } = client();
    await ask({ kind: 'thread' });
    const waiting = expect(ask({ kind: 'spin', ms: 2_000 })).rejects.toThrow('the thread is closed');
    await thread.close();
    await waiting;
    await expect(ask({ kind: 'thread' })).rejects.toThrow('the thread is closed');
  });
});
