import { describe, expect, it } from 'vitest';
import { acceptInvitationErrors, changePasswordErrors, NO_PASSWORDS } from './password-form';
import { profileFormErrors } from './profile-form';
import { confirmCodeErrors, disableTwoFactorErrors } from './two-factor-form';

const LONG = 'correct horse battery';

describe('changePasswordErrors', () => {
  it('asks for the current password and a long enough new one', () => {
    expect(changePasswordErrors(NO_PASSWORDS)).toEqual({
      currentPassword: 'Enter your current password',
      newPassword: 'Use at least 12 characters',
    });
  });

  it('asks for the new password twice the same', () => {
    expect(changePasswordErrors({ currentPassword: 'old', newPassword: LONG, confirm: `${LONG}!` })).toEqual({
      confirm: 'The two passwords differ',
    });
    expect(changePasswordErrors({ currentPassword: 'old', newPassword: LONG, confirm: LONG })).toEqual({});
  });
});

describe('acceptInvitationErrors', () => {
  it('leaves the name optional and checks the password as the password form does', () => {
    expect(acceptInvitationErrors({ name: '', password: 'short', confirm: 'short' })).toEqual({
      password: 'Use at least 12 characters',
    });
    expect(acceptInvitationErrors({ name: '', password: LONG, confirm: 'other' })).toEqual({
      confirm: 'The two passwords differ',
    });
    expect(acceptInvitationErrors({ name: '', password: LONG, confirm: LONG })).toEqual({});
  });
});

describe('profileFormErrors', () => {
  it('asks for a name', () => {
    expect(profileFormErrors({ name: '  ', timezone: 'Europe/Paris' })).toEqual({ name: 'Enter your name' });
    expect(profileFormErrors({ name: 'Ana', timezone: 'Europe/Paris' })).toEqual({});
  });
});

describe('the two-factor forms', () => {
  it('asks for the password and the kind of code being used', () => {
    expect(disableTwoFactorErrors({ password: '', otp: ' ' }, false)).toEqual({
      password: 'Enter your password',
      otp: 'Enter the code from your app',
    });
    expect(disableTwoFactorErrors({ password: 'pw', otp: '' }, true)).toEqual({ otp: 'Enter a recovery code' });
    expect(disableTwoFactorErrors({ password: 'pw', otp: '123456' }, false)).toEqual({});
  });

  it.each(['123456', '123 456', ' 123456 '])('takes %j as a six-digit code', (code) => {
    expect(confirmCodeErrors({ code })).toEqual({});
  });

  it.each(['', '12345', '1234567', 'abcdef'])('refuses %j', (code) => {
    expect(confirmCodeErrors({ code })).toEqual({ code: 'Enter the 6-digit code from your app' });
  });
});
