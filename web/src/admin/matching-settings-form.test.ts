import { describe, expect, it } from 'vitest';
import { matchingFormErrors, matchingSettingsBody } from './matching-settings-form';

describe('matching settings form', () => {
  it('accepts whole numbers within the limits, spaces around them too', () => {
    expect(matchingFormErrors({ minStrength: '60', maxPerPartner: '3' })).toEqual({});
    expect(matchingFormErrors({ minStrength: ' 0 ', maxPerPartner: '100' })).toEqual({});
    expect(matchingSettingsBody({ minStrength: ' 55 ', maxPerPartner: '4' })).toEqual({
      minStrength: 55,
      maxPerPartner: 4,
    });
  });

  it('refuses anything else with a sentence, never reading it as something else', () => {
    for (const minStrength of ['', '-1', '101', '12.5', '1e1', 'sixty']) {
      expect(matchingFormErrors({ minStrength, maxPerPartner: '3' })).toEqual({
        minStrength: 'Enter a whole number from 0 to 100',
      });
    }
    for (const maxPerPartner of ['2', '0', '101', '3.0']) {
      expect(matchingFormErrors({ minStrength: '60', maxPerPartner })).toEqual({
        maxPerPartner: 'Enter a whole number from 3 to 100',
      });
    }
  });
});
