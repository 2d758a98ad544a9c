import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { applyProblem, formPathOf, plainFieldMessage } from './apply-problem';

function target(values: object) {
  const state = { errors: {} as Record<string, string> };
  return {
    state,
    form: { getValues: () => values, setErrors: (errors: Record<string, string>) => (state.errors = errors) },
  };
}

const invalid = (errors: { field: string; message: string }[]) =>
  new ApiError(400, { status: 400, title: 'Bad Request', detail: 'The request is not valid.', errors });

describe('formPathOf', () => {
  const values = { name: '', tags: ['a'], fit: { audienceReach: 0, notes: '' }, owner: null };

  it('finds nested fields, and the nearest field the form has for an array item', () => {
    expect(formPathOf('fit.notes', values)).toBe('fit.notes');
    expect(formPathOf('tags.2', values)).toBe('tags');
    expect(formPathOf('tags.0', values)).toBe('tags');
    expect(formPathOf('name', values)).toBe('name');
  });

  it('follows the form’s own names and gives up on fields it does not have', () => {
    expect(formPathOf('ownerId', values, { ownerId: 'owner' })).toBe('owner');
    expect(formPathOf('version', values)).toBeUndefined();
  });
});

describe('plainFieldMessage', () => {
  it('capitalizes and names other fields in words', () => {
    expect(plainFieldMessage('must not be before startDate', { startDate: 'the start date' })).toBe(
      'Must not be before the start date',
    );
    expect(plainFieldMessage('must be a web address', { address: 'Address' })).toBe('Must be a web address');
  });
});

describe('applyProblem', () => {
  it('puts each error on its field (the first message per field) and says nothing above the form', () => {
    const { form, state } = target({ name: '', tags: [], fit: { audienceReach: 0 } });
    const general = applyProblem(
      form,
      invalid([
        { field: 'tags.1', message: 'each tag must be 1–50 letters' },
        { field: 'tags.3', message: 'second message' },
        { field: 'fit.audienceReach', message: 'must not be greater than 5' },
      ]),
    );
    expect(general).toBeNull();
    expect(state.errors).toEqual({
      tags: 'Each tag must be 1–50 letters',
      'fit.audienceReach': 'Must not be greater than 5',
    });
  });

  it('names errors the form cannot show next to a field in the message above it', () => {
    const { form, state } = target({ name: '' });
    expect(applyProblem(form, invalid([{ field: 'version', message: 'must be an integer' }]))).toBe(
      'Not saved: version must be an integer.',
    );
    expect(state.errors).toEqual({});
  });

  it('gives the server’s sentence for a conflict, and a plain one for an outage', () => {
    const { form } = target({ name: '' });
    expect(applyProblem(form, new ApiError(409, { detail: 'A partner with this name exists.' }))).toBe(
      'A partner with this name exists.',
    );
    expect(applyProblem(form, new ApiError(503, { detail: 'db down' }))).toMatch(/could not answer just now/);
    expect(applyProblem(form, new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  });
});
