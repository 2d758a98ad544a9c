import { describe, expect, it } from 'vitest';
import { editUserFormErrors, inviteFormErrors, NEW_INVITATION } from './user-form';

describe('inviteFormErrors', () => {
  it('asks for a name and an email address', () => {
    expect(inviteFormErrors(NEW_INVITATION)).toEqual({
      name: 'Enter their name',
      email: 'Enter their email address',
    });
    expect(inviteFormErrors({ ...NEW_INVITATION, name: 'Kim', email: 'kim@example' })).toEqual({
      email: 'Enter their email address',
    });
  });

  it('takes a name and an email address as typed, spaces around them aside', () => {
    expect(inviteFormErrors({ name: ' Kim ', email: ' kim@example.org ', role: 'manager' })).toEqual({});
  });
});

describe('editUserFormErrors', () => {
  it('asks for a name', () => {
    expect(editUserFormErrors({ name: ' ', role: 'staff', active: true })).toEqual({ name: 'Enter their name' });
    expect(editUserFormErrors({ name: 'Kim', role: 'staff', active: false })).toEqual({});
  });
});
