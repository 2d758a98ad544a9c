import { describe, expect, it } from 'vitest';
import {
  checkSettingsForm,
  hasErrors,
  sumMessage,
  weightsSum,
  wholePercent,
  type FieldValue,
  type WeightKey,
} from './health-weights';

const DEFAULTS: Record<WeightKey, FieldValue> = {
  recency: 25,
  sessions: 15,
  feedback: 15,
  attendance: 15,
  followUps: 10,
  fit: 10,
  checkIn: 10,
};
const BANDS = { thriving: 75, steady: 50, atRisk: 25 };

describe('wholePercent', () => {
  it.each([
    [0, 0],
    [100, 100],
    ['40', 40],
    [' 7 ', 7],
  ])('reads %j as %j', (value, expected) => expect(wholePercent(value)).toBe(expected));

  it.each([[''], ['  '], [-1], [101], [2.5], ['abc'], ['1e3'], [Number.NaN]])('refuses %j', (value) =>
    expect(wholePercent(value)).toBeNull(),
  );
});

describe('the weights sum', () => {
  it('adds the defaults up to 100 and says so', () => {
    expect(weightsSum(DEFAULTS)).toBe(100);
    expect(sumMessage(100)).toEqual({ ok: true, text: 'The weights add up to 100.' });
  });

  it('counts an empty or invalid box as 0', () => {
    expect(weightsSum({ ...DEFAULTS, recency: '' })).toBe(75);
    expect(weightsSum({ ...DEFAULTS, recency: 2.5 })).toBe(75);
  });

  it('says how far off the weights are, in both directions', () => {
    expect(sumMessage(95)).toEqual({ ok: false, text: 'The weights add up to 95: add 5 more to reach 100.' });
    expect(sumMessage(130)).toEqual({ ok: false, text: 'The weights add up to 130: take 30 away to get back to 100.' });
  });
});

describe('checkSettingsForm', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(hasErrors(checkSettingsForm(DEFAULTS, BANDS))).toBe(false);
  });

  it('names each box that is not a whole number 0–100, and leaves the sum alone until they are', () => {
    const errors = checkSettingsForm({ ...DEFAULTS, fit: '', checkIn: 120 }, { ...BANDS, steady: 'x' });
    expect(errors.weights).toEqual({
      fit: 'Enter a whole number from 0 to 100',
      checkIn: 'Enter a whole number from 0 to 100',
    });
    expect(errors.bands).toEqual({ steady: 'Enter a whole number from 0 to 100' });
    expect(errors.sum).toBeUndefined();
  });

  it('refuses weights that do not add up to 100', () => {
    const errors = checkSettingsForm({ ...DEFAULTS, recency: 30 }, BANDS);
    expect(errors.sum).toBe('The weights add up to 105: take 5 away to get back to 100.');
    expect(hasErrors(errors)).toBe(true);
  });

  it('leaves the order of the bands to the server', () => {
    expect(hasErrors(checkSettingsForm(DEFAULTS, { thriving: 40, steady: 50, atRisk: 60 }))).toBe(false);
  });
});
