import { checkInToken, responseIdOfCheckInToken } from './check-in-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';

describe('check-in link tokens', () => {
  it('round-trips the response id, lower-cased', () => {
    const token = checkInToken(SECRET, ID.toUpperCase());
    expect(token).toMatch(/^3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f\.[A-Za-z0-9_-]{43}$/);
    expect(responseIdOfCheckInToken(SECRET, token)).toBe(ID);
  });

  it('refuses a token made with another secret, for another id, or for another purpose', () => {
    const token = checkInToken(SECRET, ID);
    expect(responseIdOfCheckInToken('another-secret-that-is-long-enough-xyz', token)).toBeNull();
    const other = checkInToken(SECRET, '11111111-2222-4333-8444-555555555555');
    expect(responseIdOfCheckInToken(SECRET, `${ID}.${other.split('.')[1]}`)).toBeNull();
  });

  it('refuses malformed tokens without throwing', () => {
    const key = checkInToken(SECRET, ID).split('.')[1];
    for (const token of [
      '',
      ID,
      `${ID}.`,
      `${ID}.${key}.x`,
      `not-a-uuid.${key}`,
      `${ID}.${key.slice(1)}`,
      'x'.repeat(5000),
      42,
      null,
      undefined,
    ]) {
      expect(responseIdOfCheckInToken(SECRET, token)).toBeNull();
    }
  });
});
