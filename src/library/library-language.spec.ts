import { LanguageNotOfferedError, offeredLanguage, offeredLanguageList, resolveLanguage } from './library-language';

const BOTH = { languages: ['en', 'es'], defaultLanguage: 'en' };
const SPANISH_ONLY = { languages: ['es'], defaultLanguage: 'es' };

describe('a record’s language', () => {
  it('is an offered tag, in any case, written as Tandem writes it', () => {
    expect(offeredLanguage(BOTH, 'es')).toBe('es');
    expect(offeredLanguage(BOTH, 'ES')).toBe('es');
    expect(offeredLanguage(SPANISH_ONLY, 'en')).toBeNull();
    for (const tag of ['fr', 'es-MX', 'e\u0000s', '', ' es', 'constructor', '__proto__', 'x'.repeat(1000)])
      expect(offeredLanguage(BOTH, tag)).toBeNull();
  });

  it('names the offered languages in themselves', () => {
    expect(offeredLanguageList(BOTH)).toBe('en (English), es (Español)');
    expect(new LanguageNotOfferedError(SPANISH_ONLY, 'languageX').errors).toEqual([
      { field: 'languageX', message: 'must be one of the languages the library offers: es (Español)' },
    ]);
  });

  it('defaults to the library’s default, and refuses what the library does not offer', () => {
    expect(resolveLanguage(SPANISH_ONLY, undefined)).toBe('es');
    expect(resolveLanguage(BOTH, 'Es')).toBe('es');
    expect(() => resolveLanguage(SPANISH_ONLY, 'en')).toThrow(LanguageNotOfferedError);
  });

  it('keeps the current language even when the library no longer offers it', () => {
    expect(resolveLanguage(SPANISH_ONLY, 'en', { keep: 'en' })).toBe('en');
    expect(resolveLanguage(SPANISH_ONLY, 'EN', { keep: 'en' })).toBe('en');
    expect(() => resolveLanguage(SPANISH_ONLY, 'fr', { keep: 'en' })).toThrow(LanguageNotOfferedError);
  });
});
