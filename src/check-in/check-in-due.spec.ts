import { firstCheckInFrom, notDueReason } from './check-in-due';

const DAY_MS = 86_400_000;
const NOW = new Date('2027-03-10T15:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const due = (activeSince: Date, extra: { openCheckInId?: string | null; recent?: boolean } = {}) => ({
  activeSince,
  openCheckInId: extra.openCheckInId ?? null,
  recent: extra.recent ?? false,
});

describe('the check-in due rule', () => {
  it('asks nobody active for less than firstAfterDays: added and made active today, or 89 days ago', () => {
    expect(notDueReason(due(NOW), 90, NOW)).toBe('too-new');
    expect(notDueReason(due(daysAgo(1)), 90, NOW)).toBe('too-new');
    expect(notDueReason(due(daysAgo(89)), 90, NOW)).toBe('too-new');
    expect(notDueReason(due(new Date(daysAgo(90).getTime() + 1)), 90, NOW)).toBe('too-new');
  });

  it('asks a partner once it has been active for firstAfterDays whole days, and later', () => {
    expect(notDueReason(due(daysAgo(90)), 90, NOW)).toBeNull();
    expect(notDueReason(due(daysAgo(91)), 90, NOW)).toBeNull();
    expect(notDueReason(due(daysAgo(400)), 90, NOW)).toBeNull();
  });

  it('with firstAfterDays 0 asks at once', () => {
    expect(notDueReason(due(NOW), 0, NOW)).toBeNull();
  });

  it('counts from when the partner last became active (a partner active again after a pause waits again)', () => {
    // Active for years, paused, active again ten days ago: its activeSince is ten days ago.
    expect(notDueReason(due(daysAgo(10)), 90, NOW)).toBe('too-new');
  });

  it('says open before recent before too-new, so a partner is left out for the first reason that applies', () => {
    expect(notDueReason(due(NOW, { openCheckInId: 'c1', recent: true }), 90, NOW)).toBe('open');
    expect(notDueReason(due(NOW, { recent: true }), 90, NOW)).toBe('recent');
    expect(notDueReason(due(daysAgo(200), { recent: true }), 90, NOW)).toBe('recent');
    expect(notDueReason(due(daysAgo(200), { openCheckInId: 'c1' }), 90, NOW)).toBe('open');
  });

  it('gives the first moment a partner may be asked', () => {
    expect(firstCheckInFrom(new Date('2027-01-01T10:00:00Z'), 90).toISOString()).toBe('2027-04-01T10:00:00.000Z');
    expect(firstCheckInFrom(NOW, 0)).toEqual(NOW);
  });
});
