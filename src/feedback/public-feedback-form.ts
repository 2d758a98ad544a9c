import type { FormToBody } from '../common/public/public-body.interceptor';
import { HONEYPOT_FIELD, OUTCOME_KEYS, OutcomeKey } from './dto/feedback.dto';

/**
 * The HTML form posts flat fields (urlencoded, no JavaScript); the JSON API takes
 * `PublicFeedbackDto`. This maps one onto the other (PublicBodyInterceptor) so both go through
 * the same validation.
 */
export const FORM_OUTCOME_FIELDS: Record<OutcomeKey, string> = {
  knowledge: 'outcomeKnowledge',
  confidence: 'outcomeConfidence',
  application: 'outcomeApplication',
  awareness: 'outcomeAwareness',
};
export const FORM_TEXT_FIELDS = ['worked', 'didntWork', 'suggestions'] as const;
/**
 * The form's hidden fields: the honeypot (people never fill it), the key of this filling-in and
 * the page's language (recorded with the feedback).
 */
export const FORM_HIDDEN_FIELDS = [HONEYPOT_FIELD, 'submissionKey', 'language'] as const;
/** Every field name the form may post. */
export const FORM_FIELDS: readonly string[] = [
  'rating',
  ...Object.values(FORM_OUTCOME_FIELDS),
  ...FORM_TEXT_FIELDS,
  ...FORM_HIDDEN_FIELDS,
];

/** The form's answers as posted (strings), for showing them again next to errors. */
export type FormValues = Partial<Record<string, string>>;

/**
 * A radio value: "4" → 4; "" (nothing picked) → left out; anything else is kept as it came,
 * for the validator to refuse ("must be an integer").
 */
function formNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^\d{1,2}$/.test(trimmed) ? Number(trimmed) : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Flat form fields → the JSON shape (`outcomeKnowledge` → `outcomes.knowledge`, strings to
 * numbers). Fields the form does not have are returned in `unknownFields`, never copied (so a
 * posted `__proto__` reaches no object).
 */
export function formToPublicFeedback(form: Record<string, unknown>): ReturnType<FormToBody> {
  const unknownFields = Object.keys(form).filter((key) => !FORM_FIELDS.includes(key));
  const input: Record<string, unknown> = {};
  const rating = formNumber(form.rating);
  if (rating !== undefined) input.rating = rating;
  const outcomes: Record<string, unknown> = {};
  for (const key of OUTCOME_KEYS) {
    const value = formNumber(form[FORM_OUTCOME_FIELDS[key]]);
    if (value !== undefined) outcomes[key] = value;
  }
  if (Object.keys(outcomes).length > 0) input.outcomes = outcomes;
  for (const key of FORM_TEXT_FIELDS) {
    if (form[key] !== undefined) input[key] = form[key];
  }
  // An empty honeypot (what every person posts) is as good as none.
  if (form[HONEYPOT_FIELD] !== undefined && form[HONEYPOT_FIELD] !== '') input[HONEYPOT_FIELD] = form[HONEYPOT_FIELD];
  if (form.submissionKey !== undefined && form.submissionKey !== '') input.submissionKey = form.submissionKey;
  if (form.language !== undefined && form.language !== '') input.language = form.language;
  return { input, unknownFields };
}

/** The answers as the form names them, from a form post or a JSON body (strings only). */
export function formValuesOf(body: unknown, isForm: boolean): FormValues {
  if (!isPlainObject(body)) return {};
  const values: FormValues = {};
  const put = (name: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  };
  put('rating', body.rating);
  for (const key of OUTCOME_KEYS) {
    put(
      FORM_OUTCOME_FIELDS[key],
      isForm ? body[FORM_OUTCOME_FIELDS[key]] : isPlainObject(body.outcomes) ? body.outcomes[key] : undefined,
    );
  }
  for (const key of FORM_TEXT_FIELDS) put(key, body[key]);
  // The key of this filling-in and the page's language go back into the form with the errors; the honeypot never does.
  put('submissionKey', body.submissionKey);
  put('language', body.language);
  return values;
}
