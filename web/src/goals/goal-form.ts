import {
  addDays,
  DEFAULT_FISCAL_YEAR_START_MONTH,
  fiscalYearName,
  GOAL_METRICS,
  isIsoDate,
  MAX_GOAL_TARGET,
  MAX_PERIOD_DAYS,
  daysIn,
  presetRange,
  type DateRange,
  type GoalMetric,
} from '@tandem/shared';
import type { CreateGoal, Goal, GoalScope, UpdateGoal } from './goal-types';

/** What a goal counts in, as the form's scope choice. */
export type ScopeChoice = GoalScope['type'];

/** A goal as its form holds it: the text as typed, the target as the number input gives it, the dates as date inputs do. */
export interface GoalFormValues {
  title: string;
  metric: GoalMetric | null;
  target: number | string;
  from: string;
  to: string;
  scope: ScopeChoice;
  audienceId: string | null;
  programId: string | null;
  organizationId: string | null;
}

/** What each field is called on the form, for messages and for a colleague's changes. */
export const GOAL_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  metric: 'What it counts',
  target: 'Target',
  from: 'From',
  to: 'To',
  scope: 'Counts in',
  audienceId: 'Audience',
  programId: 'Program',
  organizationId: 'Partner',
};

/** Where a server error about a goal field goes on the form, and its words for other fields. */
export const GOAL_PROBLEM_OPTIONS = { labels: GOAL_FIELD_LABELS };

export const TITLE_MAX = 200;
/** The years a goal's dates may fall in (the API's bounds, src/goal/goal.rules.ts). */
const EARLIEST_YEAR = 2000;
const LATEST_YEAR = 2100;

export const SCOPE_CHOICES: readonly { value: ScopeChoice; label: string }[] = [
  { value: 'library', label: 'Whole library' },
  { value: 'audience', label: 'An audience' },
  { value: 'program', label: 'A program' },
  { value: 'organization', label: 'A partner' },
];

/** A new goal: this fiscal year, the whole library unless a scope is given (a partner's "Set a goal"). */
export function newGoalValues({
  today,
  fiscalYearStartMonth = DEFAULT_FISCAL_YEAR_START_MONTH,
  organizationId,
  programId,
  audienceId,
}: {
  today: string;
  fiscalYearStartMonth?: number;
  organizationId?: string;
  programId?: string;
  audienceId?: string;
}): GoalFormValues {
  const period = presetRange('this-fiscal-year', today, fiscalYearStartMonth);
  const scope: ScopeChoice = audienceId
    ? 'audience'
    : programId
      ? 'program'
      : organizationId
        ? 'organization'
        : 'library';
  return {
    title: '',
    metric: null,
    target: '',
    from: period.from,
    to: period.to,
    scope,
    audienceId: audienceId ?? null,
    programId: programId ?? null,
    organizationId: organizationId ?? null,
  };
}

export function goalFormValues(goal: Goal): GoalFormValues {
  return {
    title: goal.title,
    metric: goal.metric,
    target: goal.target,
    from: goal.from,
    to: goal.to,
    scope: goal.scope.type,
    audienceId: goal.audienceId,
    programId: goal.programId,
    organizationId: goal.organizationId,
  };
}

/** A period the form offers with one click, with its dates on the library's today. */
export interface PeriodChoice {
  key: string;
  label: string;
  range: DateRange;
}

/**
 * The quick picks for a goal's period: this month, quarter, year, fiscal year (named, "FY2027")
 * and the next fiscal year (a work plan is often set before its year starts).
 */
export function periodChoices(today: string, fiscalYearStartMonth: number): PeriodChoice[] {
  const thisFiscalYear = presetRange('this-fiscal-year', today, fiscalYearStartMonth);
  const nextFiscalYear = presetRange('this-fiscal-year', addDays(thisFiscalYear.to, 1), fiscalYearStartMonth);
  const fiscal = fiscalYearStartMonth !== 1;
  return [
    { key: 'this-month', label: 'This month', range: presetRange('this-month', today, fiscalYearStartMonth) },
    { key: 'this-quarter', label: 'This quarter', range: presetRange('this-quarter', today, fiscalYearStartMonth) },
    ...(fiscal ? [{ key: 'this-year', label: 'This year', range: presetRange('this-year', today, 1) }] : []),
    {
      key: 'this-fiscal-year',
      label: fiscal ? `This fiscal year (${fiscalYearName(thisFiscalYear)})` : 'This year',
      range: thisFiscalYear,
    },
    {
      key: 'next-fiscal-year',
      label: fiscal ? `Next fiscal year (${fiscalYearName(nextFiscalYear)})` : 'Next year',
      range: nextFiscalYear,
    },
  ];
}

