import type { FieldError } from '../common/errors/domain-error';
import {
  CHECK_IN_AREA_LABELS,
  CHECK_IN_AREAS,
  CHECK_IN_CONCERN_BELOW,
  CHECK_IN_STRENGTH,
  CheckInArea,
  roundHalfUp,
} from '../partnership/health-rules';

/**
 * The partnership check-in survey: twelve statements, two for each of the six areas of
 * collaboration, answered on a 1–5 scale (1 strongly disagree … 5 strongly agree) by the
 * library's owner of the partnership and the partner's primary contact alike. Any statement
 * may be skipped ("not sure").
 *
 * The statements live in code, not in the database: their ids are stored in the answers, so a
 * statement is never reworded in a way that changes its meaning — a new meaning gets a new id.
 * Everything here is pure (no I/O), so the arithmetic is unit-tested with hand-computed values.
 */

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** The scale's words, 1 to 5. */
export const SCALE_WORDS = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
] as const;
/** The most a respondent may write in the optional comment. */
export const MAX_CHECK_IN_COMMENT = 2000;

export interface CheckInStatement {
  /** Stable: `<area>.<word>`. Stored in the answers; never reused for another meaning. */
  id: string;
  area: CheckInArea;
  text: string;
}

/**
 * Written for a public library and a community partner working together, in words both sides
 * can answer for themselves ("the other side" is the partner for the librarian, and the library
 * for the partner).
 */
export const CHECK_IN_STATEMENTS: readonly CheckInStatement[] = Object.freeze([
  {
    id: 'environment.backing',
    area: 'environment',
    text: 'The leaders of both our organizations support this partnership and give us time for it.',
  },
  {
    id: 'environment.fit',
    area: 'environment',
    text: 'The people we serve see this partnership as a natural fit for both of us.',
  },
  {
    id: 'membership.trust',
    area: 'membership',
    text: 'I trust the people I work with on the other side of this partnership.',
  },
  {
    id: 'membership.worthwhile',
    area: 'membership',
    text: 'Taking part in this partnership is worth the time it takes me.',
  },
  {
    id: 'processAndStructure.roles',
    area: 'processAndStructure',
    text: 'I know who is responsible for what in our work together.',
  },
  {
    id: 'processAndStructure.adapting',
    area: 'processAndStructure',
    text: 'When plans change, we adjust together without much trouble.',
  },
  {
    id: 'communication.heard',
    area: 'communication',
    text: 'When I raise an idea or a concern, the other side listens and responds.',
  },
  {
    id: 'communication.informed',
    area: 'communication',
    text: 'I hear about changes that affect me in time to act on them.',
  },
  { id: 'purpose.shared', area: 'purpose', text: 'We agree on what this partnership is trying to achieve.' },
  {
    id: 'purpose.progress',
    area: 'purpose',
    text: 'Our goals together are realistic, and we can see progress toward them.',
  },
  {
    id: 'resources.capacity',
    area: 'resources',
    text: 'We have enough staff time, space and materials to do what we planned.',
  },
  { id: 'resources.coordination', area: 'resources', text: 'Someone keeps our work together organized and moving.' },
] as const satisfies readonly CheckInStatement[]);

export const CHECK_IN_STATEMENT_IDS: readonly string[] = CHECK_IN_STATEMENTS.map((statement) => statement.id);
const STATEMENTS_BY_ID: ReadonlyMap<string, CheckInStatement> = new Map(
  CHECK_IN_STATEMENTS.map((statement) => [statement.id, statement]),
);

export function statementById(id: string): CheckInStatement | undefined {
  return STATEMENTS_BY_ID.get(id);
}

/** One respondent's answers: statement id → 1–5. Statements left out were skipped. */
export type CheckInAnswers = Record<string, number>;

export type CheckInClassification = 'strength' | 'borderline' | 'concern';

/**
 * Where an area's average (as shown, one decimal) falls: strength at 4 or above, concern below
 * 3, borderline in between (3.0–3.9). Null for an area nobody answered.
 */
export function classifyAverage(average: number | null): CheckInClassification | null {
  if (average === null) return null;
  if (average >= CHECK_IN_STRENGTH) return 'strength';
  if (average < CHECK_IN_CONCERN_BELOW) return 'concern';
  return 'borderline';
}

const isAnswer = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= SCALE_MIN && value <= SCALE_MAX;

