import { describe, expect, it } from 'vitest';
import {
  createGoalBody,
  goalChanges,
  goalFormValues,
  newGoalValues,
  periodChoices,
  validateGoalForm,
  type GoalFormValues,
} from './goal-form';
import { goalTiming, groupGoals, progressText } from './goal-format';
import { DROP_IN, goal, SHELTER, TEENS } from './goal-fixtures';
import { parseGoalsSearch } from './goals-search';

const VALUES: GoalFormValues = {
  title: 'Teens at our sessions',
  metric: 'attendance',
  target: 600,
  from: '2026-07-01',
  to: '2027-06-30',
  scope: 'library',
  audienceId: null,
  programId: null,
  organizationId: null,
};

describe('goal form', () => {
  it('starts a new goal on this fiscal year, with the scope it was opened for', () => {
    expect(newGoalValues({ today: '2026-12-07', fiscalYearStartMonth: 7 })).toMatchObject({
      from: '2026-07-01',
      to: '2027-06-30',
      scope: 'library',
    });
    expect(newGoalValues({ today: '2026-12-07', fiscalYearStartMonth: 1, programId: DROP_IN })).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-31',
      scope: 'program',
      programId: DROP_IN,
    });
  });

  it('offers the fiscal years by name, and calls them years when the fiscal year is the calendar one', () => {
    const july = periodChoices('2026-12-07', 7);
    expect(july.map((choice) => choice.label)).toEqual([
      'This month',
      'This quarter',
      'This year',
      'This fiscal year (FY2027)',
      'Next fiscal year (FY2028)',
    ]);
    expect(july[4].range).toEqual({ from: '2027-07-01', to: '2028-06-30' });
    expect(july[1].range).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodChoices('2026-12-07', 1).map((choice) => choice.label)).toEqual([
      'This month',
      'This quarter',
      'This year',
      'Next year',
    ]);
  });

  it('checks the target, the dates and the scope before sending', () => {
    expect(validateGoalForm(VALUES)).toEqual({});
    expect(validateGoalForm({ ...VALUES, target: 0 }).target).toBe('The target must be at least 1');
    expect(validateGoalForm({ ...VALUES, target: 1_000_001 }).target).toBe('Enter a target no bigger than 1,000,000');
    expect(validateGoalForm({ ...VALUES, target: 2.5 }).target).toBe('Enter the target as a whole number');
    expect(validateGoalForm({ ...VALUES, to: '2026-06-30' }).to).toBe('The last day can’t be before the first');
    expect(validateGoalForm({ ...VALUES, from: '1999-01-01' }).from).toBe(
      'Enter the first day (between 2000 and 2100)',
    );
    expect(validateGoalForm({ ...VALUES, to: '2040-01-01' }).to).toMatch(/^Keep the period to 3,660 days/);
    expect(validateGoalForm({ ...VALUES, scope: 'audience' }).audienceId).toBe('Choose the audience');
  });

  it('sends only the chosen scope’s id on create', () => {
    expect(
      createGoalBody({ ...VALUES, title: ' Teens ', scope: 'audience', audienceId: TEENS, programId: DROP_IN }),
    ).toEqual({
      title: 'Teens',
      metric: 'attendance',
      target: 600,
      from: '2026-07-01',
      to: '2027-06-30',
      audienceId: TEENS,
    });
  });

  it('sends only what changed on edit, and a changed scope whole', () => {
    const base = goalFormValues(goal({ programId: DROP_IN, scope: { type: 'program', id: DROP_IN, name: 'x' } }));
    expect(goalChanges(base, { ...base, title: ' Teens at our sessions ' })).toEqual({});
    expect(goalChanges(base, { ...base, target: 650 })).toEqual({ target: 650 });
    expect(goalChanges(base, { ...base, scope: 'organization', organizationId: SHELTER })).toEqual({
      audienceId: null,
      programId: null,
      organizationId: SHELTER,
    });
    expect(goalChanges(base, { ...base, scope: 'library' })).toEqual({
      audienceId: null,
      programId: null,
      organizationId: null,
    });
  });
});

describe('goal format', () => {
  it('splits goals by where they stand on the library’s today', () => {
    const current = goal();
    const past = goal({ from: '2025-07-01', to: '2026-06-30' });
    const upcoming = goal({ from: '2027-07-01', to: '2028-06-30' });
    expect(groupGoals([current, past, upcoming])).toEqual({ current: [current], upcoming: [upcoming], past: [past] });
    expect(goalTiming({ from: '2026-12-07', to: '2026-12-07' }, '2026-12-07')).toBe('current');
    expect(
      progressText(goal({ target: 12_000, progress: { ...goal().progress, value: 4120, expectedByNow: 3800 } })),
    ).toBe('4,120 of 12,000, expected 3,800 by now');
  });
});

describe('Goals screen address', () => {
  it('keeps "new" with one valid scope id, and drops the rest', () => {
    expect(parseGoalsSearch({ new: 1, organizationId: SHELTER, programId: DROP_IN })).toEqual({
      new: 1,
      organizationId: SHELTER,
    });
    expect(parseGoalsSearch({ new: '1', programId: 'nope' })).toEqual({ new: 1 });
    expect(parseGoalsSearch({ organizationId: SHELTER })).toEqual({});
    expect(parseGoalsSearch({ new: 2 })).toEqual({});
  });
});
