import {
  DEFAULT_MATCHING_SETTINGS,
  matchingSettingsFromStored,
  mergeMatchingSettings,
  validateMatchingSettings,
} from './matching-settings';

describe('matching settings', () => {
  it('accepts the defaults and whole numbers within the limits', () => {
    expect(validateMatchingSettings({ ...DEFAULT_MATCHING_SETTINGS })).toEqual([]);
    expect(validateMatchingSettings({ minStrength: 0, maxPerPartner: 3 })).toEqual([]);
    expect(validateMatchingSettings({ minStrength: 100, maxPerPartner: 100 })).toEqual([]);
  });

  it('names each field out of range, not whole, of the wrong type or unknown', () => {
    expect(validateMatchingSettings({ minStrength: 101, maxPerPartner: 2 }).map((e) => e.field)).toEqual([
      'minStrength',
      'maxPerPartner',
    ]);
    expect(validateMatchingSettings({ minStrength: 5.5, maxPerPartner: '3' }).map((e) => e.field)).toEqual([
      'minStrength',
      'maxPerPartner',
    ]);
    expect(validateMatchingSettings({ ...DEFAULT_MATCHING_SETTINGS, floor: 1 })).toEqual([
      { field: 'floor', message: 'is not a matching setting' },
    ]);
    expect(validateMatchingSettings(null)).toHaveLength(1);
  });

  it('merges a partial change and reads stored values over the defaults', () => {
    expect(mergeMatchingSettings({ ...DEFAULT_MATCHING_SETTINGS }, { maxPerPartner: 5 })).toEqual({
      minStrength: DEFAULT_MATCHING_SETTINGS.minStrength,
      maxPerPartner: 5,
    });
    expect(matchingSettingsFromStored({ minStrength: 40 })).toEqual({ minStrength: 40, maxPerPartner: 3 });
    expect(matchingSettingsFromStored({ minStrength: 400 })).toBeNull();
    expect(matchingSettingsFromStored('junk')).toEqual({ ...DEFAULT_MATCHING_SETTINGS });
  });
});
