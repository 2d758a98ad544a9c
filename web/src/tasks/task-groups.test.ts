import { afterEach, describe, expect, it } from 'vitest';
import { setDisplayZone } from '../common/format';
import { createTaskBody, newTaskValues, taskFormValues } from './task-form';
import { defaultDue, groupTasks, isOverdue, withLocalChanges, type Task } from './task-groups';
import { parseTasksSearch, toTaskQuery } from './tasks-search';

const ME = '11111111-1111-4111-8111-111111111111';
// Wednesday 4 March 2026, 10:00 in the reader's zone.
const NOW = new Date(2026, 2, 4, 10, 0, 0);
const at = (days: number, hours = 10, minutes = 0) => new Date(2026, 2, 4 + days, hours, minutes).toISOString();

let next = 0;
function task(title: string, dueAt: string, overrides: Partial<Task> = {}): Task {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    version: 1,
    title,
    dueAt,
    assigneeId: ME,
    organizationId: null,
    programId: null,
    visitId: null,
    status: 'open',
    completedAt: null,
    createdAt: at(-30),
    updatedAt: at(-30),
    ...overrides,
  };
}

const shape = (groups: ReturnType<typeof groupTasks>) =>
  groups.map((group) => [group.label, group.tasks.map((t) => t.title)]);

describe('isOverdue', () => {
  it('is open and due before now, as the API counts it; due this very moment is not yet overdue', () => {
    expect(isOverdue(task('a', at(0, 9, 59)), NOW)).toBe(true);
    expect(isOverdue(task('b', NOW.toISOString()), NOW)).toBe(false);
    expect(isOverdue(task('c', at(-3), { status: 'done' }), NOW)).toBe(false);
  });
});

describe('groupTasks', () => {
  it('puts overdue first (longest overdue on top), then today, the next 7 days, later, and done last', () => {
    const groups = groupTasks(
      [
        task('Send the spring schedule', at(1)),
        task('Book the meeting room', at(0, 17)),
        task('Call the shelter back', at(-1)),
        task('Thank the food bank', at(-14)),
        task('Plan the summer program', at(30)),
        task('Print invitations', at(-2), { status: 'done' }),
        task('Order snacks', at(6, 23, 59)),
        task('Review the partnership', at(7, 10, 0)),
      ],
      NOW,
    );
    expect(shape(groups)).toEqual([
      ['Overdue', ['Thank the food bank', 'Call the shelter back']],
      ['Due today', ['Book the meeting room']],
      // The next 7 days are the next 7 calendar days, through the end of the 7th.
      ['Due in the next 7 days', ['Send the spring schedule', 'Order snacks', 'Review the partnership']],
      ['Later', ['Plan the summer program']],
      ['Done', ['Print invitations']],
    ]);
  });

  it('counts a task due earlier today as overdue, and one due at 23:59 or by the end of today (midnight) as today', () => {
    const groups = groupTasks(
      [
        task('Morning call', at(0, 8)),
        task('Late email', at(0, 23, 59)),
        task('By the end of today', at(1, 0, 0)),
        task('Tomorrow first thing', at(1, 0, 1)),
      ],
      NOW,
    );
    expect(shape(groups)).toEqual([
      ['Overdue', ['Morning call']],
      ['Due today', ['Late email', 'By the end of today']],
      ['Due in the next 7 days', ['Tomorrow first thing']],
    ]);
  });

  it('leaves out empty groups and returns nothing for no tasks', () => {
    expect(groupTasks([], NOW)).toEqual([]);
    expect(shape(groupTasks([task('Only one', at(3))], NOW))).toEqual([['Due in the next 7 days', ['Only one']]]);
  });

  it('keeps a stable order for tasks due at the same moment, and lists a task only once', () => {
    const same = at(-1);
    const b = task('B task', same);
    const groups = groupTasks([b, task('A task', same), b], NOW);
    expect(shape(groups)).toEqual([['Overdue', ['A task', 'B task']]]);
  });
});

describe('withLocalChanges: a task ticked here stays in view', () => {
  it('shows the newer local copy in place, and keeps it after the reloaded list no longer has it', () => {
    const open = task('Call back', at(-1));
    const done = { ...open, status: 'done' as const, version: 2, completedAt: NOW.toISOString() };
    const other = task('Other', at(2));
    const changed = new Map([[done.id, done]]);

    expect(withLocalChanges([open, other], changed)).toEqual([done, other]);
    // The open-tasks list reloads without it: it is still shown, now under "Done".
    expect(shape(groupTasks(withLocalChanges([other], changed), NOW))).toEqual([
      ['Due in the next 7 days', ['Other']],
      ['Done', ['Call back']],
    ]);
  });

  it('prefers the server copy when it is newer than the local one (someone changed it since)', () => {
    const mine = task('Call back', at(-1), { status: 'done', version: 2 });
    const theirs = { ...mine, status: 'open' as const, version: 3, title: 'Call back (moved)' };
    expect(withLocalChanges([theirs], new Map([[mine.id, mine]]))).toEqual([theirs]);
  });
});

