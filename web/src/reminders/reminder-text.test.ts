import { describe, expect, it } from 'vitest';
import {
  deliverySummary,
  describeSessionOffset,
  describeTrigger,
  offsetToParts,
  partsToOffset,
  type Delivery,
} from './reminder-text';

describe('reminder offsets', () => {
  it.each([
    [-240, { amount: 4, unit: 'hours', direction: 'before' }, '4 hours before every session'],
    [-60, { amount: 1, unit: 'hours', direction: 'before' }, '1 hour before every session'],
    [-90, { amount: 90, unit: 'minutes', direction: 'before' }, '90 minutes before every session'],
    [-1440, { amount: 1, unit: 'days', direction: 'before' }, '1 day before every session'],
    [-2880, { amount: 2, unit: 'days', direction: 'before' }, '2 days before every session'],
    [30, { amount: 30, unit: 'minutes', direction: 'after' }, '30 minutes after every session starts'],
    [0, { amount: 0, unit: 'minutes', direction: 'before' }, 'At the start of every session'],
  ] as const)('%i minutes ↔ %o ↔ "%s"', (offset, parts, words) => {
    expect(offsetToParts(offset)).toEqual(parts);
    expect(partsToOffset(parts)).toBe(offset);
    expect(describeSessionOffset(offset)).toBe(words);
  });

  it('puts the other trigger types in words too', () => {
    expect(describeTrigger({ type: 'task-due', taskId: 't', offsetMinutes: -1440 })).toBe(
      '1 day before the task is due',
    );
    expect(describeTrigger({ type: 'task-due', taskId: 't', offsetMinutes: 0 })).toBe('When the task is due');
    expect(describeTrigger({ type: 'once', at: '2026-12-03T15:00:00.000Z' }, 'en-GB')).toMatch(
      /^Once, 3 Dec 2026, \d\d:00$/,
    );
  });
});

describe('deliverySummary', () => {
  const delivery = (status: Delivery['status'], late = false): Delivery => ({
    id: Math.random().toString(),
    occurrenceAt: '2026-12-03T23:30:00.000Z',
    dueAt: '2026-12-03T19:30:00.000Z',
    recipientId: 'u',
    recipientType: 'user',
    status,
    attempts: 1,
    sentAt: null,
    error: null,
    late,
    sessionId: null,
    kind: 'reminder',
  });

  it('counts by status, late ones too', () => {
    expect(
      deliverySummary([delivery('sent'), delivery('sent', true), delivery('scheduled'), delivery('skipped')]),
    ).toBe('2 sent · 1 scheduled · 1 skipped · 1 late');
    expect(deliverySummary([])).toBe('No emails yet.');
  });
});
