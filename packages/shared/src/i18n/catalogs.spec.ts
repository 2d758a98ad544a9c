import { catalogProblems, placeholdersOf } from './catalog-check';
import { CATALOGS } from './catalogs';
import { LANGUAGE_TAGS, SUPPORTED_LANGUAGES } from './languages';
import { formatLongDay, translator } from './translate';

describe('the message catalogs', () => {
  it.each(LANGUAGE_TAGS)('%s has every key of English with the same placeholders, each a valid ICU message', (tag) => {
    expect(catalogProblems(CATALOGS.en, CATALOGS[tag])).toEqual([]);
  });

  it('has one catalog for each language Tandem speaks, which names the language as the list does', () => {
    expect(Object.keys(CATALOGS).sort()).toEqual([...LANGUAGE_TAGS].sort());
    for (const tag of LANGUAGE_TAGS) expect(CATALOGS[tag]['language.name']).toBe(SUPPORTED_LANGUAGES[tag]);
    expect(SUPPORTED_LANGUAGES).toEqual({ en: 'English', es: 'Español' });
  });

  it('finds a missing key, an unknown key, a changed placeholder, an empty and a broken message', () => {
    const reference = { a: 'Hello {name}', b: 'Bye', c: '{n, plural, one {# day} other {# days}}', d: 'x', e: 'y' };
    const broken = { a: 'Hola {nombre}', c: '{n, plural, one {# día} other {# días}}', d: '  ', e: 'y {', z: 'extra' };
    expect(catalogProblems(reference, broken)).toEqual([
      'b: missing',
      'a: placeholders nombre:argument where the reference has name:argument',
      'd: empty',
      expect.stringMatching(/^e: not ICU MessageFormat/),
      'z: not in the reference catalog',
    ]);
  });

  it('sees placeholders inside plural and select options', () => {
    expect(placeholdersOf('{hasOwner, select, yes {{owner} and {library}} other {{library}}} {n, number}')).toEqual([
      'hasOwner:select',
      'library:argument',
      'n:number',
      'owner:argument',
    ]);
  });
});

describe('translator', () => {
  it('formats plurals and selects per language', () => {
    expect(translator('es').t('public.tryAgain.body', { minutes: 1 })).toContain('en 1 minuto.');
    expect(translator('en').t('public.tryAgain.body', { minutes: 5 })).toContain('in 5 minutes.');
    expect(
      translator('es').t('checkInEmail.from.partner', {
        hasOwner: 'no',
        owner: '',
        library: 'Biblioteca Central',
        organization: 'Casa Joven',
      }),
    ).toBe('El equipo de Biblioteca Central quiere saber cómo va nuestra colaboración con Casa Joven.');
    expect(translator('en').t('feedback.error.tooLong', { max: 4000 })).toBe(
      'Please make this shorter (up to 4,000 letters).',
    );
  });

  it('falls back to English for a language it does not ship', () => {
    expect(translator('fr').language).toBe('en');
    expect(translator('fr').t('feedback.submit')).toBe('Send my feedback');
  });

  it('writes days in the language and the zone', () => {
    const lateEvening = new Date('2026-12-08T04:30:00Z'); // Monday evening in Chicago, Tuesday in UTC
    expect(formatLongDay(lateEvening, 'es', 'America/Chicago')).toBe('lunes, 7 de diciembre de 2026');
    expect(formatLongDay(lateEvening, 'en', 'UTC')).toBe('Tuesday, December 8, 2026');
  });
});
