import { TaskStatus } from './task.entity';
import { completedAtFor, dueAtProblem, overdueCondition } from './task.rules';

describe('task rules', () => {
  const now = new Date('2026-03-04T10:00:00Z');

  describe(completedAtFor.name, () => {
    const earlier = new Date('2026-03-01T09:00:00Z');

    it('sets completedAt when a task is created done or becomes done', () => {
      expect(completedAtFor(null, TaskStatus.Done, now)).toEqual(now);
      expect(completedAtFor({ status: TaskStatus.Open, completedAt: null }, TaskStatus.Done, now)).toEqual(now);
    });

    it('keeps the first completion while the task stays done', () => {
      expect(completedAtFor({ status: TaskStatus.Done, completedAt: earlier }, TaskStatus.Done, now)).toEqual(earlier);
    });

    it('clears completedAt on reopening, and leaves an open task without one', () => {
      expect(completedAtFor({ status: TaskStatus.Done, completedAt: earlier }, TaskStatus.Open, now)).toBeNull();
      expect(completedAtFor(null, TaskStatus.Open, now)).toBeNull();
    });
  });

  describe(dueAtProblem.name, () => {
    it('accepts past and future due dates within 2000 … five years ahead', () => {
      expect(dueAtProblem(new Date('2000-01-01T00:00:00Z'), now)).toBeNull();
      expect(dueAtProblem(new Date('2031-03-04T10:00:00Z'), now)).toBeNull();
    });

    it('refuses due dates before 2000 or more than five years ahead', () => {
      expect(dueAtProblem(new Date('1999-12-31T23:59:59Z'), now)).toMatch(/before 2000/);
      expect(dueAtProblem(new Date('2031-03-04T10:00:01Z'), now)).toMatch(/5 years ahead/);
    });
  });

  describe(overdueCondition.name, () => {
    it('is open and strictly past due for overdue=true, and its exact complement for overdue=false', () => {
      expect(overdueCondition(true)).toBe(`(t.status = 'open' AND t.due_at < :now)`);
      expect(overdueCondition(false)).toBe(`(t.status <> 'open' OR t.due_at >= :now)`);
    });
  });
});
