import type { components } from '../api/schema';

export type HealthSettings = components['schemas']['HealthSettingsResponseDto'];
export type HealthWeights = HealthSettings['weights'];
export type HealthBands = HealthSettings['bands'];
export type WeightKey = keyof HealthWeights;
export type BandKey = keyof HealthBands;

/** A number box's value: a number, or '' while it is empty. */
export type FieldValue = number | string;

/** The score's components in the order the organization page shows them, with what each measures. */
export const WEIGHT_FIELDS = [
  {
    key: 'recency',
    label: 'Contact recency',
    description: 'Days since the last visit, session, feedback or note, against the cadence of its programs',
  },
  {
    key: 'sessions',
    label: 'Sessions held',
    description: 'Sessions held against scheduled in the last 90 days (closures do not count)',
  },
  { key: 'feedback', label: 'Feedback', description: 'Mean rating over 180 days and its trend' },
  { key: 'attendance', label: 'Attendance trend', description: 'The last 8 sessions against the 8 before' },
  { key: 'followUps', label: 'Follow-ups', description: 'Open follow-ups past their due date' },
  { key: 'fit', label: 'Fit', description: 'Audience reach, mission overlap, complementary resources' },
  { key: 'checkIn', label: 'Latest check-in', description: 'The partner’s latest check-in answers, within a year' },
] as const satisfies readonly { key: WeightKey; label: string; description: string }[];

/** Every weight of the API is listed above: the type check fails if the API gains one. */
type MissingWeight = Exclude<WeightKey, (typeof WEIGHT_FIELDS)[number]['key']>;
const everyWeightListed: MissingWeight extends never ? true : MissingWeight = true;
void everyWeightListed;

export const BAND_FIELDS = [
  { key: 'thriving', label: 'Thriving from', description: 'Scores at or above this are thriving' },
  { key: 'steady', label: 'Steady from', description: 'Below thriving, at or above this: steady' },
  { key: 'atRisk', label: 'At risk from', description: 'Below steady, at or above this: at risk; lower is dormant' },
] as const satisfies readonly { key: BandKey; label: string; description: string }[];

export const WEIGHTS_TOTAL = 100;

/** A whole number from 0 to 100, else null (an empty box, a decimal, "1e2", out of range). */
export function wholePercent(value: FieldValue): number | null {
  const number = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 0 && number <= 100 ? number : null;
}

/** The sum of the weights, counting an empty or invalid box as 0. */
export function weightsSum(weights: Record<WeightKey, FieldValue>): number {
  return WEIGHT_FIELDS.reduce((sum, { key }) => sum + (wholePercent(weights[key]) ?? 0), 0);
}

/** The live line under the weights: whether they add up to 100, and if not, by how much they miss. */
export function sumMessage(sum: number): { ok: boolean; text: string } {
  if (sum === WEIGHTS_TOTAL) return { ok: true, text: 'The weights add up to 100.' };
  const gap = Math.abs(WEIGHTS_TOTAL - sum);
  return sum < WEIGHTS_TOTAL
    ? { ok: false, text: `The weights add up to ${sum}: add ${gap} more to reach 100.` }
    : { ok: false, text: `The weights add up to ${sum}: take ${gap} away to get back to 100.` };
}

export interface SettingsFormErrors {
  weights: Partial<Record<WeightKey, string>>;
  bands: Partial<Record<BandKey, string>>;
  /** About the weights together (their sum). */
  sum?: string;
}

const NOT_WHOLE = 'Enter a whole number from 0 to 100';

/** What the form can tell before asking the server: each box a whole number 0–100, the weights adding up to 100. */
export function checkSettingsForm(
  weights: Record<WeightKey, FieldValue>,
  bands: Record<BandKey, FieldValue>,
): SettingsFormErrors {
  const errors: SettingsFormErrors = { weights: {}, bands: {} };
  for (const { key } of WEIGHT_FIELDS) if (wholePercent(weights[key]) === null) errors.weights[key] = NOT_WHOLE;
  for (const { key } of BAND_FIELDS) if (wholePercent(bands[key]) === null) errors.bands[key] = NOT_WHOLE;
  const sum = weightsSum(weights);
  if (Object.keys(errors.weights).length === 0 && sum !== WEIGHTS_TOTAL) errors.sum = sumMessage(sum).text;
  return errors;
}

export function hasErrors(errors: SettingsFormErrors): boolean {
  return Object.keys(errors.weights).length + Object.keys(errors.bands).length > 0 || errors.sum !== undefined;
}
