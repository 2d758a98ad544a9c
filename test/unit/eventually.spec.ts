import { eventually, GiveUp } from '../setup/eventually';

describe('eventually', () => {
  it('resolves with what the probe returned once it passes (a condition, an assertion or a lookup)', async () => {
    let tries = 0;
    await expect(eventually('the third try', () => ++tries >= 3, { intervalMs: 1 })).resolves.toBe(true);
    expect(tries).toBe(3);

    let count = 0;
    await expect(
      eventually(
        'count to reach 2',
        () => {
          count += 1;
          expect(count).toBe(2);
        },
        { intervalMs: 1 },
      ),
    ).resolves.toBeUndefined();

    const rows: string[] = [];
    setTimeout(() => rows.push('sent'), 5);
    await expect(eventually('a row', async () => rows[0] ?? false, { intervalMs: 1 })).resolves.toBe('sent');
  });

  it('times out naming what was awaited and the last failure', async () => {
    let tries = 0;
    await expect(
      eventually(
        'the delivery to be sent',
        () => {
          tries += 1;
          throw new Error(`still scheduled (try ${tries})`);
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(
      new RegExp(
        `^Timed out after 30 ms \\(\\d+ tries\\) waiting for the delivery to be sent; last failure: still scheduled \\(try ${'\\d+'}\\)$`,
      ),
    );
    expect(tries).toBeGreaterThan(1);
    await expect(eventually('nothing', () => false, { timeoutMs: 10, intervalMs: 5 })).rejects.toThrow(
      /waiting for nothing; last failure: the condition was false$/,
    );
  });

  it('stops at once on GiveUp', async () => {
    let tries = 0;
    const error = new GiveUp('the process exited');
    await expect(
      eventually(
        'a process to be ready',
        () => {
          tries += 1;
          throw error;
        },
        { timeoutMs: 5000 },
      ),
    ).rejects.toBe(error);
    expect(tries).toBe(1);
  });
});
