import { localeOf } from '../common/i18n/locale';
import { CHECK_IN_STATEMENT_IDS } from './check-in-survey';
import { renderCheckInClosed, renderCheckInForm, renderCheckInThanks } from './public-check-in-page';

function attributesOf(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? ''])),
  );
}

const EN = localeOf('en');
const VIEW = {
  locale: EN,
  organizationName: 'Harbor House',
  token: 'tok.123',
  respondent: 'partner' as const,
  closesAt: new Date('2026-06-12T20:00:00Z'),
};

describe(renderCheckInForm.name, () => {
  const html = renderCheckInForm(VIEW);

  it('asks every statement as a fieldset of 1–5 and "Not sure", grouped under the six areas', () => {
    expect(attributesOf(html, 'fieldset').map((f) => f.id)).toEqual(CHECK_IN_STATEMENT_IDS);
    expect(html.match(/<legend>/g)).toHaveLength(12);
    expect([...html.matchAll(/<h2 class="area">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual([
      'Environment',
      'Membership',
      'Process and structure',
      'Communication',
      'Purpose',
      'Resources',
    ]);
    const radios = attributesOf(html, 'input').filter((input) => input.name === 'communication.heard');
    expect(radios.map((r) => r.value)).toEqual(['1', '2', '3', '4', '5', '']);
    expect(html).toContain('Strongly disagree');
    expect(html).toContain('Not sure');
  });

  it('labels every input and the comment box, with unique ids', () => {
    const labels = new Set(attributesOf(html, 'label').map((l) => l.for));
    const inputs = [...attributesOf(html, 'input'), ...attributesOf(html, 'textarea')];
    expect(inputs).toHaveLength(12 * 6 + 1);
    for (const input of inputs) expect(labels.has(input.id)).toBe(true);
    expect(new Set(inputs.map((i) => i.id)).size).toBe(inputs.length);
    expect(attributesOf(html, 'textarea')[0]).toMatchObject({ name: 'comment', maxlength: '2000' });
  });

  it('posts to the public API without JavaScript, says who it is about, how long it takes and until when', () => {
    expect(attributesOf(html, 'form')[0]).toMatchObject({
      method: 'post',
      action: '/api/v1/public/check-ins/tok.123?lang=en',
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Harbor House');
    expect(html).toContain('about 3 minutes');
    expect(html).toContain('Friday, June 12, 2026');
    expect(html).toContain('“The other side” means the library');
    expect(renderCheckInForm({ ...VIEW, respondent: 'owner' })).toContain('“The other side” means Harbor House');
  });

  it('escapes the organization name, the kept answers and the token', () => {
    const evil = renderCheckInForm({
      ...VIEW,
      organizationName: '<img src=x onerror=alert(1)>',
      token: '"><script>',
      values: { comment: '</textarea><script>alert(2)</script>', 'purpose.shared': '" onfocus="x' },
    });
    expect(evil).not.toMatch(/<script/i);
    expect(evil).not.toContain('<img');
    expect(evil).toContain('&lt;/textarea&gt;');
  });

  it('shows the errors in plain words next to their statements and keeps the answers given', () => {
    const page = renderCheckInForm({
      ...VIEW,
      values: { 'purpose.shared': '4', 'communication.heard': '', comment: 'Keep it up' },
      errors: [
        { field: 'answers.resources.capacity', message: 'must be a whole number' },
        { field: 'comment', message: 'must be shorter' },
      ],
    });
    expect(page).toContain('role="alert"');
    expect(page).toContain('href="#resources.capacity-1"');
    expect(page).toContain('Please pick a number from 1 to 5, or “Not sure”.');
    expect(page).toContain('Please make your comment shorter (up to 2,000 letters).');
    const checked = attributesOf(page, 'input').filter((input) => 'checked' in input);
    expect(checked.map((input) => [input.name, input.value])).toEqual([
      ['communication.heard', ''],
      ['purpose.shared', '4'],
    ]);
    expect(page).toContain('>Keep it up</textarea>');
    expect(attributesOf(page, 'fieldset').find((f) => f.id === 'resources.capacity')).toMatchObject({
      class: 'invalid',
    });
  });
});

it('thanks and closed pages say what happened in plain words', () => {
  expect(renderCheckInThanks('A & B', EN)).toContain('A &amp; B');
  expect(renderCheckInClosed(EN)).toContain('This check-in has closed');
});

describe('in Spanish, for a partner contact', () => {
  const ES = localeOf('es', {
    name: 'Biblioteca Central',
    timezone: 'America/Chicago',
    defaultLanguage: 'en',
    languages: ['en', 'es'],
  });
  // 02:00 UTC on Saturday is still Friday evening in Chicago.
  const page = renderCheckInForm({
    ...VIEW,
    locale: ES,
    closesAt: new Date('2026-06-13T02:00:00Z'),
    languageLinks: true,
  });

  it('asks every statement in Spanish, usted, with the deadline a day in the library’s zone', () => {
    expect(page).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(page).toContain('<title>¿Cómo va nuestra colaboración? Harbor House y Biblioteca Central</title>');
    expect(page).toContain('«La otra parte» es Biblioteca Central.');
    expect(page).toContain('a más tardar el viernes, 12 de junio de 2026.');
    expect(page).toContain(
      '<legend>Confío en las personas con quienes trabajo de la otra parte de esta colaboración.</legend>',
    );
    expect(page).toContain('<span>Totalmente de acuerdo</span>');
    expect(page).toContain('<span>No estoy seguro</span>');
    expect(attributesOf(page, 'form')[0].action).toBe('/api/v1/public/check-ins/tok.123?lang=es');
    expect(page).toContain('<a href="?lang=en" hrefLang="en" lang="en">English</a>');
  });

  it('thanks in Spanish', () => {
    expect(renderCheckInThanks('Harbor House', ES)).toContain(
      'Recibimos sus respuestas sobre la colaboración entre Harbor House y Biblioteca Central.',
    );
  });
});
