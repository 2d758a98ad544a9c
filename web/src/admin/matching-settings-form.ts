/** The matching settings' form (the open list of suggested introductions), the numbers as typed. */
export interface MatchingFormValues {
  minStrength: string;
  maxPerPartner: string;
}

export const MATCHING_LIMITS = {
  minStrength: { min: 0, max: 100 },
  maxPerPartner: { min: 3, max: 100 },
} as const;

/** Digits only, from `min` to `max`: "1.5", "-1" or "1e1" is refused, never read as something else. */
function whole(text: string, min: number, max: number): boolean {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && Number(trimmed) >= min && Number(trimmed) <= max;
}

export function matchingFormErrors(values: MatchingFormValues): Partial<Record<keyof MatchingFormValues, string>> {
  const errors: Partial<Record<keyof MatchingFormValues, string>> = {};
  const { minStrength, maxPerPartner } = MATCHING_LIMITS;
  if (!whole(values.minStrength, minStrength.min, minStrength.max))
    errors.minStrength = `Enter a whole number from ${minStrength.min} to ${minStrength.max}`;
  if (!whole(values.maxPerPartner, maxPerPartner.min, maxPerPartner.max))
    errors.maxPerPartner = `Enter a whole number from ${maxPerPartner.min} to ${maxPerPartner.max}`;
  return errors;
}

/** The body to send with the version read; call only when matchingFormErrors found nothing. */
export function matchingSettingsBody(values: MatchingFormValues): { minStrength: number; maxPerPartner: number } {
  return { minStrength: Number(values.minStrength.trim()), maxPerPartner: Number(values.maxPerPartner.trim()) };
}
