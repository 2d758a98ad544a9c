import { randomBytes } from 'node:crypto';
import type { FieldError } from '../common/errors/domain-error';
import type { MessageKey } from '@tandem/shared';
import type { PublicLocale } from '../common/public/public-locale';
import { ErrorSummary, PublicPage, renderDocument, renderMessagePage } from '../common/public/public-page';
import type { PublicPages } from '../common/public/public-page.filter';
import { HONEYPOT_FIELD, MAX_FEEDBACK_TEXT, OUTCOME_KEYS } from './dto/feedback.dto';
import { FeedbackLinkNotFoundError } from './feedback.errors';
import { FORM_OUTCOME_FIELDS, FORM_TEXT_FIELDS, FormValues, formValuesOf } from './public-feedback-form';
import type { ResolvedFeedbackLink } from './public-feedback.guard';

/**
 * The public feedback pages: small, server-rendered JSX, no JavaScript. Mobile first (one
 * column, 16px+ text, touch targets of 48px), readable at 360px wide and at 200% zoom, a visible
 * focus ring, plain words, in the visitor's language (the catalogs in @tandem/shared; tú for
 * youth). React escapes everything that came from outside.
 */

const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
const ratingWords = (locale: PublicLocale) => SCALE_VALUES.map((value) => locale.t(`feedback.rating.${value}`));
const agreeWords = (locale: PublicLocale) => SCALE_VALUES.map((value) => locale.t(`feedback.agree.${value}`));
const TEXT_QUESTIONS: Record<(typeof FORM_TEXT_FIELDS)[number], MessageKey> = {
  worked: 'feedback.question.worked',
  didntWork: 'feedback.question.didntWork',
  suggestions: 'feedback.question.suggestions',
};

/** The form's field an error is about (`outcomes.knowledge` → `outcomeKnowledge`). */
export function formFieldOf(field: string): string {
  const outcome = /^outcomes\.(\w+)$/.exec(field)?.[1];
  if (outcome && outcome in FORM_OUTCOME_FIELDS)
    return FORM_OUTCOME_FIELDS[outcome as keyof typeof FORM_OUTCOME_FIELDS];
  return field === 'outcomes' ? FORM_OUTCOME_FIELDS.knowledge : field;
}

