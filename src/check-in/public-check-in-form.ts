import type { FormToBody } from '../common/public/public-body.interceptor';
import { CHECK_IN_STATEMENT_IDS } from './check-in-survey';

/**
 * The HTML form posts flat urlencoded fields, one per statement (named by its id, value "1"–"5",
 * or "" for not sure) and `comment`; the JSON API takes `{answers, comment}`. Both are turned
 * into the same input (PublicBodyInterceptor) and go through the same validation
 * (SubmitCheckInAnswersDto, then validateAnswers), so a form post can do nothing a JSON body
 * cannot.
 */
export const COMMENT_FIELD = 'comment';
/** Every field name the form may post. */
export const CHECK_IN_FORM_FIELDS: readonly string[] = [...CHECK_IN_STATEMENT_IDS, COMMENT_FIELD];

/** The answers as the form names them (strings), for showing them again next to errors. */
export type CheckInFormValues = Partial<Record<string, string>>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A radio value: "4" → 4; "" (not sure) → null; anything else as it came, for validateAnswers to refuse. */
function formAnswer(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d{1,2}$/.test(trimmed) ? Number(trimmed) : value;
}

/** What to show in the form again: the strings sent, for known fields only. */
export function checkInFormValuesOf(body: unknown, isForm: boolean): CheckInFormValues {
  if (!isPlainObject(body)) return {};
  const answers = isForm ? body : isPlainObject(body.answers) ? body.answers : {};
  const values: CheckInFormValues = {};
  for (const id of CHECK_IN_STATEMENT_IDS) {
    const value = answers[id];
    if (typeof value === 'string' || typeof value === 'number') values[id] = String(value);
  }
  if (typeof body[COMMENT_FIELD] === 'string') values[COMMENT_FIELD] = body[COMMENT_FIELD];
  return values;
}

/**
 * The form's flat fields → `{answers, comment}` (radio strings to numbers, "" to null). Fields
 * the form does not have are returned in `unknownFields`, never copied.
 */
export function formToCheckInAnswers(form: Record<string, unknown>): ReturnType<FormToBody> {
  const unknownFields = Object.keys(form).filter((key) => !CHECK_IN_FORM_FIELDS.includes(key));
  const answers: Record<string, unknown> = {};
  for (const id of CHECK_IN_STATEMENT_IDS) {
    if (form[id] !== undefined) answers[id] = formAnswer(form[id]);
  }
  return {
    input: { answers, ...(form[COMMENT_FIELD] !== undefined && { comment: form[COMMENT_FIELD] }) },
    unknownFields,
  };
}
