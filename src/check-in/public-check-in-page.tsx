import type { FieldError } from '../common/errors/domain-error';
import { formatLongDay, type MessageKey } from '@tandem/shared';
import type { PublicLocale } from '../common/public/public-locale';
import { ErrorSummary, PublicPage, renderDocument, renderMessagePage } from '../common/public/public-page';
import type { PublicPages } from '../common/public/public-page.filter';
import { CHECK_IN_AREAS } from '../partnership/health-rules';
import { CHECK_IN_STATEMENTS, CheckInStatement, MAX_CHECK_IN_COMMENT, SCALE_MAX, SCALE_MIN } from './check-in-survey';
import { CheckInAlreadyAnsweredError, CheckInClosedError, CheckInLinkNotFoundError } from './check-in.errors';
import { COMMENT_FIELD, CheckInFormValues, checkInFormValuesOf } from './public-check-in-form';
import type { OpenedSurvey } from './public-check-in.service';

/**
 * The check-in survey page and its answers, in the same shell as the public feedback form (JSX
 * rendered on the server, no JavaScript, a plain form post; React escapes everything from
 * outside), in the respondent's language: a partner contact's own, else the browser's. Statements are grouped by area; each is a fieldset of six radios (1–5 and "Not
 * sure", which posts an empty value).
 */

/**
 * The agreement scale has long words ("Neither agree nor disagree"): one choice per line on a
 * phone, three per line from 36rem; the area headings stand out from the statements.
 */
const SURVEY_STYLE = `
.agree{grid-template-columns:1fr}
@media (min-width:36rem){.agree{grid-template-columns:repeat(3,1fr)}}
.agree label{overflow-wrap:anywhere}
h2.area{border-bottom:2px solid #1a4f8b;padding-bottom:.25rem;margin-top:2rem}
legend{font-weight:600}
`;

/** Where an error's link in the summary jumps to (the first choice of a statement, or the comment box). */
function anchorOf(field: string): string {
  const id = /^answers\.(.+)$/.exec(field)?.[1];
  if (id && CHECK_IN_STATEMENTS.some((statement) => statement.id === id)) return `${id}-1`;
  if (field === COMMENT_FIELD) return COMMENT_FIELD;
  return 'check-in-form';
}

/** An error in plain words, in the page's language (the API's messages are for developers). */
export function plainCheckInMessage(field: string, locale: Pick<PublicLocale, 't'>): string {
  if (field === 'answers') return locale.t('checkIn.error.answers');
  if (field.startsWith('answers.')) return locale.t('checkIn.error.answer');
  if (field === COMMENT_FIELD) return locale.t('checkIn.error.comment', { max: MAX_CHECK_IN_COMMENT });
  return locale.t('public.error.generic');
}

/** The choices of a statement: 1–5 with their words, then "Not sure" (an empty value). */
function scaleOptions(locale: PublicLocale): { value: string; word: string; label: string }[] {
  const options = [];
  for (let value = SCALE_MIN; value <= SCALE_MAX; value += 1)
    options.push({
      value: String(value),
      word: locale.t(`checkIn.scale.${value}` as MessageKey),
      label: String(value),
    });
  return [...options, { value: '', word: locale.t('checkIn.scale.notSure'), label: '' }];
}

