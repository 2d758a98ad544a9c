import { describe, expect, it } from 'vitest';
import {
  libraryFormErrors,
  libraryFormValues,
  librarySettingsBody,
  MONTH_CHOICES,
  withLanguages,
  zoneOptions,
  type LibraryFormValues,
} from './library-settings-form';

const VALUES: LibraryFormValues = {
  name: 'Riverside Library',
  timezone: 'America/Chicago',
  languages: ['en', 'es'],
  defaultLanguage: 'en',
  fiscalYearStartMonth: '7',
};

describe('library settings form', () => {
  it('starts from the settings read and sends them back trimmed', () => {
    const values = libraryFormValues({
      version: 3,
      name: 'The library',
      timezone: 'UTC',
      defaultLanguage: 'es',
      languages: ['es', 'en'],
      fiscalYearStartMonth: 10,
    });
    expect(values).toEqual({
      name: 'The library',
      timezone: 'UTC',
      languages: ['es', 'en'],
      defaultLanguage: 'es',
      fiscalYearStartMonth: '10',
    });
    expect(libraryFormErrors(values)).toEqual({});
    expect(librarySettingsBody({ ...values, name: '  Eastside Branch ' })).toEqual({
      name: 'Eastside Branch',
      timezone: 'UTC',
      languages: ['es', 'en'],
      defaultLanguage: 'es',
      fiscalYearStartMonth: 10,
    });
  });

  it('sends the fiscal year’s first month as a number and asks for one of the twelve', () => {
    expect(librarySettingsBody({ ...VALUES, fiscalYearStartMonth: '1' }).fiscalYearStartMonth).toBe(1);
    expect(librarySettingsBody({ ...VALUES, fiscalYearStartMonth: '12' }).fiscalYearStartMonth).toBe(12);
    expect(libraryFormErrors({ ...VALUES, fiscalYearStartMonth: '' })).toEqual({
      fiscalYearStartMonth: 'Pick the month the fiscal year starts in',
    });
    expect(libraryFormErrors({ ...VALUES, fiscalYearStartMonth: '13' })).toEqual({
      fiscalYearStartMonth: 'Pick the month the fiscal year starts in',
    });
    expect(MONTH_CHOICES.map((month) => month.label)).toEqual([
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]);
    expect(MONTH_CHOICES[6]).toEqual({ value: '7', label: 'July' });
  });

  it('asks for a name of 1 to 120 characters', () => {
    expect(libraryFormErrors({ ...VALUES, name: '   ' })).toEqual({ name: 'Enter the library’s name' });
    expect(libraryFormErrors({ ...VALUES, name: ` ${'x'.repeat(120)} ` })).toEqual({});
    expect(libraryFormErrors({ ...VALUES, name: 'x'.repeat(121) })).toEqual({
      name: 'Keep the name to 120 characters (it has 121)',
    });
  });

  it('asks for a zone, at least one language and a default among them', () => {
    expect(libraryFormErrors({ ...VALUES, timezone: '' })).toEqual({ timezone: 'Pick the library’s time zone' });
    expect(libraryFormErrors({ ...VALUES, languages: [], defaultLanguage: '' })).toEqual({
      languages: 'Offer at least one language',
    });
    expect(libraryFormErrors({ ...VALUES, languages: ['es'], defaultLanguage: 'en' })).toEqual({
      defaultLanguage: 'Pick one of the languages offered',
    });
  });

  describe(withLanguages.name, () => {
    it('keeps the order offered, adds a new language last, and keeps the default while it is offered', () => {
      expect(withLanguages({ languages: ['es'], defaultLanguage: 'es' }, ['es', 'en'])).toEqual({
        languages: ['es', 'en'],
        defaultLanguage: 'es',
      });
      expect(withLanguages({ languages: ['es', 'en'], defaultLanguage: 'es' }, ['en', 'es'])).toEqual({
        languages: ['es', 'en'],
        defaultLanguage: 'es',
      });
    });

    it('moves the default to the first language left when its own is unticked, and to none when none is', () => {
      expect(withLanguages({ languages: ['en', 'es'], defaultLanguage: 'en' }, ['es'])).toEqual({
        languages: ['es'],
        defaultLanguage: 'es',
      });
      expect(withLanguages({ languages: ['es'], defaultLanguage: 'es' }, [])).toEqual({
        languages: [],
        defaultLanguage: '',
      });
    });

    it('ignores a tag it does not know', () => {
      expect(withLanguages({ languages: ['en'], defaultLanguage: 'en' }, ['en', 'fr'])).toEqual({
        languages: ['en'],
        defaultLanguage: 'en',
      });
    });
  });

  it('offers every zone the browser knows, with UTC and the current zone, sorted', () => {
    expect(zoneOptions('Etc/GMT+5', ['Europe/Madrid', 'America/Chicago'])).toEqual([
      'America/Chicago',
      'Etc/GMT+5',
      'Europe/Madrid',
      'UTC',
    ]);
    expect(zoneOptions('UTC', ['UTC'])).toEqual(['UTC']);
    expect(zoneOptions('UTC').length).toBeGreaterThan(100);
  });
});