describe("grouping by the library's calendar, not the reader's", () => {
  afterEach(() => setDisplayZone(undefined));
  const ids = (groups: ReturnType<typeof groupTasks>) =>
    groups.map((group) => [group.key, group.tasks.map((t) => t.title)]);

  it('uses Los Angeles days for a reader in UTC: late evening there is already tomorrow here', () => {
    // 06:00 UTC on 7 December is 22:00 on the 6th in Los Angeles (UTC−8).
    const now = new Date('2026-12-07T06:00:00Z');
    const tasks = [
      task('Call before bed', '2026-12-07T07:30:00.000Z'), // 23:30 on the 6th there
      task('Due by the end of the 6th (date only)', '2026-12-07T08:00:00.000Z'), // LA midnight ending the 6th
      task('First thing on the 7th', '2026-12-07T09:00:00.000Z'), // 01:00 on the 7th there: tomorrow
      task('End of the 13th (date only)', '2026-12-14T08:00:00.000Z'),
      task('The 14th', '2026-12-14T09:00:00.000Z'),
    ];
    // In UTC all three are the 7th, and the 14th is the 7th day on.
    expect(ids(groupTasks(tasks, now))).toEqual([
      ['today', ['Call before bed', 'Due by the end of the 6th (date only)', 'First thing on the 7th']],
      ['week', ['End of the 13th (date only)', 'The 14th']],
    ]);
    setDisplayZone('America/Los_Angeles');
    expect(ids(groupTasks(tasks, now))).toEqual([
      ['today', ['Call before bed', 'Due by the end of the 6th (date only)']],
      ['week', ['First thing on the 7th', 'End of the 13th (date only)']],
      ['later', ['The 14th']],
    ]);
  });

  it('uses Auckland days: its today began 13 hours before UTC’s', () => {
    setDisplayZone('Pacific/Auckland');
    // 20:00 UTC on 7 December is 09:00 on the 8th in Auckland (UTC+13).
    const now = new Date('2026-12-07T20:00:00Z');
    const tasks = [
      task('Yesterday evening there', '2026-12-07T09:00:00.000Z'),
      task('Tonight there', '2026-12-08T10:30:00.000Z'), // 23:30 on the 8th
      task('Tomorrow there', '2026-12-08T11:30:00.000Z'), // 00:30 on the 9th
    ];
    expect(ids(groupTasks(tasks, now))).toEqual([
      ['overdue', ['Yesterday evening there']],
      ['today', ['Tonight there']],
      ['week', ['Tomorrow there']],
    ]);
  });

  it("defaults a new follow-up to tomorrow 09:00 library time, and the form reads and writes the library's time", () => {
    setDisplayZone('Pacific/Auckland');
    const now = new Date('2026-12-07T20:00:00Z'); // the 8th in Auckland
    expect(defaultDue(now).toISOString()).toBe('2026-12-08T20:00:00.000Z'); // the 9th, 09:00 NZDT
    const values = newTaskValues({ userId: ME, now });
    expect(values.due).toBe('2026-12-09T09:00');
    expect(createTaskBody({ ...values, title: 'Call back' }).dueAt).toBe('2026-12-08T20:00:00.000Z');

    setDisplayZone('America/Los_Angeles');
    // The day Los Angeles springs forward: 09:00 is PDT (UTC−7).
    expect(defaultDue(new Date('2026-03-07T20:00:00Z')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(taskFormValues(task('Date only', '2026-12-08T08:00:00.000Z')).due).toBe('2026-12-08T00:00');
  });
});

describe('defaultDue', () => {
  it('is tomorrow at 09:00 local time, also across the end of a month', () => {
    expect(defaultDue(NOW)).toEqual(new Date(2026, 2, 5, 9, 0));
    expect(defaultDue(new Date(2026, 2, 31, 23, 30))).toEqual(new Date(2026, 3, 1, 9, 0));
  });
});

describe('tasks views', () => {
  it('shows anyone their own open tasks, soonest due first', () => {
    expect(toTaskQuery({}, ME, false)).toEqual({ assigneeId: ME, status: 'open', sort: 'dueAt', limit: 100 });
    expect(toTaskQuery({ status: 'done' }, ME, false)).toEqual({
      assigneeId: ME,
      status: 'done',
      sort: '-dueAt',
      limit: 100,
    });
  });

  it('gives managers everyone’s overdue and open tasks', () => {
    expect(toTaskQuery({ view: 'overdue', status: 'done' }, ME, true)).toEqual({
      overdue: true,
      sort: 'dueAt',
      limit: 100,
    });
    expect(toTaskQuery({ view: 'all' }, ME, true)).toEqual({ status: 'open', sort: 'dueAt', limit: 100 });
  });

  it('keeps staff on their own tasks whatever the link says', () => {
    expect(toTaskQuery(parseTasksSearch({ view: 'all' }), ME, false)).toEqual({
      assigneeId: ME,
      status: 'open',
      sort: 'dueAt',
      limit: 100,
    });
    expect(parseTasksSearch({ view: 'everything', status: 'archived' })).toEqual({});
  });
});