/** An error in plain words, in the page's language (the API's messages are for developers). */
export function plainMessage(field: string, locale: Pick<PublicLocale, 't'>): string {
  if (field === 'rating') return locale.t('feedback.error.rating');
  if (Object.values(FORM_OUTCOME_FIELDS).includes(field)) return locale.t('feedback.error.outcome');
  if ((FORM_TEXT_FIELDS as readonly string[]).includes(field))
    return locale.t('feedback.error.tooLong', { max: MAX_FEEDBACK_TEXT });
  return locale.t('public.error.generic');
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
  locale,
  name,
  values,
  error,
}: {
  locale: PublicLocale;
  name: (typeof FORM_TEXT_FIELDS)[number];
  values: FormValues;
  error: string | undefined;
}) {
  const errorId = `${name}-error`;
  return (
    <div className={error ? 'text invalid' : 'text'}>
      <label htmlFor={name}>
        {locale.t(TEXT_QUESTIONS[name])} <span className="hint">{locale.t('public.optional')}</span>
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
function Honeypot({ locale }: { locale: PublicLocale }) {
  const id = `${HONEYPOT_FIELD}-field`;
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={id}>{locale.t('feedback.honeypot')}</label>
      <input type="text" id={id} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/** A new key of one filling-in of the form: a resend of the same answers with it is stored once. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString('base64url');
}

export interface FeedbackFormView {
  locale: PublicLocale;
  programName: string;
  /** The link's token: the form posts back to it. */
  token: string;
  values?: FormValues;
  errors?: readonly FieldError[];
  /** A page opened from the link (GET) links to its other languages; a form sent back does not. */
  languageLinks?: boolean;
}

/** Where an error's link in the summary jumps to: the first choice of a group, or the text box. */
const FORM_FIELD_ANCHORS: Record<string, string> = {
  rating: 'rating-1',
  ...Object.fromEntries(Object.values(FORM_OUTCOME_FIELDS).map((name) => [name, `${name}-1`])),
  ...Object.fromEntries(FORM_TEXT_FIELDS.map((name) => [name, name])),
};

/**
 * The anonymous form: how it was (1–5), four optional outcome statements, three open questions.
 * It posts the language it is in, which the feedback records and its answers are shown in.
 */
export function renderFeedbackForm(view: FeedbackFormView): string {
  const { locale } = view;
  const values = view.values ?? {};
  const errors = new Map<string, string>();
  for (const error of view.errors ?? []) {
    const field = formFieldOf(error.field);
    if (!errors.has(field)) errors.set(field, plainMessage(field, locale));
  }
  const title = locale.t('feedback.title', { program: view.programName });
  const agree = agreeWords(locale);
  return renderDocument(
    <PublicPage
      locale={locale}
      title={errors.size > 0 ? locale.t('public.titleWithErrors', { title }) : title}
      style={HONEYPOT_STYLE}
      languageLinks={view.languageLinks}
    >
      <h1>{title}</h1>
      <p>{locale.t('feedback.intro', { library: locale.libraryName })}</p>
      <p className="note">{locale.t('feedback.anonymous')}</p>
      <ErrorSummary
        locale={locale}
        errors={errors}
        anchorOf={(field) => FORM_FIELD_ANCHORS[field] ?? 'feedback-form'}
      />
      <form id="feedback-form" method="post" action={`/api/v1/public/feedback/${encodeURIComponent(view.token)}`}>
        <input type="hidden" name="submissionKey" value={values.submissionKey ?? newSubmissionKey()} />
        <input type="hidden" name="language" value={locale.language} />
        <Honeypot locale={locale} />
        <Scale
          name="rating"
          legend={locale.t('feedback.rating.legend')}
          words={ratingWords(locale)}
          values={values}
          error={errors.get('rating')}
          required
          hint={locale.t('feedback.rating.hint')}
        />
        <h2>{locale.t('feedback.agree.heading')}</h2>
        <p>{locale.t('feedback.agree.intro')}</p>
        {OUTCOME_KEYS.map((key) => (
          <Scale
            key={key}
            name={FORM_OUTCOME_FIELDS[key]}
            legend={locale.t(`feedback.outcome.${key}`)}
            words={agree}
            values={values}
            error={errors.get(FORM_OUTCOME_FIELDS[key])}
            required={false}
          />
        ))}
        {FORM_TEXT_FIELDS.map((name) => (
          <TextQuestion key={name} locale={locale} name={name} values={values} error={errors.get(name)} />
        ))}
        <button type="submit">{locale.t('feedback.submit')}</button>
      </form>
    </PublicPage>,
  );
}

export function renderThanks(programName: string, locale: PublicLocale): string {
  return renderMessagePage(
    locale,
    locale.t('feedback.thanks.title'),
    locale.t('feedback.thanks.body', { program: programName }),
    locale.t('public.closePage'),
  );
}

export function renderLinkNotFound(locale: PublicLocale): string {
  return renderMessagePage(locale, locale.t('public.linkBroken.title'), locale.t('feedback.notFound.body'));
}

/** How the feedback page and its posts answer browsers (PublicPageFilter), in the program's language unless asked otherwise. */
export const FEEDBACK_PAGES: PublicPages<ResolvedFeedbackLink> = {
  name: 'public feedback',
  preferredLanguage: ({ program }) => program.language,
  errorPage: (error, locale) => (error instanceof FeedbackLinkNotFoundError ? renderLinkNotFound(locale) : undefined),
  formPage: ({ link, token, body, isForm }, errors, locale) =>
    renderFeedbackForm({ locale, programName: link.program.name, token, values: formValuesOf(body, isForm), errors }),
};
