import fc from 'fast-check';
import request from 'supertest';
import { UNSTORABLE_TEXT_MESSAGE } from '../../src/common/pipes/validation';
import type { TestApp } from './test-app';

/**
 * Characters PostgreSQL cannot store as text (22021; 22P05 in jsonb): NUL, and UTF-16
 * surrogates without their pair — the first and last high and low ones. supertest sends a
 * body as JSON.stringify writes it, so a lone surrogate travels as the escape `"\ud800"` and
 * arrives unpaired, as from a hostile client.
 */
export const UNSTORABLE_CHARACTERS = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff'] as const;

/** Ordinary text with one NUL or lone surrogate somewhere in it. */
export const unstorableText = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...UNSTORABLE_CHARACTERS), fc.string({ maxLength: 12 }))
    .map(([before, bad, after]) => `${before}${bad}${after}`);

/** The one field error every such input gets. */
export const unstorableTextError = (field: string) => ({ field, message: UNSTORABLE_TEXT_MESSAGE });

/** A copy of `body` with `value` at a dotted path (`fit.notes`, `tags.0`), creating what is missing. */
export function withValueAt(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  keys.slice(0, -1).forEach((key, index) => {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys.at(-1)!] = value;
  return copy;
}

export interface UnstorableTextCase {
  /** Shown when a run fails. */
  name: string;
  verb: 'post' | 'patch';
  path: () => string;
  /** A body the route accepts (read fresh for each run: versions move on). */
  valid: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Every text field of the body, dotted for nested ones. */
  fields: readonly string[];
  headers?: () => Record<string, string>;
}

/**
 * For each text field of each case: a valid body with that field replaced by text holding a NUL
 * or a lone surrogate (both always, plus `randomRuns` drawn by fast-check) is a 400 problem
 * naming exactly that field, and `snapshot` (the tables the route writes) does not change. The
 * failure this guards against: the value reached PostgreSQL and the answer was a 500.
 */
export async function assertUnstorableTextRefused(
  t: TestApp,
  cases: readonly UnstorableTextCase[],
  snapshot: () => Promise<unknown>,
  randomRuns = 1,
): Promise<void> {
  for (const entry of cases) {
    for (const field of entry.fields) {
      await fc.assert(
        fc.asyncProperty(unstorableText(), async (bad) => {
          const before = await snapshot();
          const body = withValueAt(await entry.valid(), field, bad);
          const response = await request(t.http)
            [entry.verb](entry.path())
            .set(entry.headers?.() ?? {})
            .send(body);
          expect({ case: entry.name, field, status: response.status }).toEqual({
            case: entry.name,
            field,
            status: 400,
          });
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.body.errors).toEqual([unstorableTextError(field)]);
          expect(await snapshot()).toEqual(before);
        }),
        { numRuns: randomRuns, examples: [['Nul \u0000 inside'], ['lone \ud800 high']] },
      );
    }
  }
}
