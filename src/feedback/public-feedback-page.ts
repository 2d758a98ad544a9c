import type { FieldError } from '../common/errors/domain-error';
import { publicPage as page } from '../common/public-page';
import { escapeHtml } from '../mail/html';
import { MAX_FEEDBACK_TEXT, OUTCOME_KEYS, OUTCOME_STATEMENTS } from './dto/feedback.dto';
import { FORM_OUTCOME_FIELDS, FORM_TEXT_FIELDS, FormValues } from './public-feedback-form';

/**
 * The public feedback pages: small, server-rendered, no JavaScript. Mobile first (one column,
 * 16px+ text, touch targets of 48px), readable at 360px wide and at 200% zoom, a visible
 * focus ring, plain words. Everything that came from outside is escaped.
 */

const RATING_WORDS = ['Bad', 'Not good', 'OK', 'Good', 'Great'];
const AGREE_WORDS = ['Not at all', 'A little', 'Some', 'A lot', 'Very much'];
const TEXT_QUESTIONS: Record<(typeof FORM_TEXT_FIELDS)[number], string> = {
  worked: 'What did you like?',
  didntWork: 'What could be better?',
  suggestions: 'Any ideas for next time?',
};

/** The form's field an error is about (`outcomes.knowledge` → `outcomeKnowledge`). */
export function formFieldOf(field: string): string {
  const outcome = /^outcomes\.(\w+)$/.exec(field)?.[1];
  if (outcome && outcome in FORM_OUTCOME_FIELDS) return FORM_OUTCOME_FIELDS[outcome as keyof typeof FORM_OUTCOME_FIELDS];
  return field === 'outcomes' ? FORM_OUTCOME_FIELDS.knowledge : field;
}

/** An error in plain words (the API's messages are for developers). */
export function plainMessage(field: string): string {
  if (field === 'rating') return 'Please pick how it was, from 1 to 5.';
  if (Object.values(FORM_OUTCOME_FIELDS).includes(field)) return 'Please pick a number from 1 to 5, or skip this one.';
  if ((FORM_TEXT_FIELDS as readonly string[]).includes(field)) return `Please make this shorter (up to ${MAX_FEEDBACK_TEXT} letters).`;
  return 'Something in the form was not right. Please try again.';
}

function scale(name: string, legend: string, words: string[], values: FormValues, error: string | undefined, options: { required: boolean; hint?: string }): string {
  const errorId = `${name}-error`;
  const radios = words
    .map((word, index) => {
      const value = String(index + 1);
      const id = `${name}-${value}`;
      const checked = values[name] === value ? ' checked' : '';
      const required = options.required ? ' required' : '';
      return `<label for="${id}"><input type="radio" id="${id}" name="${name}" value="${value}"${checked}${required}> ${value} <span>${escapeHtml(word)}</span></label>`;
    })
    .join('\n');
  const hint = options.hint ? ` <span class="hint">${escapeHtml(options.hint)}</span>` : '';
  return `<fieldset id="${name}"${error ? ` class="invalid" aria-describedby="${errorId}"` : ''}>
<legend>${escapeHtml(legend)}${hint}</legend>
${error ? `<p class="error" id="${errorId}">${escapeHtml(error)}</p>\n` : ''}<div class="scale">
${radios}
</div>
</fieldset>`;
}

function textQuestion(name: (typeof FORM_TEXT_FIELDS)[number], values: FormValues, error: string | undefined): string {
  const errorId = `${name}-error`;
  return `<div class="text${error ? ' invalid' : ''}">
<label for="${name}">${escapeHtml(TEXT_QUESTIONS[name])} <span class="hint">(you can skip this)</span></label>
${error ? `<p class="error" id="${errorId}">${escapeHtml(error)}</p>\n` : ''}<textarea id="${name}" name="${name}" rows="4" maxlength="${MAX_FEEDBACK_TEXT}"${error ? ` aria-invalid="true" aria-describedby="${errorId}"` : ''}>${escapeHtml(values[name] ?? '')}</textarea>
</div>`;
}

export interface FeedbackFormView {
  programName: string;
  /** The link's token: the form posts back to it. */
  token: string;
  values?: FormValues;
  errors?: FieldError[];
}

/** The anonymous form: how it was (1–5), four optional outcome statements, three open questions. */
export function renderFeedbackForm(view: FeedbackFormView): string {
  const values = view.values ?? {};
  const errors = new Map<string, string>();
  for (const error of view.errors ?? []) {
    const field = formFieldOf(error.field);
    if (!errors.has(field)) errors.set(field, plainMessage(field));
  }
  const summary =
    errors.size > 0
      ? `<div class="errors" role="alert">
<h2>Please check your answers</h2>
<ul>
${[...errors]
  .map(([field, message]) => `<li><a href="#${escapeHtml(FORM_FIELD_ANCHORS[field] ?? 'feedback-form')}">${escapeHtml(message)}</a></li>`)
  .join('\n')}
</ul>
</div>
`
      : '';
  const outcomes = OUTCOME_KEYS.map((key) =>
    scale(FORM_OUTCOME_FIELDS[key], OUTCOME_STATEMENTS[key], AGREE_WORDS, values, errors.get(FORM_OUTCOME_FIELDS[key]), { required: false }),
  ).join('\n');
  const title = `Feedback on ${view.programName}`;
  return page(
    `${errors.size > 0 ? 'Please check your answers: ' : ''}${title}`,
    `<h1>${escapeHtml(title)}</h1>
<p class="note">This is anonymous. We do not ask for your name, email or phone number. Please do not write them here.</p>
${summary}<form id="feedback-form" method="post" action="/api/v1/public/feedback/${encodeURIComponent(view.token)}">
${scale('rating', 'How was it?', RATING_WORDS, values, errors.get('rating'), { required: true, hint: '(pick one)' })}
<h2>Do you agree?</h2>
<p>You can skip any of these. 1 means not at all, 5 means very much.</p>
${outcomes}
${FORM_TEXT_FIELDS.map((name) => textQuestion(name, values, errors.get(name))).join('\n')}
<button type="submit">Send my feedback</button>
</form>`,
  );
}

/** Where an error's link in the summary jumps to: the first choice of a group, or the text box. */
const FORM_FIELD_ANCHORS: Record<string, string> = {
  rating: 'rating-1',
  ...Object.fromEntries(Object.values(FORM_OUTCOME_FIELDS).map((name) => [name, `${name}-1`])),
  ...Object.fromEntries(FORM_TEXT_FIELDS.map((name) => [name, name])),
};

export function renderThanks(programName: string): string {
  return page(
    'Thank you!',
    `<h1>Thank you!</h1>
<p>We got your feedback on ${escapeHtml(programName)}. It helps us make it better.</p>
<p>You can close this page now.</p>`,
  );
}

export function renderLinkNotFound(): string {
  return page(
    'This link does not work',
    `<h1>This link does not work</h1>
<p>It may be old, turned off, or typed wrong. Please ask the library staff for a new one.</p>`,
  );
}

export function renderTooMany(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page(
    'Please try again later',
    `<h1>Please try again later</h1>
<p>A lot of feedback was sent from here just now. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.</p>`,
  );
}
