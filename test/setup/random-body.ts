import request from 'supertest';
import type { TestApp } from './test-app';

export interface RandomBodyRequest {
  verb: 'post' | 'patch' | 'put';
  path: string;
  /** The request's headers (a signed-in user's Authorization); none for a public route. */
  auth?: Record<string, string>;
  body: unknown;
  /** What the data looks like (row counts, versions): equal before and after a refused body. */
  snapshot: () => Promise<unknown>;
}

/**
 * Sends one body (a property test's random one) and asserts what every route promises: never a
 * 5xx, and a refused body answered as problem details with nothing changed. Returns the status,
 * for a property that also wants some bodies to get through.
 */
export async function sendRandomBody(
  t: TestApp,
  { verb, path, auth = {}, body, snapshot }: RandomBodyRequest,
): Promise<number> {
  const before = await snapshot();
  const response = await request(t.http)
    [verb](path)
    .set(auth)
    .send(body as object);
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(await snapshot()).toEqual(before);
  }
  return response.status;
}