/** The valid answers of each known statement, from every respondent's answers (anything else is ignored). */
function valuesByStatement(responses: ReadonlyArray<CheckInAnswers | null>): Map<string, number[]> {
  const values = new Map<string, number[]>(CHECK_IN_STATEMENT_IDS.map((id) => [id, []]));
  for (const answers of responses) {
    if (!answers) continue;
    for (const [id, value] of Object.entries(answers)) {
      if (isAnswer(value)) values.get(id)?.push(value);
    }
  }
  return values;
}

const averageOf = (values: readonly number[]): number | null =>
  values.length === 0 ? null : roundHalfUp(values.reduce((sum, value) => sum + value, 0) / values.length, 1);

export interface AreaResult {
  area: CheckInArea;
  label: string;
  /** Mean of every answer given to the area's statements by every respondent, one decimal (half up); null when none. */
  average: number | null;
  classification: CheckInClassification | null;
  /** How many answers the average is over. */
  answers: number;
}

/**
 * Per-area averages over all answers of all respondents (not an average of the respondents'
 * averages: each answer counts once), rounded half up to one decimal, with their classification.
 * In CHECK_IN_AREAS order.
 */
export function areaResults(responses: ReadonlyArray<CheckInAnswers | null>): AreaResult[] {
  const byStatement = valuesByStatement(responses);
  return CHECK_IN_AREAS.map((area) => {
    const values = CHECK_IN_STATEMENTS.filter((statement) => statement.area === area).flatMap(
      (statement) => byStatement.get(statement.id) ?? [],
    );
    const average = averageOf(values);
    return {
      area,
      label: CHECK_IN_AREA_LABELS[area],
      average,
      classification: classifyAverage(average),
      answers: values.length,
    };
  });
}

/** What `check_ins.area_scores` stores (and the health score reads): area → average or null. */
export function areaScores(responses: ReadonlyArray<CheckInAnswers | null>): Record<CheckInArea, number | null> {
  return Object.fromEntries(areaResults(responses).map((result) => [result.area, result.average])) as Record<
    CheckInArea,
    number | null
  >;
}

/**
 * The overall average: the mean of the area averages that exist (each area counts the same, as
 * in the health score), one decimal; null when nothing was answered.
 */
export function overallAverage(areas: ReadonlyArray<Pick<AreaResult, 'average'>>): number | null {
  return averageOf(areas.flatMap((area) => (area.average === null ? [] : [area.average])));
}

export interface StatementResult {
  id: string;
  area: CheckInArea;
  text: string;
  average: number | null;
  answers: number;
}

/** Each statement's average over every respondent's answer to it, one decimal; in survey order. */
export function statementResults(responses: ReadonlyArray<CheckInAnswers | null>): StatementResult[] {
  const byStatement = valuesByStatement(responses);
  return CHECK_IN_STATEMENTS.map((statement) => {
    const values = byStatement.get(statement.id) ?? [];
    return {
      id: statement.id,
      area: statement.area,
      text: statement.text,
      average: averageOf(values),
      answers: values.length,
    };
  });
}

/** The areas whose average is a concern (below 3), in survey order. */
export function concernAreas(areas: readonly AreaResult[]): AreaResult[] {
  return areas.filter((area) => area.classification === 'concern');
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one respondent's answers as sent: an object whose keys are statement ids and whose
 * values are whole numbers 1–5, or null for "not sure" (left out of the stored answers). At
 * least one statement must be answered. Returns the answers to store, or the problems (field
 * `answers.<statement id>`, at most 20 reported) — never both.
 */
export function validateAnswers(input: unknown): { answers: CheckInAnswers } | { errors: FieldError[] } {
  if (!isPlainObject(input))
    return { errors: [{ field: 'answers', message: 'must be an object of statement id → 1–5' }] };
  const errors: FieldError[] = [];
  const answers: CheckInAnswers = {};
  for (const [id, value] of Object.entries(input)) {
    if (!STATEMENTS_BY_ID.has(id)) {
      errors.push({ field: `answers.${id.slice(0, 60)}`, message: 'is not a statement of this survey' });
    } else if (value === null) {
      continue;
    } else if (!isAnswer(value)) {
      errors.push({
        field: `answers.${id}`,
        message: `must be a whole number from ${SCALE_MIN} (strongly disagree) to ${SCALE_MAX} (strongly agree), or null for not sure`,
      });
    } else {
      answers[id] = value;
    }
  }
  if (errors.length > 0) return { errors: errors.slice(0, 20) };
  if (Object.keys(answers).length === 0)
    return { errors: [{ field: 'answers', message: 'must answer at least one statement' }] };
  // In survey order, so stored answers read the same whichever order they were sent in.
  return {
    answers: Object.fromEntries(CHECK_IN_STATEMENT_IDS.filter((id) => id in answers).map((id) => [id, answers[id]])),
  };
}
