import { findInLine } from '../setup/log-scan';

describe('findInLine', () => {
  it.each([
    ['an email', '{"msg":"sent","to":"angela.brooks@city.example.org"}', 'email address'],
    ['a phone number', '{"err":{"message":"value +1 503 555 0142 is wrong"}}', 'phone number'],
    ['a dashed phone number', 'phone 206-555-0198', 'phone number'],
    [
      'an access token',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      'JWT',
    ],
    ['a refresh token', 'cookie tandem_refresh=q3v9X_2bLr0-hT7Yc1mZpK8sW4nAeJ6dFgHiUoQxVbN; Path=/', 'token'],
  ])('finds %s', (_what, line, kind) => {
    expect(findInLine(line)?.kind).toBe(kind);
  });

  it.each([
    [
      'a request line',
      '{"level":30,"time":1765069200123,"req":{"id":"3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f","method":"GET","path":"/api/v1/organizations"},"res":{"statusCode":200},"responseTime":12}',
    ],
    ['ids whose groups are digits', '{"deliveryId":"12345678-1234-4123-8456-123456789012"}'],
    ['times', '{"runAt":"2026-12-07T10:15:00.000Z","day":"2026-12-07"}'],
    [
      'a safe error',
      '{"err":{"type":"QueryFailedError","message":"duplicate key value violates unique constraint \\"…\\"","code":"23505"}}',
    ],
    ['a redis prefix', '{"prefix":"tandem-test-mabc1234a1b2c3-a1b2c3d4"}'],
  ])('leaves %s alone', (_what, line) => {
    expect(findInLine(line)).toBeNull();
  });
});
