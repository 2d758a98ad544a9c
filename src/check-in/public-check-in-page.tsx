import type { FieldError } from '../common/errors/domain-error';
import { ErrorSummary, PublicPage, renderDocument } from '../common/public/public-page';
import type { PublicPages } from '../common/public/public-page.filter';
import { formatDay } from './check-in-email';
import { CHECK_IN_AREA_LABELS, CHECK_IN_AREAS } from '../partnership/health-rules';
import { CHECK_IN_STATEMENTS, CheckInStatement, MAX_CHECK_IN_COMMENT, SCALE_WORDS } from './check-in-survey';
import { CheckInAlreadyAnsweredError, CheckInClosedError, CheckInLinkNotFoundError } from './check-in.errors';
import { COMMENT_FIELD, CheckInFormValues, checkInFormValuesOf } from './public-check-in-form';
import type { OpenedSurvey } from './public-check-in.service';

/**
 * The check-in survey page and its answers, in the same shell as the public feedback form (JSX
 * rendered on the server, no JavaScript, a plain form post; React escapes everything from
 * outside). Statements are grouped by area; each is a fieldset of six radios (1–5 and "Not
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

/** An error in plain words (the API's messages are for developers). */
export function plainCheckInMessage(field: string): string {
  if (field === 'answers') return 'Please answer at least one statement (you can skip the others).';
  if (field.startsWith('answers.')) return 'Please pick a number from 1 to 5, or "Not sure".';
  if (field === COMMENT_FIELD) return `Please make your comment shorter (up to ${MAX_CHECK_IN_COMMENT} letters).`;
  return 'Something in the form was not right. Please try again.';
}

const SCALE_OPTIONS = [
  ...SCALE_WORDS.map((word, index) => ({ value: String(index + 1), word, label: `${index + 1}` })),
  { value: '', word: 'Not sure', label: '' },
];

function StatementField({
  statement,
  values,
  error,
}: {
  statement: CheckInStatement;
  values: CheckInFormValues;
  error: string | undefined;
}) {
  const name = statement.id;
  const errorId = `${name}-error`;
  return (
    <fieldset id={name} className={error ? 'invalid' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{statement.text}</legend>
      {error && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      <div className="scale agree">
        {SCALE_OPTIONS.map((option, index) => {
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
  organizationName: string;
  /** The link's token: the form posts back to it. */
  token: string;
  /** "owner" sees the partnership from the library's side, "partner" from the organization's. */
  respondent: 'owner' | 'partner';
  /** The deadline as people read it ("Friday, June 12, 2026"). */
  closesOn: string;
  values?: CheckInFormValues;
  errors?: readonly FieldError[];
}

/** The form of the survey a token opened. */
export function checkInFormView(survey: OpenedSurvey, token: string): CheckInFormView {
  return {
    organizationName: survey.organizationName,
    token,
    respondent: survey.respondent,
    closesOn: formatDay(survey.closesAt, survey.zone),
  };
}

/** The survey: twelve statements in six areas, then an optional comment. */
export function renderCheckInForm(view: CheckInFormView): string {
  const values = view.values ?? {};
  const errors = new Map<string, string>();
  for (const error of view.errors ?? []) {
    const key =
      error.field.startsWith('answers.') || error.field === 'answers' || error.field === COMMENT_FIELD
        ? error.field
        : 'form';
    if (!errors.has(key)) errors.set(key, plainCheckInMessage(key));
  }
  const commentError = errors.get(COMMENT_FIELD);
  const other = view.respondent === 'owner' ? view.organizationName : 'the library';
  const title = `How is our partnership going?`;
  return renderDocument(
    <PublicPage
      title={`${errors.size > 0 ? 'Please check your answers: ' : ''}${title} ${view.organizationName} and the library`}
      style={SURVEY_STYLE}
    >
      <h1>{title}</h1>
      <p>
        A short check-in on the partnership between <strong>{view.organizationName}</strong> and the library. It takes
        about 3 minutes.
      </p>
      <p className="note">
        For each statement, pick how much you agree: 1 is strongly disagree, 5 is strongly agree. &quot;The other
        side&quot; means {other}. Pick &quot;Not sure&quot; or leave one out if you cannot say. Please answer by{' '}
        {view.closesOn}.
      </p>
      <ErrorSummary errors={errors} anchorOf={anchorOf} />
      <form id="check-in-form" method="post" action={`/api/v1/public/check-ins/${encodeURIComponent(view.token)}`}>
        {CHECK_IN_AREAS.map((area) => {
          const label = CHECK_IN_AREA_LABELS[area];
          return [
            <h2 key={area} className="area">
              {label.charAt(0).toUpperCase() + label.slice(1)}
            </h2>,
            ...CHECK_IN_STATEMENTS.filter((statement) => statement.area === area).map((statement) => (
              <StatementField
                key={statement.id}
                statement={statement}
                values={values}
                error={errors.get(`answers.${statement.id}`)}
              />
            )),
          ];
        })}
        <div className={commentError ? 'text invalid' : 'text'}>
          <label htmlFor={COMMENT_FIELD}>
            Anything else you want us to know? <span className="hint">(you can skip this)</span>
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
        <button type="submit">Send my answers</button>
      </form>
    </PublicPage>,
  );
}

export function renderCheckInThanks(organizationName: string): string {
  return renderDocument(
    <PublicPage title="Thank you!">
      <h1>Thank you!</h1>
      <p>
        We got your answers about the partnership between {organizationName} and the library. We will look at them
        together and follow up on anything that needs it.
      </p>
      <p>You can close this page now.</p>
    </PublicPage>,
  );
}

export function renderCheckInAlreadyAnswered(): string {
  return renderDocument(
    <PublicPage title="You already answered">
      <h1>You already answered</h1>
      <p>Your answers to this check-in are in, thank you. Each person answers once.</p>
    </PublicPage>,
  );
}

export function renderCheckInClosed(): string {
  return renderDocument(
    <PublicPage title="This check-in has closed">
      <h1>This check-in has closed</h1>
      <p>
        It no longer takes answers. If there is something you want to tell us, please reply to the email or contact the
        library staff you work with.
      </p>
    </PublicPage>,
  );
}

export function renderCheckInLinkNotFound(): string {
  return renderDocument(
    <PublicPage title="This link does not work">
      <h1>This link does not work</h1>
      <p>It may be incomplete or typed wrong. Please open the link from the email exactly as it came.</p>
    </PublicPage>,
  );
}

/** How the survey page and its posts answer browsers (PublicPageFilter). */
export const CHECK_IN_PAGES: PublicPages<OpenedSurvey> = {
  name: 'check-in answers',
  errorPage(error) {
    if (error instanceof CheckInLinkNotFoundError) return renderCheckInLinkNotFound();
    if (error instanceof CheckInAlreadyAnsweredError) return renderCheckInAlreadyAnswered();
    if (error instanceof CheckInClosedError) return renderCheckInClosed();
    return undefined;
  },
  formPage: ({ link: survey, token, body, isForm }, errors) =>
    renderCheckInForm({ ...checkInFormView(survey, token), values: checkInFormValuesOf(body, isForm), errors }),
};
