import { describe, expect, it } from 'vitest';
import {
  fromLocalInput,
  toLocalInput,
  triggerOf,
  validateReminderForm,
  type ReminderFormValues,
} from './reminder-form';

const base: ReminderFormValues = {
  kind: 'once',
  programId: null,
  taskId: null,
  at: '',
  amount: '4',
  unit: 'hours',
  direction: 'before',
  title: 'Call the shelter',
  message: '',
  recipientIds: ['me'],
  recipientContactIds: [],
  contactOrganizationId: null,
  active: true,
};
const ZONE = 'America/Chicago';
const NOW = new Date('2026-12-07T15:00:00Z');

describe('local date-times in the person’s zone', () => {
  it('round-trips an instant through the datetime-local value, across a DST change', () => {
    expect(toLocalInput('2026-12-08T15:30:00Z', ZONE)).toBe('2026-12-08T09:30');
    expect(fromLocalInput('2026-12-08T09:30', ZONE)).toBe('2026-12-08T15:30:00Z');
    expect(fromLocalInput('2027-03-15T09:30', ZONE)).toBe('2027-03-15T14:30:00Z');
    expect(fromLocalInput('', ZONE)).toBeNull();
    expect(fromLocalInput('tomorrow', ZONE)).toBeNull();
  });
});

describe('triggerOf', () => {
  it('builds each kind of trigger, and nothing while the form is incomplete', () => {
    expect(triggerOf({ ...base, at: '2026-12-08T09:30' }, ZONE)).toEqual({ type: 'once', at: '2026-12-08T15:30:00Z' });
    expect(triggerOf({ ...base, kind: 'task-due', taskId: 't1', amount: '1', unit: 'days' }, ZONE)).toEqual({
      type: 'task-due',
      taskId: 't1',
      offsetMinutes: -1440,
    });
    expect(
      triggerOf({ ...base, kind: 'session', programId: 'p1', direction: 'after', amount: '30', unit: 'minutes' }, ZONE),
    ).toEqual({
      type: 'session',
      programId: 'p1',
      offsetMinutes: 30,
    });
    expect(triggerOf({ ...base, kind: 'session' }, ZONE)).toBeNull();
    expect(triggerOf({ ...base, kind: 'task-due', taskId: 't1', amount: '' }, ZONE)).toBeNull();
  });
});

describe('validateReminderForm', () => {
  it('asks for a title, a future time, what it follows, a whole amount within 30 days and someone to email', () => {
    expect(validateReminderForm({ ...base, title: ' ', at: '2026-12-07T08:00', recipientIds: [] }, ZONE, NOW)).toEqual({
      title: 'Enter a title (it is the email’s subject)',
      at: 'Pick a time that has not passed yet',
      recipientIds: 'Choose at least one person to email',
    });
    expect(validateReminderForm({ ...base, kind: 'task-due', amount: '31', unit: 'days' }, ZONE, NOW)).toEqual({
      taskId: 'Choose the task',
      amount: 'Enter a number no bigger than 30 days.',
    });
    expect(validateReminderForm({ ...base, kind: 'session', programId: 'p', amount: '1.5' }, ZONE, NOW)).toEqual({
      amount: 'Enter a whole number, without decimals.',
    });
    expect(validateReminderForm({ ...base, at: '2026-12-08T09:30' }, ZONE, NOW)).toEqual({});
  });

  it.each([
    ['-1', 'minutes', 'How long can’t be below 0. Enter 0 or more minutes.'],
    ['1.5', 'hours', 'Enter a whole number, without decimals.'],
    ['99999', 'minutes', 'Enter a number no bigger than 43,200 minutes.'],
    ['721', 'hours', 'Enter a number no bigger than 720 hours.'],
    ['', 'hours', 'Enter how long before or after'],
  ] as const)('refuses %j %s for "How long" with a message, and builds no trigger from it', (amount, unit, message) => {
    const values = { ...base, kind: 'session' as const, programId: 'p', amount, unit };
    expect(validateReminderForm(values, ZONE, NOW)).toEqual({ amount: message });
    expect(triggerOf(values, ZONE)).toBeNull();
  });
});
