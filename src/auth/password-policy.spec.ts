import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblem('shelter drop-in wednesdays', 'ana@library.org')).toBeNull();
  });

  it('refuses fewer than 12 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('niñoañoseñor')).toBeNull();
    expect(passwordProblem('niñoañoseño')).toMatch(/at least 12/);
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblem('a1b2c3d4'.repeat(17))).toMatch(/at most 128/);
  });

  it.each(['qwerty123456', 'Password1234', '1qaz2wsx3edc'])('refuses the common password %s', (password) => {
    expect(passwordProblem(password)).toMatch(/common/);
  });

  it('refuses a repeated character', () => {
    expect(passwordProblem('abababababababab')).toMatch(/too few/);
  });

  it('refuses a password containing the email name', () => {
    expect(passwordProblem('maria.lopez-2026!', 'maria.lopez@library.org')).toMatch(/email/);
  });
});
