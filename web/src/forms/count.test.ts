import { describe, expect, it } from 'vitest';
import { countProblem, parseCount, wholeNumberProblem } from './count';

describe('count fields', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    [' 40 ', 40],
    ['007', 7],
    ['1,000', 1000],
    ['100000', 100_000],
    ['', 0],
  ])('takes %j as %d', (text, count) => {
    expect(countProblem(text, 100_000)).toBeNull();
    expect(parseCount(text)).toBe(count);
  });

  it.each([
    ['-5', 'A count can’t be below 0. Enter 0 or more.'],
    ['−5', 'A count can’t be below 0. Enter 0 or more.'],
    ['-0', 'A count can’t be below 0. Enter 0 or more.'],
    ['12.5', 'Enter a whole number, without decimals.'],
    ['12,5', 'Enter a whole number, without decimals.'],
    ['.5', 'Enter a whole number, without decimals.'],
    ['1e3', 'Enter a number using digits only.'],
    ['twelve', 'Enter a number using digits only.'],
    ['0x10', 'Enter a number using digits only.'],
    ['12 people', 'Enter a number using digits only.'],
    ['100001', 'Enter a number no bigger than 100,000.'],
    ['99999999999999999999', 'Enter a number no bigger than 100,000.'],
  ])('refuses %j with a message', (text, message) => {
    expect(countProblem(text, 100_000)).toBe(message);
  });

  describe('with a lower limit and a unit', () => {
    const length = { min: 1, max: 1440, what: 'The length', unit: 'minutes' };
    it.each([
      ['0', 'The length can’t be below 1. Enter 1 or more minutes.'],
      ['-1', 'The length can’t be below 1. Enter 1 or more minutes.'],
      ['1.5', 'Enter a whole number, without decimals.'],
      ['99999', 'Enter a number no bigger than 1,440 minutes.'],
      ['1441', 'Enter a number no bigger than 1,440 minutes.'],
      ['an hour', 'Enter a number using digits only.'],
    ])('refuses %j with a message', (text, message) => {
      expect(wholeNumberProblem(text, length)).toBe(message);
    });
    it.each(['1', '90', '1,440', ' 45 '])('takes %j', (text) => {
      expect(wholeNumberProblem(text, length)).toBeNull();
    });
  });
});
