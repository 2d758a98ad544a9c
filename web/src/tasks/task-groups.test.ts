import { describe, expect, it } from 'vitest';
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
      ['Due in the next 7 days', ['Send the spring schedule', 'Order snacks']],
      ['Later', ['Review the partnership', 'Plan the summer program']],
      ['Done', ['Print invitations']],
    ]);
  });

  it('counts a task due earlier today as overdue, and one due at 23:59 tonight as today', () => {
    const groups = groupTasks(
      [task('Morning call', at(0, 8)), task('Late email', at(0, 23, 59)), task('Tomorrow first thing', at(1, 0, 0))],
      NOW,
    );
    expect(shape(groups)).toEqual([
      ['Overdue', ['Morning call']],
      ['Due today', ['Late email']],
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
