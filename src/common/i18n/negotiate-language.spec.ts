import { negotiateLanguage } from './negotiate-language';

const offered = ['en', 'es'];
const choose = (choice: Partial<Parameters<typeof negotiateLanguage>[0]>) =>
  negotiateLanguage({ offered, fallback: 'en', ...choice });

describe('negotiateLanguage', () => {
  it('takes ?lang= first, when the library offers it', () => {
    expect(choose({ requested: ['es'], preferred: 'en', acceptLanguage: 'en' })).toEqual({
      language: 'es',
      source: 'requested',
    });
    expect(choose({ requested: ['ES'] }).language).toBe('es');
  });

  it('skips a requested language that is not offered, or not a string, to the next in line', () => {
    expect(choose({ requested: ['fr', ['es'], 42, undefined], preferred: 'es' })).toEqual({
      language: 'es',
      source: 'preferred',
    });
    expect(choose({ requested: [undefined, 'es'] }).source).toBe('requested');
  });

  it("then the program's or contact's language, over the browser's", () => {
    expect(choose({ preferred: 'es', acceptLanguage: 'en-US,en;q=0.9' })).toEqual({
      language: 'es',
      source: 'preferred',
    });
  });

  it('ignores a preferred language the library no longer offers', () => {
    expect(negotiateLanguage({ preferred: 'es', offered: ['en'], fallback: 'en', acceptLanguage: 'es' })).toEqual({
      language: 'en',
      source: 'default',
    });
  });

  it('then Accept-Language by quality value, regional tags matching their language', () => {
    expect(choose({ acceptLanguage: 'es-MX,es;q=0.9,en;q=0.8' })).toEqual({
      language: 'es',
      source: 'accept-language',
    });
    expect(choose({ acceptLanguage: 'en;q=0.3, es;q=0.7' }).language).toBe('es');
    expect(choose({ acceptLanguage: 'fr-FR, es;q=0.2, en;q=0.1' }).language).toBe('es');
    expect(choose({ acceptLanguage: 'es-419' }).language).toBe('es');
  });

  it('never picks a language refused with q=0', () => {
    expect(choose({ acceptLanguage: 'es;q=0, en;q=0.1', fallback: 'es' }).language).toBe('en');
  });

  it('reads * as "any", which is the default', () => {
    expect(choose({ acceptLanguage: '*', fallback: 'es' })).toEqual({ language: 'es', source: 'accept-language' });
    expect(choose({ acceptLanguage: 'fr, *;q=0.1', fallback: 'es' }).language).toBe('es');
  });

  it('falls back to the default when nothing matches or nothing was said', () => {
    expect(choose({ acceptLanguage: 'fr-FR,fr;q=0.9', fallback: 'es' })).toEqual({ language: 'es', source: 'default' });
    expect(choose({ acceptLanguage: '   ' })).toEqual({ language: 'en', source: 'default' });
    expect(choose({ acceptLanguage: ';;;q=,,' })).toEqual({ language: 'en', source: 'default' });
    expect(choose({})).toEqual({ language: 'en', source: 'default' });
  });
});
