import type { Goal } from './goal-types';

/** Ids the goal tests share. */
export const TEENS = '0aaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const SHELTER = '0bbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const DROP_IN = '0ccccccc-cccc-4ccc-8ccc-cccccccccccc';

/** A current goal, on track: 412 of 600 attendees at sessions, 380 expected by now, the whole library. */
export function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: crypto.randomUUID(),
    version: 1,
    title: 'Teens at our sessions',
    metric: 'attendance',
    target: 600,
    from: '2026-07-01',
    to: '2027-06-30',
    audienceId: null,
    programId: null,
    organizationId: null,
    scope: { type: 'library', id: null, name: null },
    progress: { value: 412, ratio: 0.687, expectedByNow: 380, onTrack: true, status: 'on-track' },
    asOf: '2026-12-07',
    createdAt: '2026-07-01T10:00:00.000Z',
    updatedAt: '2026-07-01T10:00:00.000Z',
    ...overrides,
  };
}
