import { randomBytes } from 'node:crypto';
import type { FieldError } from '../common/errors/domain-error';
import { ErrorSummary, PublicPage, renderDocument } from '../common/public/public-page';
import type { PublicPages } from '../common/public/public-page.filter';
import { HONEYPOT_FIELD, MAX_FEEDBACK_TEXT, OUTCOME_KEYS, OUTCOME_STATEMENTS } from './dto/feedback.dto';
import { FeedbackLinkNotFoundError } from './feedback.errors';
import { FORM_OUTCOME_FIELDS, FORM_TEXT_FIELDS, FormValues, formValuesOf } from './public-feedback-form';
import type { ResolvedFeedbackLink } from './public-feedback.guard';

/**
 * The public feedback pages: small, server-rendered JSX, no JavaScript. Mobile first (one
 * column, 16px+ text, touch targets of 48px), readable at 360px wide and at 200% zoom, a visible
 * focus ring, plain words. React escapes everything that came from outside.
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
  if (outcome && outcome in FORM_OUTCOME_FIELDS)
    return FORM_OUTCOME_FIELDS[outcome as keyof typeof FORM_OUTCOME_FIELDS];
  return field === 'outcomes' ? FORM_OUTCOME_FIELDS.knowledge : field;
}

/** An error in plain words (the API's messages are for developers). */
export function plainMessage(field: string): string {
  if (field === 'rating') return 'Please pick how it was, from 1 to 5.';
  if (Object.values(FORM_OUTCOME_FIELDS).includes(field)) return 'Please pick a number from 1 to 5, or skip this one.';
  if ((FORM_TEXT_FIELDS as readonly string[]).includes(field))
    return `Please make this shorter (up to ${MAX_FEEDBACK_TEXT} letters).`;
  return 'Something in the form was not right. Please try again.';
}

interface ScaleProps {
  name: string;
  legend: string;
  words: string[];
  values: FormValues;
  error: string | undefined;
  required: boolean;
  hint?: string;
}

function Scale({ name, legend, words, values, error, required, hint }: ScaleProps) {
  const errorId = `${name}-error`;
  return (
    <fieldset id={name} className={error ? 'invalid' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>
        {legend}
        {hint && (
          <>
            {' '}
            <span className="hint">{hint}</span>
          </>
        )}
      </legend>
      {error && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      <div className="scale">
        {words.map((word, index) => {
          const value = String(index + 1);
          const id = `${name}-${value}`;
          return (
            <label key={value} htmlFor={id}>
              <input
                type="radio"
                id={id}
                name={name}
                value={value}
                defaultChecked={values[name] === value}
                required={required}
              />{' '}
              {value} <span>{word}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function TextQuestion({
  name,
  values,
  error,
}: {
  name: (typeof FORM_TEXT_FIELDS)[number];
  values: FormValues;
  error: string | undefined;
}) {
  const errorId = `${name}-error`;
  return (
    <div className={error ? 'text invalid' : 'text'}>
      <label htmlFor={name}>
        {TEXT_QUESTIONS[name]} <span className="hint">(you can skip this)</span>
      </label>
      {error && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      <textarea
        id={name}
        name={name}
        rows={4}
        maxLength={MAX_FEEDBACK_TEXT}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        defaultValue={values[name] ?? ''}
      />
    </div>
  );
}

/**
 * Off-screen rather than display:none (which bots skip), and out of the accessibility tree and
 * the tab order, so no person, screen reader or keyboard meets the honeypot.
 */
const HONEYPOT_STYLE = '.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}';

/**
 * The form's honeypot: a field a bot fills and a person never sees (hidden from sight, screen
 * readers and the keyboard; no autofill). A post that fills it is thanked and stores nothing.
 */
function Honeypot() {
  const id = `${HONEYPOT_FIELD}-field`;
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={id}>Your website (leave this empty)</label>
      <input type="text" id={id} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/** A new key of one filling-in of the form: a resend of the same answers with it is stored once. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString('base64url');
}

export interface FeedbackFormView {
  programName: string;
  /** The link's token: the form posts back to it. */
  token: string;
  values?: FormValues;
  errors?: readonly FieldError[];
}

/** Where an error's link in the summary jumps to: the first choice of a group, or the text box. */
const FORM_FIELD_ANCHORS: Record<string, string> = {
  rating: 'rating-1',
  ...Object.fromEntries(Object.values(FORM_OUTCOME_FIELDS).map((name) => [name, `${name}-1`])),
  ...Object.fromEntries(FORM_TEXT_FIELDS.map((name) => [name, name])),
};

/** The anonymous form: how it was (1–5), four optional outcome statements, three open questions. */
export function renderFeedbackForm(view: FeedbackFormView): string {
  const values = view.values ?? {};
  const errors = new Map<string, string>();
  for (const error of view.errors ?? []) {
    const field = formFieldOf(error.field);
    if (!errors.has(field)) errors.set(field, plainMessage(field));
  }
  const title = `Feedback on ${view.programName}`;
  return renderDocument(
    <PublicPage title={`${errors.size > 0 ? 'Please check your answers: ' : ''}${title}`} style={HONEYPOT_STYLE}>
      <h1>{title}</h1>
      <p className="note">
        This is anonymous. We do not ask for your name, email or phone number. Please do not write them here.
      </p>
      <ErrorSummary errors={errors} anchorOf={(field) => FORM_FIELD_ANCHORS[field] ?? 'feedback-form'} />
      <form id="feedback-form" method="post" action={`/api/v1/public/feedback/${encodeURIComponent(view.token)}`}>
        <input type="hidden" name="submissionKey" value={values.submissionKey ?? newSubmissionKey()} />
        <Honeypot />
        <Scale
          name="rating"
          legend="How was it?"
          words={RATING_WORDS}
          values={values}
          error={errors.get('rating')}
          required
          hint="(pick one)"
        />
        <h2>Do you agree?</h2>
        <p>You can skip any of these. 1 means not at all, 5 means very much.</p>
        {OUTCOME_KEYS.map((key) => (
          <Scale
            key={key}
            name={FORM_OUTCOME_FIELDS[key]}
            legend={OUTCOME_STATEMENTS[key]}
            words={AGREE_WORDS}
            values={values}
            error={errors.get(FORM_OUTCOME_FIELDS[key])}
            required={false}
          />
        ))}
        {FORM_TEXT_FIELDS.map((name) => (
          <TextQuestion key={name} name={name} values={values} error={errors.get(name)} />
        ))}
        <button type="submit">Send my feedback</button>
      </form>
    </PublicPage>,
  );
}

export function renderThanks(programName: string): string {
  return renderDocument(
    <PublicPage title="Thank you!">
      <h1>Thank you!</h1>
      <p>We got your feedback on {programName}. It helps us make it better.</p>
      <p>You can close this page now.</p>
    </PublicPage>,
  );
}

export function renderLinkNotFound(): string {
  return renderDocument(
    <PublicPage title="This link does not work">
      <h1>This link does not work</h1>
      <p>It may be old, turned off, or typed wrong. Please ask the library staff for a new one.</p>
    </PublicPage>,
  );
}

/** How the feedback page and its posts answer browsers (PublicPageFilter). */
export const FEEDBACK_PAGES: PublicPages<ResolvedFeedbackLink> = {
  name: 'public feedback',
  errorPage: (error) => (error instanceof FeedbackLinkNotFoundError ? renderLinkNotFound() : undefined),
  formPage: ({ link, token, body, isForm }, errors) =>
    renderFeedbackForm({ programName: link.program.name, token, values: formValuesOf(body, isForm), errors }),
};
