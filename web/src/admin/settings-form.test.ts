import { describe, expect, it } from 'vitest';
import type { HealthSettings } from './health-weights';
import { checkInFormErrors, healthFormErrors, healthFormValues, healthSettingsBody } from './settings-form';

const SETTINGS: HealthSettings = {
  version: 3,
  weights: { recency: 25, sessions: 15, feedback: 15, attendance: 15, followUps: 10, fit: 10, checkIn: 10 },
  bands: { thriving: 75, steady: 50, atRisk: 25 },
};

describe('the health settings form', () => {
  const values = healthFormValues(SETTINGS);

  it('shows the saved numbers as text, finds nothing wrong and sends them back as numbers', () => {
    expect(values.weights.recency).toBe('25');
    expect(values.bands.atRisk).toBe('25');
    expect(healthFormErrors(values)).toEqual({});
    expect(healthSettingsBody(values)).toEqual({ weights: SETTINGS.weights, bands: SETTINGS.bands });
  });

  it('puts each refused box on its own path, -5 and 12.5 alike', () => {
    const errors = healthFormErrors({
      weights: { ...values.weights, fit: '-5' },
      bands: { ...values.bands, steady: '12.5' },
    });
    expect(errors).toEqual({
      'weights.fit': 'Enter a whole number from 0 to 100',
      'bands.steady': 'Enter a whole number from 0 to 100',
    });
  });

  it('refuses weights that do not add up to 100 as an error of the weights together', () => {
    expect(healthFormErrors({ ...values, weights: { ...values.weights, recency: '20' } })).toEqual({
      weights: 'The weights add up to 95: add 5 more to reach 100.',
    });
  });
});

describe('checkInFormErrors', () => {
  const valid = {
    intervalMonths: '6',
    respondWithinDays: '14',
    automatic: true,
    firstAfterDays: '90',
    dailyLimit: '25',
  };

  it('takes whole numbers within the limits', () => {
    expect(checkInFormErrors(valid)).toEqual({});
    expect(checkInFormErrors({ ...valid, intervalMonths: ' 24 ', respondWithinDays: '1' })).toEqual({});
    expect(checkInFormErrors({ ...valid, firstAfterDays: '0' })).toEqual({});
    expect(checkInFormErrors({ ...valid, firstAfterDays: '365' })).toEqual({});
  });

  it.each(['0', '1001', '2.5', '', 'lots'])('refuses %j check-ins a day', (dailyLimit) => {
    expect(checkInFormErrors({ ...valid, dailyLimit })).toEqual({ dailyLimit: 'Enter a whole number from 1 to 1000' });
  });

  it.each(['-1', '366', '30.5', '1e2', '', 'ninety'])('refuses %j days before the first check-in', (firstAfterDays) => {
    expect(checkInFormErrors({ ...valid, firstAfterDays })).toEqual({
      firstAfterDays: 'Enter a whole number of days from 0 to 365',
    });
  });

  it.each(['0', '25', '-1', '1.5', '1e1', ''])('refuses %j months', (intervalMonths) => {
    expect(checkInFormErrors({ ...valid, intervalMonths })).toEqual({
      intervalMonths: 'Enter a whole number of months from 1 to 24',
    });
  });

  it.each(['0', '91', '-5', '12.5'])('refuses %j days', (respondWithinDays) => {
    expect(checkInFormErrors({ ...valid, respondWithinDays })).toEqual({
      respondWithinDays: 'Enter a whole number of days from 1 to 90',
    });
  });
});
