import { snakeCase } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['passwordHash', 'password_hash'],
    ['OrganizationAudience', 'organization_audience'],
    ['lastIPAddress', 'last_ip_address'],
    ['id', 'id'],
  ])('turns %s into %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});