/** The target as a whole number, or null when it is not one. */
function targetNumber(target: number | string): number | null {
  const value = typeof target === 'number' ? target : Number(String(target).replace(/,/g, '').trim() || NaN);
  return Number.isInteger(value) ? value : null;
}

const inYears = (date: string) => {
  const year = Number(date.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};

/** Checks made before sending (the server checks again); messages by form field. */
export function validateGoalForm(values: GoalFormValues): Partial<Record<keyof GoalFormValues, string>> {
  const errors: Partial<Record<keyof GoalFormValues, string>> = {};
  const title = values.title.trim();
  if (!title) errors.title = 'Name the goal, e.g. 600 teens at our sessions';
  else if (title.length > TITLE_MAX)
    errors.title = `Keep the title to ${TITLE_MAX} characters (it has ${title.length})`;
  if (!values.metric || !(GOAL_METRICS as readonly string[]).includes(values.metric))
    errors.metric = 'Choose what the goal counts';
  const target = targetNumber(values.target);
  if (values.target === '' || target === null) errors.target = 'Enter the target as a whole number';
  else if (target < 1) errors.target = 'The target must be at least 1';
  else if (target > MAX_GOAL_TARGET)
    errors.target = `Enter a target no bigger than ${MAX_GOAL_TARGET.toLocaleString('en')}`;
  if (!isIsoDate(values.from) || !inYears(values.from))
    errors.from = `Enter the first day (between ${EARLIEST_YEAR} and ${LATEST_YEAR})`;
  if (!isIsoDate(values.to) || !inYears(values.to))
    errors.to = `Enter the last day (between ${EARLIEST_YEAR} and ${LATEST_YEAR})`;
  else if (!errors.from && values.to < values.from) errors.to = 'The last day can’t be before the first';
  else if (!errors.from && daysIn(values) > MAX_PERIOD_DAYS)
    errors.to = `Keep the period to ${MAX_PERIOD_DAYS.toLocaleString('en')} days (about ten years)`;
  if (values.scope === 'audience' && !values.audienceId) errors.audienceId = 'Choose the audience';
  if (values.scope === 'program' && !values.programId) errors.programId = 'Choose the program';
  if (values.scope === 'organization' && !values.organizationId) errors.organizationId = 'Choose the partner';
  return errors;
}

/** The three scope ids the values mean: the chosen one's id, null for the others. */
export function scopeIds(values: GoalFormValues): Pick<CreateGoal, 'audienceId' | 'programId' | 'organizationId'> {
  return {
    audienceId: values.scope === 'audience' ? values.audienceId : null,
    programId: values.scope === 'program' ? values.programId : null,
    organizationId: values.scope === 'organization' ? values.organizationId : null,
  };
}

/** The POST body. Call only when validateGoalForm() found nothing. */
export function createGoalBody(values: GoalFormValues): CreateGoal {
  const body: CreateGoal = {
    title: values.title.trim(),
    metric: values.metric!,
    target: targetNumber(values.target)!,
    from: values.from,
    to: values.to,
  };
  const ids = scopeIds(values);
  for (const field of ['audienceId', 'programId', 'organizationId'] as const) if (ids[field]) body[field] = ids[field];
  return body;
}

/**
 * The PATCH body without its version: only what the person changed from `base`. A changed scope
 * sends all three ids (the new one, null for the others), since a goal has at most one.
 */
export function goalChanges(base: GoalFormValues, values: GoalFormValues): Omit<UpdateGoal, 'version'> {
  const changes: Omit<UpdateGoal, 'version'> = {};
  const title = values.title.trim();
  if (title && title !== base.title.trim()) changes.title = title;
  if (values.metric && values.metric !== base.metric) changes.metric = values.metric;
  const target = targetNumber(values.target);
  if (target !== null && target !== targetNumber(base.target)) changes.target = target;
  if (values.from && values.from !== base.from) changes.from = values.from;
  if (values.to && values.to !== base.to) changes.to = values.to;
  // The choice or any id under it (so a colleague's save keeps this person's scope whole, see mergeOnConflict).
  const scopeChanged =
    values.scope !== base.scope ||
    values.audienceId !== base.audienceId ||
    values.programId !== base.programId ||
    values.organizationId !== base.organizationId;
  if (scopeChanged) Object.assign(changes, scopeIds(values));
  return changes;
}
