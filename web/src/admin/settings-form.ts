import {
  BAND_FIELDS,
  checkSettingsForm,
  WEIGHT_FIELDS,
  wholePercent,
  type BandKey,
  type HealthSettings,
  type WeightKey,
} from './health-weights';

/** The health score's form: each box's text as typed ("-5" and "12.5" stay, to be refused with a message). */
export interface HealthFormValues {
  weights: Record<WeightKey, string>;
  bands: Record<BandKey, string>;
}

export function healthFormValues(settings: HealthSettings): HealthFormValues {
  return {
    weights: Object.fromEntries(WEIGHT_FIELDS.map(({ key }) => [key, String(settings.weights[key])])) as Record<
      WeightKey,
      string
    >,
    bands: Object.fromEntries(BAND_FIELDS.map(({ key }) => [key, String(settings.bands[key])])) as Record<
      BandKey,
      string
    >,
  };
}

/**
 * What the form can tell before asking the server, by form path (`weights.fit`, `bands.steady`);
 * weights that do not add up to 100 are an error of `weights` as a whole (the live line under
 * them says by how much).
 */
export function healthFormErrors(values: HealthFormValues): Record<string, string> {
  const found = checkSettingsForm(values.weights, values.bands);
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(found.weights)) errors[`weights.${key}`] = message;
  for (const [key, message] of Object.entries(found.bands)) errors[`bands.${key}`] = message;
  if (found.sum) errors.weights = found.sum;
  return errors;
}

/** The settings to send; call only when healthFormErrors found nothing. */
export function healthSettingsBody(values: HealthFormValues): Pick<HealthSettings, 'weights' | 'bands'> {
  return {
    weights: Object.fromEntries(
      WEIGHT_FIELDS.map(({ key }) => [key, wholePercent(values.weights[key])]),
    ) as HealthSettings['weights'],
    bands: Object.fromEntries(
      BAND_FIELDS.map(({ key }) => [key, wholePercent(values.bands[key])]),
    ) as HealthSettings['bands'],
  };
}

/** The check-in schedule's form, the numbers as typed. */
export interface CheckInFormValues {
  intervalMonths: string;
  respondWithinDays: string;
  automatic: boolean;
  firstAfterDays: string;
  dailyLimit: string;
}

type CheckInNumberField = 'intervalMonths' | 'respondWithinDays' | 'firstAfterDays' | 'dailyLimit';

/** Digits only, from `min` to `max`: "1.5", "-1" or "1e1" is refused, never read as something else. */
function whole(text: string, min: number, max: number): boolean {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && Number(trimmed) >= min && Number(trimmed) <= max;
}

export function checkInFormErrors(values: CheckInFormValues): Partial<Record<CheckInNumberField, string>> {
  const errors: Partial<Record<CheckInNumberField, string>> = {};
  if (!whole(values.intervalMonths, 1, 24)) errors.intervalMonths = 'Enter a whole number of months from 1 to 24';
  if (!whole(values.respondWithinDays, 1, 90)) errors.respondWithinDays = 'Enter a whole number of days from 1 to 90';
  if (!whole(values.firstAfterDays, 0, 365)) errors.firstAfterDays = 'Enter a whole number of days from 0 to 365';
  if (!whole(values.dailyLimit, 1, 1000)) errors.dailyLimit = 'Enter a whole number from 1 to 1000';
  return errors;
}
