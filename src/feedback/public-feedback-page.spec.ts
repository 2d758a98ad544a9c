import {
  formFieldOf,
  plainMessage,
  renderFeedbackForm,
  renderLinkNotFound,
  renderThanks,
} from './public-feedback-page';
import { renderTryAgainLater } from '../common/public/public-page';
import { localeOf } from '../common/i18n/locale';

const EN = localeOf('en');
const ES = localeOf('es', {
  name: 'Biblioteca Central',
  timezone: 'America/Chicago',
  defaultLanguage: 'en',
  languages: ['en', 'es'],
});

function attributesOf(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? ''])),
  );
}

describe('renderFeedbackForm', () => {
  const html = renderFeedbackForm({ locale: EN, programName: 'Drop-in', token: 'tok_123' });

  it('labels every input and textarea with a label for its id (the honeypot too, for the bots that read it)', () => {
    const labels = new Set(attributesOf(html, 'label').map((l) => l.for));
    const fields = [...attributesOf(html, 'input'), ...attributesOf(html, 'textarea')].filter(
      (field) => field.type !== 'hidden',
    );
    expect(fields).toHaveLength(29);
    for (const field of fields) expect(labels.has(field.id)).toBe(true);
    expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
  });

  it('hides the honeypot from sight, screen readers, the keyboard and autofill', () => {
    expect(html).toMatch(
      /<div class="hp" aria-hidden="true"><label for="website-field">[^<]+<\/label><input [^>]+><\/div>/,
    );
    const [honeypot] = attributesOf(html, 'input').filter((field) => field.name === 'website');
    expect(honeypot).toMatchObject({ type: 'text', tabindex: '-1', autocomplete: 'off', value: '' });
    expect(html).toContain('.hp{position:absolute;left:-10000px;');
  });

  it('carries a new key of this filling-in each time, and keeps the posted one when the form comes back', () => {
    const keyOf = (page: string) => attributesOf(page, 'input').find((field) => field.name === 'submissionKey');
    expect(keyOf(html)).toMatchObject({ type: 'hidden', value: expect.stringMatching(/^[\w-]{22}$/) });
    expect(keyOf(renderFeedbackForm({ locale: EN, programName: 'Drop-in', token: 'tok_123' }))?.value).not.toBe(
      keyOf(html)?.value,
    );
    const again = renderFeedbackForm({
      locale: EN,
      programName: 'Drop-in',
      token: 'tok_123',
      values: { submissionKey: 'kept-key-1' },
    });
    expect(keyOf(again)?.value).toBe('kept-key-1');
  });

  it('groups each 1–5 scale in a fieldset with a legend, the rating required and the outcomes optional', () => {
    expect(attributesOf(html, 'fieldset').map((f) => f.id)).toEqual([
      'rating',
      'outcomeKnowledge',
      'outcomeConfidence',
      'outcomeApplication',
      'outcomeAwareness',
    ]);
    expect(html.match(/<legend>/g)).toHaveLength(5);
    const radios = attributesOf(html, 'input');
    expect(radios.filter((r) => r.name === 'rating').every((r) => 'required' in r)).toBe(true);
    expect(radios.filter((r) => r.name !== 'rating').some((r) => 'required' in r)).toBe(false);
  });

  it('posts to the public API without JavaScript and says it is anonymous', () => {
    expect(attributesOf(html, 'form')[0]).toMatchObject({ method: 'post', action: '/api/v1/public/feedback/tok_123' });
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/anonymous/);
    expect(html).toMatch(/<html lang="en">/);
  });

  it('escapes the program name, the kept answers and the token', () => {
    const evil = renderFeedbackForm({
      locale: EN,
      programName: '<img src=x onerror=alert(1)>',
      token: '"><script>',
      values: { worked: '</textarea><script>alert(2)</script>', rating: '" onfocus="x' },
    });
    expect(evil).not.toContain('<img');
    expect(evil).not.toContain('<script>');
    expect(evil).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(evil).toContain('&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>');
    expect(evil).toContain('action="/api/v1/public/feedback/%22%3E%3Cscript%3E"');
    expect(evil).not.toContain('onfocus="x');
  });

  it('keeps the answers given and shows each error once, in plain words, next to its question', () => {
    const page = renderFeedbackForm({
      locale: EN,
      programName: 'Drop-in',
      token: 't',
      values: { rating: '3', outcomeAwareness: '5', suggestions: 'pizza' },
      errors: [
        { field: 'outcomes.knowledge', message: 'must not be greater than 5' },
        { field: 'worked', message: 'must be shorter than or equal to 4000 characters' },
      ],
    });
    const checked = attributesOf(page, 'input').filter((input) => 'checked' in input);
    expect(checked.map((input) => [input.id, input.value, 'required' in input])).toEqual([
      ['rating-3', '3', true],
      ['outcomeAwareness-5', '5', false],
    ]);
    expect(page).toContain('>pizza</textarea>');
    expect(page).toContain('role="alert"');
    expect(page.match(/Please pick a number from 1 to 5, or skip this one\./g)).toHaveLength(2);
    expect(page).toContain('<a href="#outcomeKnowledge-1">');
    expect(page).toContain('aria-describedby="worked-error"');
    expect(page).toContain('<title>Please check your answers: Feedback on Drop-in</title>');
    expect(page).not.toContain('must not be greater');
  });
});

