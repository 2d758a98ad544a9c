import { describe, expect, it } from 'vitest';
import { createClosureBody, EMPTY_CLOSURE, validateClosureForm } from './closure-form';

describe('validateClosureForm', () => {
  it('asks for the day and a name on an empty form', () => {
    expect(validateClosureForm(EMPTY_CLOSURE)).toEqual({
      date: 'Choose the day',
      name: 'Name the closure, e.g. Thanksgiving',
    });
  });

  it('takes a name of spaces as no name', () => {
    expect(validateClosureForm({ date: '2026-11-26', name: '   ' })).toEqual({
      name: 'Name the closure, e.g. Thanksgiving',
    });
  });

  it('finds nothing wrong with a day and a name', () => {
    expect(validateClosureForm({ date: '2026-11-26', name: 'Thanksgiving' })).toEqual({});
  });
});

describe('createClosureBody', () => {
  it('sends the day and the name without the spaces around it', () => {
    expect(createClosureBody({ date: '2026-11-26', name: '  Thanksgiving ' })).toEqual({
      date: '2026-11-26',
      name: 'Thanksgiving',
    });
  });
});