function StatementField({
  locale,
  statement,
  values,
  error,
}: {
  locale: PublicLocale;
  statement: CheckInStatement;
  values: CheckInFormValues;
  error: string | undefined;
}) {
  const name = statement.id;
  const errorId = `${name}-error`;
  return (
    <fieldset id={name} className={error ? 'invalid' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{locale.t(`checkIn.statement.${statement.id}` as MessageKey)}</legend>
      {error && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      <div className="scale agree">
        {scaleOptions(locale).map((option, index) => {
          const id = `${name}-${index + 1}`;
          return (
            <label key={id} htmlFor={id}>
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                defaultChecked={values[name] === option.value}
              />{' '}
              {option.label && `${option.label} `}
              <span>{option.word}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export interface CheckInFormView {
  locale: PublicLocale;
  organizationName: string;
  /** The link's token: the form posts back to it. */
  token: string;
  /** "owner" sees the partnership from the library's side, "partner" from the organization's. */
  respondent: 'owner' | 'partner';
  /** The last day answers are taken. */
  closesAt: Date;
  values?: CheckInFormValues;
  errors?: readonly FieldError[];
  /** A page opened from the link (GET) links to its other languages; a form sent back does not. */
  languageLinks?: boolean;
}

/** The form of the survey a token opened. */
export function checkInFormView(survey: OpenedSurvey, token: string, locale: PublicLocale): CheckInFormView {
  return {
    locale,
    organizationName: survey.organizationName,
    token,
    respondent: survey.respondent,
    closesAt: survey.closesAt,
  };
}

/** The survey: twelve statements in six areas, then an optional comment. */
export function renderCheckInForm(view: CheckInFormView): string {
  const { locale } = view;
  const values = view.values ?? {};
  const errors = new Map<string, string>();
  for (const error of view.errors ?? []) {
    const key =
      error.field.startsWith('answers.') || error.field === 'answers' || error.field === COMMENT_FIELD
        ? error.field
        : 'form';
    if (!errors.has(key)) errors.set(key, plainCheckInMessage(key, locale));
  }
  const commentError = errors.get(COMMENT_FIELD);
  const library = locale.libraryName;
  const other = view.respondent === 'owner' ? view.organizationName : library;
  const documentTitle = locale.t('checkIn.documentTitle', { organization: view.organizationName, library });
  return renderDocument(
    <PublicPage
      locale={locale}
      title={errors.size > 0 ? locale.t('public.titleWithErrors', { title: documentTitle }) : documentTitle}
      style={SURVEY_STYLE}
      languageLinks={view.languageLinks}
    >
      <h1>{locale.t('checkIn.title')}</h1>
      <p>{locale.t('checkIn.intro', { organization: view.organizationName, library })}</p>
      <p className="note">
        {locale.t('checkIn.instructions', {
          other,
          closesOn: formatLongDay(view.closesAt, locale.language, locale.timezone),
        })}
      </p>
      <ErrorSummary locale={locale} errors={errors} anchorOf={anchorOf} />
      <form
        id="check-in-form"
        method="post"
        action={`/api/v1/public/check-ins/${encodeURIComponent(view.token)}?lang=${locale.language}`}
      >
        {CHECK_IN_AREAS.map((area) => [
          <h2 key={area} className="area">
            {locale.t(`checkIn.area.${area}`)}
          </h2>,
          ...CHECK_IN_STATEMENTS.filter((statement) => statement.area === area).map((statement) => (
            <StatementField
              key={statement.id}
              locale={locale}
              statement={statement}
              values={values}
              error={errors.get(`answers.${statement.id}`)}
            />
          )),
        ])}
        <div className={commentError ? 'text invalid' : 'text'}>
          <label htmlFor={COMMENT_FIELD}>
            {locale.t('checkIn.comment')} <span className="hint">{locale.t('public.optional')}</span>
          </label>
          {commentError && (
            <p className="error" id={`${COMMENT_FIELD}-error`}>
              {commentError}
            </p>
          )}
          <textarea
            id={COMMENT_FIELD}
            name={COMMENT_FIELD}
            rows={4}
            maxLength={MAX_CHECK_IN_COMMENT}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? `${COMMENT_FIELD}-error` : undefined}
            defaultValue={values[COMMENT_FIELD] ?? ''}
          />
        </div>
        <button type="submit">{locale.t('checkIn.submit')}</button>
      </form>
    </PublicPage>,
  );
}

export function renderCheckInThanks(organizationName: string, locale: PublicLocale): string {
  return renderMessagePage(
    locale,
    locale.t('checkIn.thanks.title'),
    locale.t('checkIn.thanks.body', { organization: organizationName, library: locale.libraryName }),
    locale.t('public.closePage'),
  );
}

export function renderCheckInAlreadyAnswered(locale: PublicLocale): string {
  return renderMessagePage(locale, locale.t('checkIn.answered.title'), locale.t('checkIn.answered.body'));
}

export function renderCheckInClosed(locale: PublicLocale): string {
  return renderMessagePage(locale, locale.t('checkIn.closed.title'), locale.t('checkIn.closed.body'));
}

export function renderCheckInLinkNotFound(locale: PublicLocale): string {
  return renderMessagePage(locale, locale.t('public.linkBroken.title'), locale.t('checkIn.notFound.body'));
}

/** How the survey page and its posts answer browsers (PublicPageFilter), in the partner contact's language unless asked otherwise. */
export const CHECK_IN_PAGES: PublicPages<OpenedSurvey> = {
  name: 'check-in answers',
  preferredLanguage: (survey) => survey.language,
  errorPage(error, locale) {
    if (error instanceof CheckInLinkNotFoundError) return renderCheckInLinkNotFound(locale);
    if (error instanceof CheckInAlreadyAnsweredError) return renderCheckInAlreadyAnswered(locale);
    if (error instanceof CheckInClosedError) return renderCheckInClosed(locale);
    return undefined;
  },
  formPage: ({ link: survey, token, body, isForm }, errors, locale) =>
    renderCheckInForm({ ...checkInFormView(survey, token, locale), values: checkInFormValuesOf(body, isForm), errors }),
};
