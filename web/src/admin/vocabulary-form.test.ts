import { describe, expect, it } from 'vitest';
import type { Audience } from '../api/types';
import { termBody, termFormErrors, termFormValues } from './vocabulary-form';

const AUDIENCE = {
  id: 'a1',
  version: 2,
  name: 'Teens in foster care',
  description: null,
  priority: 1,
  estimatedPopulation: 12000,
  source: null,
} as Audience;

describe('the vocabulary form', () => {
  it('starts a new term at priority 2 with nothing typed, and an audience with its saved values', () => {
    expect(termFormValues(null)).toEqual({
      name: '',
      description: '',
      priority: '2',
      estimatedPopulation: '',
      source: '',
    });
    expect(termFormValues(AUDIENCE)).toMatchObject({
      name: 'Teens in foster care',
      priority: '1',
      estimatedPopulation: '12000',
    });
  });

  it('asks for a name', () => {
    expect(termFormErrors({ ...termFormValues(null), name: '  ' })).toEqual({ name: 'Enter a name' });
  });

  it.each([
    ['-5', 'An estimate can’t be below 0. Enter 0 or more.'],
    ['12.5', 'Enter a whole number, without decimals.'],
    ['lots', 'Enter a number using digits only.'],
    ['100000001', 'Enter a number no bigger than 100,000,000.'],
  ])('refuses an estimate of %j with a message', (estimatedPopulation, message) => {
    expect(termFormErrors({ ...termFormValues(AUDIENCE), estimatedPopulation })).toEqual({
      estimatedPopulation: message,
    });
  });

  it('sends blanks as null and the estimate as a number', () => {
    expect(
      termBody({ name: ' Makers ', description: ' ', priority: '3', estimatedPopulation: '1,200', source: '' }),
    ).toEqual({ name: 'Makers', description: null, priority: 3, estimatedPopulation: 1200, source: null });
    expect(termBody({ ...termFormValues(null), name: 'Makers' }).estimatedPopulation).toBeNull();
  });
});
