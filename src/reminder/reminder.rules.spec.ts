import { ReminderTriggerType } from './reminder.entity';
import { atChanged, atProblem, triggerColumns } from './reminder.rules';

const PROGRAM = '6f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
const TASK = '7a1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
const NOW = new Date('2026-03-04T10:00:00Z');

describe('triggerColumns', () => {
  it('keeps the fields of a session trigger and nulls the rest', () => {
    expect(triggerColumns({ type: ReminderTriggerType.Session, programId: PROGRAM, offsetMinutes: -60 })).toEqual({
      columns: { triggerType: 'session', programId: PROGRAM, taskId: null, offsetMinutes: -60, at: null },
      errors: [],
    });
  });

  it("turns a once trigger's at into a Date", () => {
    const { columns, errors } = triggerColumns({ type: ReminderTriggerType.Once, at: '2026-03-05T09:00:00+01:00' });
    expect(errors).toEqual([]);
    expect(columns.at?.toISOString()).toBe('2026-03-05T08:00:00.000Z');
  });

  it('names each missing field of the type', () => {
    expect(triggerColumns({ type: ReminderTriggerType.TaskDue }).errors).toEqual([
      { field: 'trigger.taskId', message: 'is required for a task-due trigger' },
      { field: 'trigger.offsetMinutes', message: 'is required for a task-due trigger' },
    ]);
  });

  it('names each field of another type that was given', () => {
    const { errors } = triggerColumns({
      type: ReminderTriggerType.Once,
      at: '2026-03-05T09:00:00Z',
      programId: PROGRAM,
      taskId: TASK,
      offsetMinutes: 0,
    });
    expect(errors.map((e) => e.field)).toEqual(['trigger.programId', 'trigger.taskId', 'trigger.offsetMinutes']);
  });

  it('treats null as left out', () => {
    expect(
      triggerColumns({
        type: ReminderTriggerType.Session,
        programId: PROGRAM,
        offsetMinutes: 0,
        at: null,
        taskId: null,
      }).errors,
    ).toEqual([]);
    expect(triggerColumns({ type: ReminderTriggerType.Session, programId: null, offsetMinutes: 0 }).errors).toEqual([
      { field: 'trigger.programId', message: 'is required for a session trigger' },
    ]);
  });
});

describe('atProblem', () => {
  it('allows a time up to a minute ago', () => {
    expect(atProblem(new Date(NOW.getTime() - 59_000), NOW)).toBeNull();
  });

  it('refuses a time more than a minute ago', () => {
    expect(atProblem(new Date(NOW.getTime() - 61_000), NOW)).toBe('must not be in the past');
  });

  it('refuses a time more than 5 years ahead', () => {
    expect(atProblem(new Date('2031-03-04T10:00:00Z'), NOW)).toBeNull();
    expect(atProblem(new Date('2031-03-04T10:00:01Z'), NOW)).toBe('must not be more than 5 years ahead');
  });
});

describe('atChanged', () => {
  const once = (at: string) => ({
    triggerType: ReminderTriggerType.Once,
    programId: null,
    taskId: null,
    offsetMinutes: null,
    at: new Date(at),
  });
  const session = {
    triggerType: ReminderTriggerType.Session,
    programId: PROGRAM,
    taskId: null,
    offsetMinutes: 0,
    at: null,
  };

  it('is true for a new once trigger and for a moved time', () => {
    expect(atChanged(null, once('2026-03-05T09:00:00Z'))).toBe(true);
    expect(atChanged(session, once('2026-03-05T09:00:00Z'))).toBe(true);
    expect(atChanged(once('2026-03-05T09:00:00Z'), once('2026-03-05T09:01:00Z'))).toBe(true);
  });

  it('is false for the same time given again, and for other types', () => {
    expect(atChanged(once('2026-03-05T09:00:00Z'), once('2026-03-05T10:00:00+01:00'))).toBe(false);
    expect(atChanged(once('2026-03-05T09:00:00Z'), session)).toBe(false);
  });
});
