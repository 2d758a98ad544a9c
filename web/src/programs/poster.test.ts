import { describe, expect, it } from 'vitest';
import { posterLanguages, posterOptions, posterText, programLanguage } from './poster';

describe('the feedback poster’s languages', () => {
  it('speaks the program’s language, else the library’s default, else English', () => {
    expect(programLanguage('es', 'en')).toBe('es');
    expect(programLanguage(undefined, 'es')).toBe('es');
    expect(programLanguage('fr', 'es')).toBe('es');
    expect(programLanguage(null, 'fr')).toBe('en');
    expect(programLanguage(undefined, undefined)).toBe('en');
  });

  it('offers the program’s language first, each other offered one, and both side by side', () => {
    expect(posterOptions('es', ['en', 'es'])).toEqual([
      { value: 'es', label: 'Español (the program’s language)' },
      { value: 'en', label: 'English' },
      { value: 'es+en', label: 'Both, side by side' },
    ]);
  });

  it('offers only the program’s language when the library offers no other, and ignores tags it cannot speak', () => {
    expect(posterOptions('en', ['en'])).toEqual([{ value: 'en', label: 'English (the program’s language)' }]);
    expect(posterOptions('en', [])).toEqual([{ value: 'en', label: 'English (the program’s language)' }]);
    expect(posterOptions('en', ['fr', 'en', 'xx-YY'])).toEqual([
      { value: 'en', label: 'English (the program’s language)' },
    ]);
    expect(posterOptions('en', ['es', 'es']).map((option) => option.value)).toEqual(['en', 'es', 'en+es']);
  });

  it('reads a choice as at most two known languages, each once, else English', () => {
    expect(posterLanguages('es')).toEqual(['es']);
    expect(posterLanguages('es+en')).toEqual(['es', 'en']);
    expect(posterLanguages('es+es')).toEqual(['es']);
    expect(posterLanguages('fr+es')).toEqual(['es']);
    expect(posterLanguages('es+en+es+en')).toEqual(['es', 'en']);
    expect(posterLanguages('')).toEqual(['en']);
    expect(posterLanguages('<script>')).toEqual(['en']);
  });

  it('writes the poster from the catalogs, the program’s name as given', () => {
    expect(posterText('es', 'Martes y Jueves de Tareas')).toEqual({
      language: 'es',
      qrLabel: 'Código QR para opinar sobre Martes y Jueves de Tareas',
      parts: [
        {
          language: 'es',
          lead: '¿Qué tal estuvo? Cuéntanos en dos minutos: escanea el código o escribe la dirección. Sin cuenta y sin nombres.',
        },
      ],
    });
    const both = posterText('es+en', 'Teen <drop-in> & {friends}');
    expect(both.language).toBe('es');
    expect(both.qrLabel).toBe('Código QR para opinar sobre Teen <drop-in> & {friends}');
    expect(both.parts.map((part) => part.language)).toEqual(['es', 'en']);
    expect(both.parts[1].lead).toBe(
      'How was it? Tell us in two minutes: scan the code or type the address. No sign-in, no names.',
    );
  });
});
