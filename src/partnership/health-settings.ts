import type { FieldError } from '../common/errors/domain-error';

/**
 * The components of the partnership health score, in the order they are shown (and the order
 * that breaks ties between drivers of equal cost).
 */
export const HEALTH_COMPONENTS = [
  'recency',
  'sessions',
  'feedback',
  'attendance',
  'followUps',
  'fit',
  'checkIn',
] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

/** The bands a score falls in (by the settings' thresholds). */
export type ScoredBand = 'thriving' | 'steady' | 'at-risk' | 'dormant';
export const SCORED_BANDS: readonly ScoredBand[] = ['thriving', 'steady', 'at-risk', 'dormant'];
/** `unscored`: no evidence yet (no session held, visit, feedback or check-in), so no score. */
export type HealthBand = ScoredBand | 'unscored';
export const HEALTH_BANDS: readonly HealthBand[] = [...SCORED_BANDS, 'unscored'];

/**
 * What an admin can change at `/api/v1/settings/health`.
 * - `weights`: one non-negative integer per component, adding up to 100. A component with no
 *   data for an organization is left out and the others share its weight in proportion.
 * - `bands`: the lowest score of each band; below `atRisk` is dormant. Strictly descending.
 */
export interface HealthSettings {
  weights: Record<HealthComponent, number>;
  bands: { thriving: number; steady: number; atRisk: number };
}

/**
 * Defaults, and why:
 * - recency 25: "going cold" is the first question a manager asks, and contact is the one
 *   signal every organization has (it never drops out), so it carries the most.
 * - sessions 15, feedback 15, attendance 15: what the partnership actually delivers, and how
 *   the people in the room and the partner judge it — equal, since none is more reliable.
 * - followUps 10: our own follow-through; cheap to fix, so it should show but not dominate.
 * - fit 10: an assessment of potential made once, not of how things are going now.
 * - checkIn 10: rich but only twice a year, and only once a round has been answered.
 * - bands 75 / 50 / 25: quarters of the scale, easy to explain. Thriving needs most signals near
 *   full marks (a partner losing 25 points, e.g. contact 4 cadences ago, is no longer thriving
 *   unless everything else is perfect); below half of the possible points is at-risk; below a
 *   quarter is dormant. The dormant override (see health-score.ts) catches silence regardless.
 */
export const DEFAULT_HEALTH_SETTINGS: Readonly<HealthSettings> = Object.freeze({
  weights: Object.freeze({
    recency: 25,
    sessions: 15,
    feedback: 15,
    attendance: 15,
    followUps: 10,
    fit: 10,
    checkIn: 10,
  }),
  bands: Object.freeze({ thriving: 75, steady: 50, atRisk: 25 }),
});

const BAND_KEYS = ['thriving', 'steady', 'atRisk'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The problems with a complete settings object (as stored, or the current settings with a
 * PATCH merged in): every weight a whole number from 0 to 100 with the weights adding up to
 * 100, every threshold a whole number from 0 to 100 with thriving > steady > atRisk. Returns
 * `{field, message}` pairs (`weights.fit`, `weights`, `bands.steady` …), empty when valid, so
 * the admin API can throw a ValidationFailedError with them.
 */
export function validateHealthSettings(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(value)) return [{ field: 'settings', message: 'must be an object with weights and bands' }];

  const weights = value.weights;
  if (!isRecord(weights)) {
    errors.push({ field: 'weights', message: 'must be an object with a weight per component' });
  } else {
    let weightsValid = true;
    for (const key of HEALTH_COMPONENTS) {
      const weight = weights[key];
      if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100) {
        errors.push({ field: `weights.${key}`, message: 'must be a whole number from 0 to 100' });
        weightsValid = false;
      }
    }
    for (const key of Object.keys(weights)) {
      if (!(HEALTH_COMPONENTS as readonly string[]).includes(key)) {
        errors.push({ field: `weights.${key}`, message: 'is not a component of the score' });
        weightsValid = false;
      }
    }
    if (weightsValid) {
      const sum = HEALTH_COMPONENTS.reduce((total, key) => total + (weights[key] as number), 0);
      if (sum !== 100) errors.push({ field: 'weights', message: `must add up to 100 (they add up to ${sum})` });
    }
  }

  const bands = value.bands;
  if (!isRecord(bands)) {
    errors.push({ field: 'bands', message: 'must be an object with thriving, steady and atRisk' });
  } else {
    let bandsValid = true;
    for (const key of BAND_KEYS) {
      const threshold = bands[key];
      if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 0 || threshold > 100) {
        errors.push({ field: `bands.${key}`, message: 'must be a whole number from 0 to 100' });
        bandsValid = false;
      }
    }
    for (const key of Object.keys(bands)) {
      if (!(BAND_KEYS as readonly string[]).includes(key)) {
        errors.push({ field: `bands.${key}`, message: 'is not a band threshold (thriving, steady, atRisk)' });
        bandsValid = false;
      }
    }
    if (bandsValid) {
      const { thriving, steady, atRisk } = bands as HealthSettings['bands'];
      if (steady >= thriving) errors.push({ field: 'bands.steady', message: `must be below thriving (${thriving})` });
      if (atRisk >= steady) errors.push({ field: 'bands.atRisk', message: `must be below steady (${steady})` });
    }
  }
  return errors;
}

/** A partial change (as a PATCH carries it) applied to the current settings; validate the result. */
export function mergeHealthSettings(
  current: HealthSettings,
  change: { weights?: Partial<HealthSettings['weights']>; bands?: Partial<HealthSettings['bands']> },
): HealthSettings {
  const defined = <T extends object>(partial: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    weights: { ...current.weights, ...defined(change.weights) },
    bands: { ...current.bands, ...defined(change.bands) },
  };
}
