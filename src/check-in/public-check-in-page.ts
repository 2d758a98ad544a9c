import type { FieldError } from '../common/errors/domain-error';
import { publicPage } from '../common/public-page';
import { escapeHtml } from '../mail/html';
import { CHECK_IN_AREA_LABELS, CHECK_IN_AREAS } from '../partnership/health-rules';
import { CHECK_IN_STATEMENTS, CheckInStatement, MAX_CHECK_IN_COMMENT, SCALE_WORDS } from './check-in-survey';
import { COMMENT_FIELD, CheckInFormValues } from './public-check-in-form';

/**
 * The check-in survey page and its answers, in the same shell as the public feedback form (no
 * JavaScript, a plain form post, everything from outside escaped). Statements are grouped by
 * area; each is a fieldset of six radios (1–5 and "Not sure", which posts an empty value).
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

function statementField(statement: CheckInStatement, values: CheckInFormValues, error: string | undefined): string {
  const name = statement.id;
  const errorId = `${name}-error`;
  const options = [...SCALE_WORDS.map((word, index) => ({ value: String(index + 1), word, label: `${index + 1}` })), { value: '', word: 'Not sure', label: '' }];
  const radios = options
    .map((option, index) => {
      const id = `${name}-${index + 1}`;
      const checked = values[name] === option.value ? ' checked' : '';
      const label = option.label ? `${option.label} <span>${escapeHtml(option.word)}</span>` : `<span>${escapeHtml(option.word)}</span>`;
      return `<label for="${escapeHtml(id)}"><input type="radio" id="${escapeHtml(id)}" name="${escapeHtml(name)}" value="${option.value}"${checked}> ${label}</label>`;
    })
    .join('\n');
  return `<fieldset id="${escapeHtml(name)}"${error ? ` class="invalid" aria-describedby="${escapeHtml(errorId)}"` : ''}>
<legend>${escapeHtml(statement.text)}</legend>
${error ? `<p class="error" id="${escapeHtml(errorId)}">${escapeHtml(error)}</p>\n` : ''}<div class="scale agree">
${radios}
</div>
</fieldset>`;
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
  errors?: FieldError[];
}

/** The survey: twelve statements in six areas, then an optional comment. */
export function renderCheckInForm(view: CheckInFormView): string {
  const values = view.values ?? {};
  const errors = new Map<string, string>();
  for (const error of view.errors ?? []) {
    const key = error.field.startsWith('answers.') || error.field === 'answers' || error.field === COMMENT_FIELD ? error.field : 'form';
    if (!errors.has(key)) errors.set(key, plainCheckInMessage(key));
  }
  const summary =
    errors.size > 0
      ? `<div class="errors" role="alert">
<h2>Please check your answers</h2>
<ul>
${[...errors].map(([field, message]) => `<li><a href="#${escapeHtml(anchorOf(field))}">${escapeHtml(message)}</a></li>`).join('\n')}
</ul>
</div>
`
      : '';
  const areas = CHECK_IN_AREAS.map((area) => {
    const label = CHECK_IN_AREA_LABELS[area];
    const statements = CHECK_IN_STATEMENTS.filter((statement) => statement.area === area)
      .map((statement) => statementField(statement, values, errors.get(`answers.${statement.id}`)))
      .join('\n');
    return `<h2 class="area">${escapeHtml(label.charAt(0).toUpperCase() + label.slice(1))}</h2>\n${statements}`;
  }).join('\n');
  const commentError = errors.get(COMMENT_FIELD);
  const other = view.respondent === 'owner' ? escapeHtml(view.organizationName) : 'the library';
  const title = `How is our partnership going?`;
  return publicPage(
    `${errors.size > 0 ? 'Please check your answers: ' : ''}${title} ${view.organizationName} and the library`,
    `<h1>${escapeHtml(title)}</h1>
<p>A short check-in on the partnership between <strong>${escapeHtml(view.organizationName)}</strong> and the library. It takes about 3 minutes.</p>
<p class="note">For each statement, pick how much you agree: 1 is strongly disagree, 5 is strongly agree. "The other side" means ${other}. Pick "Not sure" or leave one out if you cannot say. Please answer by ${escapeHtml(view.closesOn)}.</p>
${summary}<form id="check-in-form" method="post" action="/api/v1/public/check-ins/${encodeURIComponent(view.token)}">
${areas}
<div class="text${commentError ? ' invalid' : ''}">
<label for="${COMMENT_FIELD}">Anything else you want us to know? <span class="hint">(you can skip this)</span></label>
${commentError ? `<p class="error" id="${COMMENT_FIELD}-error">${escapeHtml(commentError)}</p>\n` : ''}<textarea id="${COMMENT_FIELD}" name="${COMMENT_FIELD}" rows="4" maxlength="${MAX_CHECK_IN_COMMENT}"${commentError ? ` aria-invalid="true" aria-describedby="${COMMENT_FIELD}-error"` : ''}>${escapeHtml(values[COMMENT_FIELD] ?? '')}</textarea>
</div>
<button type="submit">Send my answers</button>
</form>`,
    SURVEY_STYLE,
  );
}

export function renderCheckInThanks(organizationName: string): string {
  return publicPage(
    'Thank you!',
    `<h1>Thank you!</h1>
<p>We got your answers about the partnership between ${escapeHtml(organizationName)} and the library. We will look at them together and follow up on anything that needs it.</p>
<p>You can close this page now.</p>`,
  );
}

export function renderCheckInAlreadyAnswered(): string {
  return publicPage(
    'You already answered',
    `<h1>You already answered</h1>
<p>Your answers to this check-in are in, thank you. Each person answers once.</p>`,
  );
}

export function renderCheckInClosed(): string {
  return publicPage(
    'This check-in has closed',
    `<h1>This check-in has closed</h1>
<p>It no longer takes answers. If there is something you want to tell us, please reply to the email or contact the library staff you work with.</p>`,
  );
}

export function renderCheckInLinkNotFound(): string {
  return publicPage(
    'This link does not work',
    `<h1>This link does not work</h1>
<p>It may be incomplete or typed wrong. Please open the link from the email exactly as it came.</p>`,
  );
}

export function renderCheckInTooMany(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return publicPage(
    'Please try again later',
    `<h1>Please try again later</h1>
<p>A lot of answers were sent from here just now. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.</p>`,
  );
}
