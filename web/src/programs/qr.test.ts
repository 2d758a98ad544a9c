import { describe, expect, it } from 'vitest';
import { create } from 'qrcode';
import { QUIET_ZONE, qrSvgPath } from './qr';

const URL = 'https://tandem.library.org/feedback/3q2xK9pL0vYb7TzR4mNc8A';

describe('qrSvgPath', () => {
  it('draws one square per dark module, inside a quiet zone', () => {
    const { modules } = create(URL, { errorCorrectionLevel: 'M' });
    const { size, path } = qrSvgPath(URL);
    expect(size).toBe(modules.size + 2 * QUIET_ZONE);
    const squares = [...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map(([, x, y]) => [Number(x), Number(y)]);
    expect(squares.length).toBe([...modules.data].filter(Boolean).length);
    expect(Math.min(...squares.flat())).toBe(QUIET_ZONE);
    expect(Math.max(...squares.flat())).toBe(size - QUIET_ZONE - 1);
  });

  it('puts the finder patterns in three corners (a scanner’s first look)', () => {
    const { size, path } = qrSvgPath(URL);
    const dark = new Set([...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map(([, x, y]) => `${x},${y}`));
    const finderAt = (x: number, y: number) =>
      [0, 1, 2, 3, 4, 5, 6].every(
        (i) =>
          dark.has(`${x + i},${y}`) &&
          dark.has(`${x + i},${y + 6}`) &&
          dark.has(`${x},${y + i}`) &&
          dark.has(`${x + 6},${y + i}`),
      ) &&
      !dark.has(`${x + 1},${y + 1}`) &&
      dark.has(`${x + 3},${y + 3}`);
    const far = size - QUIET_ZONE - 7;
    expect([
      finderAt(QUIET_ZONE, QUIET_ZONE),
      finderAt(far, QUIET_ZONE),
      finderAt(QUIET_ZONE, far),
      finderAt(far, far),
    ]).toEqual([true, true, true, false]);
  });
});
