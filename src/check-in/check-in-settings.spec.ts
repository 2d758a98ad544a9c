import {
  checkInSettingsFromStored,
  DEFAULT_CHECK_IN_SETTINGS,
  mergeCheckInSettings,
  validateCheckInSettings,
} from './check-in-settings';

describe('check-in settings', () => {
  it('defaults to twice a year, three weeks to answer, automatic, the first after 90 days, 25 a day, and the defaults are valid', () => {
    expect(DEFAULT_CHECK_IN_SETTINGS).toEqual({
      intervalMonths: 6,
      respondWithinDays: 21,
      automatic: true,
      firstAfterDays: 90,
      dailyLimit: 25,
    });
    expect(validateCheckInSettings(DEFAULT_CHECK_IN_SETTINGS)).toEqual([]);
  });

  describe(validateCheckInSettings.name, () => {
    it('accepts the ends of each range', () => {
      expect(
        validateCheckInSettings({
          intervalMonths: 1,
          respondWithinDays: 1,
          automatic: false,
          firstAfterDays: 0,
          dailyLimit: 1,
        }),
      ).toEqual([]);
      expect(
        validateCheckInSettings({
          intervalMonths: 24,
          respondWithinDays: 90,
          automatic: true,
          firstAfterDays: 365,
          dailyLimit: 1000,
        }),
      ).toEqual([]);
    });

    it.each([0, 1001, 2.5, '25', null])('refuses a daily limit of %p', (dailyLimit) => {
      expect(validateCheckInSettings({ ...DEFAULT_CHECK_IN_SETTINGS, dailyLimit })).toEqual([
        { field: 'dailyLimit', message: 'must be a whole number from 1 to 1000' },
      ]);
    });

    it.each([-1, 366, 1.5, '90', null, undefined, true])(
      'refuses %p days before the first check-in',
      (firstAfterDays) => {
        expect(validateCheckInSettings({ ...DEFAULT_CHECK_IN_SETTINGS, firstAfterDays })).toEqual([
          { field: 'firstAfterDays', message: 'must be a whole number from 0 to 365' },
        ]);
      },
    );

    it('refuses numbers outside the ranges, fractions, strings and a non-boolean automatic, naming each field', () => {
      expect(
        validateCheckInSettings({
          intervalMonths: 0,
          respondWithinDays: 91,
          automatic: 'yes',
          firstAfterDays: 90,
          dailyLimit: 25,
        }),
      ).toEqual([
        { field: 'intervalMonths', message: 'must be a whole number from 1 to 24' },
        { field: 'respondWithinDays', message: 'must be a whole number from 1 to 90' },
        { field: 'automatic', message: 'must be true or false' },
      ]);
      expect(
        validateCheckInSettings({
          intervalMonths: 25,
          respondWithinDays: 2.5,
          automatic: true,
          firstAfterDays: 9,
          dailyLimit: 25,
        }).map((e) => e.field),
      ).toEqual(['intervalMonths', 'respondWithinDays']);
      expect(
        validateCheckInSettings({ intervalMonths: '6', respondWithinDays: null, automatic: 1 }).map((e) => e.field),
      ).toEqual(['intervalMonths', 'respondWithinDays', 'firstAfterDays', 'dailyLimit', 'automatic']);
    });

    it('refuses unknown keys and non-objects', () => {
      expect(validateCheckInSettings({ ...DEFAULT_CHECK_IN_SETTINGS, reminders: 3 })).toEqual([
        { field: 'reminders', message: 'is not a check-in setting' },
      ]);
      expect(validateCheckInSettings(null)).toHaveLength(1);
      expect(validateCheckInSettings([6, 21, true])).toHaveLength(1);
    });
  });

  it('merges a partial change, leaving out undefined values', () => {
    expect(
      mergeCheckInSettings({ ...DEFAULT_CHECK_IN_SETTINGS }, { respondWithinDays: 14, automatic: undefined }),
    ).toEqual({
      intervalMonths: 6,
      respondWithinDays: 14,
      automatic: true,
      firstAfterDays: 90,
      dailyLimit: 25,
    });
  });

  describe(checkInSettingsFromStored.name, () => {
    it('fills settings missing from the stored value with the defaults (settings stored before firstAfterDays existed get 90)', () => {
      expect(checkInSettingsFromStored({ intervalMonths: 12 })).toEqual({
        settings: { intervalMonths: 12, respondWithinDays: 21, automatic: true, firstAfterDays: 90, dailyLimit: 25 },
        valid: true,
      });
      expect(checkInSettingsFromStored({ intervalMonths: 6, respondWithinDays: 14, automatic: false })).toEqual({
        settings: { intervalMonths: 6, respondWithinDays: 14, automatic: false, firstAfterDays: 90, dailyLimit: 25 },
        valid: true,
      });
      expect(checkInSettingsFromStored(null)).toEqual({ settings: DEFAULT_CHECK_IN_SETTINGS, valid: true });
    });

    it('falls back to the defaults when what is stored no longer validates', () => {
      expect(checkInSettingsFromStored({ intervalMonths: 99, respondWithinDays: 10, automatic: false })).toEqual({
        settings: DEFAULT_CHECK_IN_SETTINGS,
        valid: false,
      });
    });
  });
});
