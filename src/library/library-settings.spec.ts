import {
  defaultLibrarySettings,
  librarySettingsFromStored,
  mergeLibrarySettings,
  validateLibrarySettings,
} from './library-settings';

const DEFAULTS = defaultLibrarySettings('UTC');

describe('library settings', () => {
  it('default to "The library" in the given zone, English by default, English and Spanish offered, and are valid', () => {
    expect(DEFAULTS).toEqual({
      name: 'The library',
      timezone: 'UTC',
      defaultLanguage: 'en',
      languages: ['en', 'es'],
      fiscalYearStartMonth: 7,
    });
    expect(defaultLibrarySettings('America/Chicago').timezone).toBe('America/Chicago');
    expect(validateLibrarySettings(DEFAULTS)).toEqual([]);
  });

  describe(validateLibrarySettings.name, () => {
    it('accepts a Spanish-only library in Chicago and a 120-character name', () => {
      expect(
        validateLibrarySettings({
          name: 'x'.repeat(120),
          timezone: 'America/Chicago',
          defaultLanguage: 'es',
          languages: ['es'],
          fiscalYearStartMonth: 10,
        }),
      ).toEqual([]);
    });

    it.each([0, 13, 7.5, '7', null, undefined])('refuses the fiscal year start month %p', (fiscalYearStartMonth) => {
      expect(validateLibrarySettings({ ...DEFAULTS, fiscalYearStartMonth })).toEqual([
        { field: 'fiscalYearStartMonth', message: 'must be a month number from 1 (January) to 12 (December)' },
      ]);
    });

    it.each(['', ' ', ' padded ', 'x'.repeat(121), 5, null])('refuses the name %p', (name) => {
      expect(validateLibrarySettings({ ...DEFAULTS, name })).toEqual([
        { field: 'name', message: 'must be 1 to 120 characters' },
      ]);
    });

    it.each(['Mars/Olympus_Mons', '', 'America', '+05:00', 'x'.repeat(65), 7, null])(
      'refuses the zone %p',
      (timezone) => {
        expect(validateLibrarySettings({ ...DEFAULTS, timezone })).toEqual([
          { field: 'timezone', message: 'must be an IANA time zone such as America/Chicago' },
        ]);
      },
    );

    it('refuses languages Tandem does not speak, naming them, and an empty or repeated list', () => {
      expect(validateLibrarySettings({ ...DEFAULTS, languages: ['en', 'fr', 'de'] })).toEqual([
        {
          field: 'languages',
          message: '"fr", "de" are not languages Tandem speaks; it speaks en (English), es (Español)',
        },
      ]);
      expect(validateLibrarySettings({ ...DEFAULTS, languages: ['en', 'x'.repeat(500)] })[0].message).toMatch(
        /^"x{35}…" is not a language/,
      );
      expect(validateLibrarySettings({ ...DEFAULTS, languages: [] })).toEqual([
        { field: 'languages', message: 'must offer at least one language' },
        { field: 'defaultLanguage', message: 'must be one of the languages offered' },
      ]);
      expect(validateLibrarySettings({ ...DEFAULTS, languages: ['en', 'es', 'en'] })).toEqual([
        { field: 'languages', message: 'must list each language once ("en" twice)' },
      ]);
      expect(validateLibrarySettings({ ...DEFAULTS, languages: 'en' }).map((e) => e.field)).toEqual(['languages']);
      expect(validateLibrarySettings({ ...DEFAULTS, languages: [1] })[0].message).toBe(
        '"1" is not a language Tandem speaks; it speaks en (English), es (Español)',
      );
    });

    it('refuses a default language that is not offered or not spoken', () => {
      expect(validateLibrarySettings({ ...DEFAULTS, languages: ['es'] })).toEqual([
        { field: 'defaultLanguage', message: 'must be one of the languages offered' },
      ]);
      for (const defaultLanguage of ['fr', '', null, ['en'], 'constructor'])
        expect(validateLibrarySettings({ ...DEFAULTS, defaultLanguage })).toEqual([
          {
            field: 'defaultLanguage',
            message: 'must be one of the languages Tandem speaks: en (English), es (Español)',
          },
        ]);
    });

    it('refuses unknown keys and non-objects', () => {
      expect(validateLibrarySettings({ ...DEFAULTS, currency: 'USD' })).toEqual([
        { field: 'currency', message: 'is not a library setting' },
      ]);
      expect(validateLibrarySettings(null)).toHaveLength(1);
      expect(validateLibrarySettings(['The library'])).toHaveLength(1);
    });
  });

  describe(mergeLibrarySettings.name, () => {
    it('applies a partial change, trimming the name and leaving out undefined values', () => {
      expect(mergeLibrarySettings(DEFAULTS, { name: '  Riverside Library ', timezone: undefined })).toEqual({
        ...DEFAULTS,
        name: 'Riverside Library',
      });
    });

    it('writes supported tags and known zones in their usual case, and leaves the rest for validation to name', () => {
      expect(
        mergeLibrarySettings(DEFAULTS, {
          timezone: 'america/new_york',
          languages: ['ES', 'fr'],
          defaultLanguage: 'Es',
        }),
      ).toEqual({ ...DEFAULTS, timezone: 'America/New_York', languages: ['es', 'fr'], defaultLanguage: 'es' });
      expect(mergeLibrarySettings(DEFAULTS, { timezone: 'utc' }).timezone).toBe('UTC');
      expect(mergeLibrarySettings(DEFAULTS, { timezone: 'Mars/Olympus_Mons' }).timezone).toBe('Mars/Olympus_Mons');
    });

    it('does not share the languages list with the current settings', () => {
      const current = { ...DEFAULTS, languages: ['en', 'es'] };
      mergeLibrarySettings(current, {}).languages.push('fr');
      expect(current.languages).toEqual(['en', 'es']);
    });
  });

  describe(librarySettingsFromStored.name, () => {
    it('fills settings missing from the stored value with the defaults', () => {
      expect(librarySettingsFromStored({ name: 'Riverside Library' }, DEFAULTS)).toEqual({
        ...DEFAULTS,
        name: 'Riverside Library',
      });
      expect(librarySettingsFromStored(null, DEFAULTS)).toEqual(DEFAULTS);
      expect(librarySettingsFromStored({ ...DEFAULTS, retired: true }, DEFAULTS)).toEqual(DEFAULTS);
    });

    it('is null when what is stored no longer validates (a language no longer spoken)', () => {
      expect(librarySettingsFromStored({ languages: ['en', 'tlh'] }, DEFAULTS)).toBeNull();
      expect(librarySettingsFromStored({ ...DEFAULTS, timezone: 'Mars/Olympus_Mons' }, DEFAULTS)).toBeNull();
    });
  });
});