describe('plain words', () => {
  it('maps API fields to the form and messages a young reader understands', () => {
    expect(formFieldOf('outcomes.confidence')).toBe('outcomeConfidence');
    expect(formFieldOf('rating')).toBe('rating');
    expect(plainMessage('rating', EN)).toBe('Please pick how it was, from 1 to 5.');
    expect(plainMessage('didntWork', EN)).toMatch(/shorter/);
    expect(plainMessage('email', EN)).toMatch(/not right/);
  });

  it('renders the thank-you, not-found and too-many pages escaped and in English', () => {
    expect(renderThanks('<b>Club</b>', EN)).toContain('&lt;b&gt;Club&lt;/b&gt;');
    expect(renderLinkNotFound(EN)).toMatch(/<html lang="en">[\s\S]*This link does not work/);
    expect(renderTryAgainLater(61, EN)).toContain('2 minutes');
    expect(renderTryAgainLater(10, EN)).toContain('1 minute.');
  });
});

describe('in Spanish', () => {
  const page = renderFeedbackForm({
    locale: ES,
    programName: 'Martes y Jueves de Tareas',
    token: 'tok_es',
    languageLinks: true,
  });

  it('says so in <html lang>, speaks tú, names the library, and posts its language', () => {
    expect(page).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(page).toContain('<title>¿Qué te pareció Martes y Jueves de Tareas?</title>');
    expect(page).toContain('En Biblioteca Central queremos saber cómo te fue.');
    expect(page).toContain('<legend>¿Qué tal estuvo? <span class="hint">(elige una)</span></legend>');
    expect(page).toContain('<span>Genial</span>');
    expect(page).toContain('<legend>Aprendí algo nuevo</legend>');
    expect(page).toContain('Enviar mi opinión</button>');
    expect(attributesOf(page, 'input').find((field) => field.name === 'language')).toMatchObject({
      type: 'hidden',
      value: 'es',
    });
  });

  it('links to the page in the other languages, each named in itself', () => {
    expect(page).toContain(
      '<nav class="languages" aria-label="También en">También en: <span><a href="?lang=en" hrefLang="en" lang="en">English</a></span></nav>',
    );
    expect(renderFeedbackForm({ locale: ES, programName: 'X', token: 't' })).not.toContain('<nav');
  });

  it('explains errors and the wait of a 429 in Spanish', () => {
    const again = renderFeedbackForm({
      locale: ES,
      programName: 'X',
      token: 't',
      errors: [{ field: 'rating', message: 'must be an integer' }],
    });
    expect(again).toContain('<title>Revisa tus respuestas: ¿Qué te pareció X?</title>');
    expect(again).toContain('Elige qué tal estuvo, del 1 al 5.');
    expect(renderTryAgainLater(61, ES)).toContain('Inténtalo otra vez en 2 minutos.');
    expect(renderTryAgainLater(3600, ES)).toContain('en 1 hora.');
    expect(renderTryAgainLater(3601, ES)).toContain('en unas 2 horas.');
    expect(renderThanks('X', ES)).toContain('Recibimos tu opinión sobre X.');
  });
});
