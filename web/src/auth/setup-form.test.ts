import { describe, expect, it } from 'vitest';
import { setupFormErrors } from './setup-form';

describe('setupFormErrors', () => {
  it('asks for every field at once', () => {
    expect(setupFormErrors({ name: ' ', email: 'ana', password: 'short', confirm: '' })).toEqual({
      name: 'Enter your name',
      email: 'Enter an email address',
      password: 'Use at least 12 characters',
      confirm: 'The two passwords differ',
    });
  });

  it('takes a name, an email address and a long enough password typed twice', () => {
    const password = 'correct horse battery';
    expect(setupFormErrors({ name: 'Ana', email: ' ana@example.org ', password, confirm: password })).toEqual({});
  });
});
