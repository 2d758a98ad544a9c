import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PasswordService } from '../../src/auth/password.service';
import { Role } from '../../src/auth/role.enum';
import { User } from '../../src/user/user.entity';
import type { TestApp } from '../setup/test-app';

export const DEFAULT_PASSWORD = 'library partners 2026!';

/** At the cost test apps run with (createTestApp), so signing in never rehashes. */
const passwords = new PasswordService({ passwordHashCost: 'test' });
let cachedHash: Promise<string> | undefined;

export function buildUser(overrides: Partial<User> = {}): Partial<User> {
  const tag = randomBytes(4).toString('hex');
  return {
    email: `staff-${tag}@library.test`,
    name: `Staff ${tag}`,
    role: Role.Staff,
    active: true,
    timezone: 'America/Los_Angeles',
    ...overrides,
  };
}

/** Saves a user with DEFAULT_PASSWORD (or `password`), hashed as the app would. */
export async function persistUser(
  dataSource: DataSource,
  overrides: Partial<User> = {},
  password?: string,
): Promise<User> {
  const passwordHash =
    password !== undefined ? await passwords.hash(password) : await (cachedHash ??= passwords.hash(DEFAULT_PASSWORD));
  const repo = dataSource.getRepository(User);
  return repo.save(
    repo.create({
      ...buildUser(overrides),
      passwordHash,
      ...('passwordHash' in overrides ? { passwordHash: overrides.passwordHash } : {}),
    }),
  );
}

export interface SignedIn {
  user: User;
  accessToken: string;
  /** The raw Set-Cookie refresh cookie ("tandem_refresh=…"). */
  refreshCookie: string;
  auth: { Authorization: string };
}

export function refreshCookieFrom(setCookie: string[] | string | undefined): string {
  const cookies = [setCookie ?? []].flat();
  const cookie = cookies.find((c) => c.startsWith('tandem_refresh='));
  if (!cookie) throw new Error('no refresh cookie in the response');
  return cookie.split(';')[0];
}

/** Logs in through the API. */
export async function login(t: TestApp, email: string, password = DEFAULT_PASSWORD): Promise<Omit<SignedIn, 'user'>> {
  const response = await request(t.http).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return {
    accessToken: response.body.accessToken,
    refreshCookie: refreshCookieFrom(response.headers['set-cookie']),
    auth: { Authorization: `Bearer ${response.body.accessToken}` },
  };
}

/** A new user with this role, signed in. */
export async function signedInAs(t: TestApp, role: Role, overrides: Partial<User> = {}): Promise<SignedIn> {
  const user = await persistUser(t.dataSource, { role, ...overrides });
  return { user, ...(await login(t, user.email)) };
}
