import {
  DEFAULT_HEALTH_SETTINGS,
  HealthSettings,
  mergeHealthSettings,
  validateHealthSettings,
} from './health-settings';

const valid = (): HealthSettings => ({
  weights: { recency: 25, sessions: 15, feedback: 15, attendance: 15, followUps: 10, fit: 10, checkIn: 10 },
  bands: { thriving: 75, steady: 50, atRisk: 25 },
});

describe('health settings', () => {
  describe('DEFAULT_HEALTH_SETTINGS', () => {
    it('weighs recency 25, sessions, feedback and attendance 15 each, follow-ups, fit and check-in 10 each, bands 75 / 50 / 25', () => {
      expect(DEFAULT_HEALTH_SETTINGS).toEqual(valid());
      expect(validateHealthSettings(DEFAULT_HEALTH_SETTINGS)).toEqual([]);
    });
  });

  describe(validateHealthSettings.name, () => {
    it('accepts weights adding up to exactly 100, zeros included, and thresholds 100 > 99 > 0', () => {
      expect(
        validateHealthSettings({
          weights: { recency: 100, sessions: 0, feedback: 0, attendance: 0, followUps: 0, fit: 0, checkIn: 0 },
          bands: { thriving: 100, steady: 99, atRisk: 0 },
        }),
      ).toEqual([]);
    });

    it('refuses weights that do not add up to 100, saying what they add up to', () => {
      const settings = valid();
      settings.weights.recency = 20;
      expect(validateHealthSettings(settings)).toEqual([
        { field: 'weights', message: 'must add up to 100 (they add up to 95)' },
      ]);
      settings.weights.recency = 26;
      expect(validateHealthSettings(settings)).toEqual([
        { field: 'weights', message: 'must add up to 100 (they add up to 101)' },
      ]);
    });

    it('names each weight that is negative, fractional, above 100, not a number or missing (and skips the sum then)', () => {
      const settings = valid() as unknown as { weights: Record<string, unknown>; bands: unknown };
      settings.weights.recency = -5;
      settings.weights.sessions = 2.5;
      settings.weights.feedback = '15';
      settings.weights.attendance = 101;
      delete settings.weights.checkIn;
      expect(validateHealthSettings(settings)).toEqual([
        { field: 'weights.recency', message: 'must be a whole number from 0 to 100' },
        { field: 'weights.sessions', message: 'must be a whole number from 0 to 100' },
        { field: 'weights.feedback', message: 'must be a whole number from 0 to 100' },
        { field: 'weights.attendance', message: 'must be a whole number from 0 to 100' },
        { field: 'weights.checkIn', message: 'must be a whole number from 0 to 100' },
      ]);
    });

    it('refuses a weight for something that is not a component', () => {
      const settings = { ...valid(), weights: { ...valid().weights, recency: 20, popularity: 5 } };
      expect(validateHealthSettings(settings)).toEqual([
        { field: 'weights.popularity', message: 'is not a component of the score' },
      ]);
    });

    it('requires thresholds strictly descending: thriving > steady > atRisk', () => {
      expect(validateHealthSettings({ ...valid(), bands: { thriving: 60, steady: 60, atRisk: 25 } })).toEqual([
        { field: 'bands.steady', message: 'must be below thriving (60)' },
      ]);
      expect(validateHealthSettings({ ...valid(), bands: { thriving: 75, steady: 30, atRisk: 30 } })).toEqual([
        { field: 'bands.atRisk', message: 'must be below steady (30)' },
      ]);
      expect(validateHealthSettings({ ...valid(), bands: { thriving: 40, steady: 50, atRisk: 60 } })).toEqual([
        { field: 'bands.steady', message: 'must be below thriving (40)' },
        { field: 'bands.atRisk', message: 'must be below steady (50)' },
      ]);
      expect(validateHealthSettings({ ...valid(), bands: { thriving: 75, steady: 50, atRisk: 49 } })).toEqual([]);
    });

    it('keeps thresholds within 0–100 and whole', () => {
      expect(validateHealthSettings({ ...valid(), bands: { thriving: 101, steady: 50, atRisk: -1 } })).toEqual([
        { field: 'bands.thriving', message: 'must be a whole number from 0 to 100' },
        { field: 'bands.atRisk', message: 'must be a whole number from 0 to 100' },
      ]);
      expect(
        validateHealthSettings({ ...valid(), bands: { thriving: 75.5, steady: 50, atRisk: 25, dormant: 0 } }),
      ).toEqual([
        { field: 'bands.thriving', message: 'must be a whole number from 0 to 100' },
        { field: 'bands.dormant', message: 'is not a band threshold (thriving, steady, atRisk)' },
      ]);
    });

    it('refuses a settings value that is not an object, or lacks weights or bands', () => {
      expect(validateHealthSettings(null)).toEqual([
        { field: 'settings', message: 'must be an object with weights and bands' },
      ]);
      expect(validateHealthSettings({ weights: [], bands: null })).toEqual([
        { field: 'weights', message: 'must be an object with a weight per component' },
        { field: 'bands', message: 'must be an object with thriving, steady and atRisk' },
      ]);
    });
  });

  describe(mergeHealthSettings.name, () => {
    it('applies the fields a change carries and keeps the rest', () => {
      const merged = mergeHealthSettings(valid(), {
        weights: { recency: 30, fit: 5, sessions: undefined },
        bands: { atRisk: 20 },
      });
      expect(merged).toEqual({
        weights: { recency: 30, sessions: 15, feedback: 15, attendance: 15, followUps: 10, fit: 5, checkIn: 10 },
        bands: { thriving: 75, steady: 50, atRisk: 20 },
      });
      expect(validateHealthSettings(merged)).toEqual([]);
    });

    it('leaves the current settings untouched and lets validation catch a bad result', () => {
      const current = valid();
      const merged = mergeHealthSettings(current, { weights: { recency: 40 } });
      expect(current.weights.recency).toBe(25);
      expect(validateHealthSettings(merged)).toEqual([
        { field: 'weights', message: 'must add up to 100 (they add up to 115)' },
      ]);
      expect(mergeHealthSettings(current, {})).toEqual(current);
    });
  });
});
