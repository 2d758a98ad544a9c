import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { persistOrganization } from '../factories/directory.factory';
import {
  persistFeedback,
  persistFeedbackLink,
  persistFeedbackProgram,
  persistFeedbackSession,
} from '../factories/feedback.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { assertUnstorableTextRefused, unstorableText, unstorableTextError } from '../setup/unstorable-text';
import { sendRandomBody } from '../setup/random-body';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Row counts and a digest of the feedback tables plus the audit log: unchanged means nothing was written. */
async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const table of ['feedback', 'feedback_links', 'audit_events']) {
    const [{ n, digest }] = await t.dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) AS digest FROM ${table} x`,
    );
    state[table] = { n, digest };
  }
  return state;
}

describe('Feedback bad input (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let feedbackId: string;
  let programId: string;
  let orgId: string;
  let sessionId: string;
  let token: string;

  beforeAll(async () => {
    // Property runs post many times from one address.
    t = await createTestApp({
      env: {
        PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR: '100000',
        PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES: '100000',
        PUBLIC_FEEDBACK_PER_LINK_PER_HOUR: '100000',
      },
    });
    staff = await signedInAs(t, Role.Staff);
    orgId = (await persistOrganization(t.dataSource)).id;
    programId = (await persistFeedbackProgram(t.dataSource, [orgId])).id;
    sessionId = (await persistFeedbackSession(t.dataSource, programId)).id;
    feedbackId = (await persistFeedback(t.dataSource, { organizationId: orgId })).id;
    token = (await persistFeedbackLink(t.dataSource, programId)).token;
  });
  afterAll(async () => t.close());

  it('answers malformed and unknown ids with 404 problem details on every id route', async () => {
    const routes = [
      ['get', '/api/v1/feedback/:id'],
      ['patch', '/api/v1/feedback/:id'],
      ['delete', '/api/v1/feedback/:id'],
      ['post', '/api/v1/programs/:id/feedback-link'],
      ['get', '/api/v1/programs/:id/feedback-links'],
      ['delete', '/api/v1/programs/:id/feedback-links/:id'],
    ] as const;
    for (const [verb, path] of routes) {
      for (const id of ['not-a-uuid', "1'; DROP TABLE feedback; --", UNKNOWN]) {
        const response = await request(t.http)
          [verb](path.replaceAll(':id', encodeURIComponent(id)))
          .set(staff.auth)
          .send(verb === 'patch' ? { version: 1 } : {});
        expect({ route: `${verb} ${path}`, id, status: response.status }).toEqual({
          route: `${verb} ${path}`,
          id,
          status: 404,
        });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    }
    for (const bad of ['x', "1'; DROP TABLE feedback; --", 'A'.repeat(43), 'A'.repeat(5000)]) {
      expect((await request(t.http).get(`/feedback/${encodeURIComponent(bad)}`)).status).toBe(404);
      expect(
        (
          await request(t.http)
            .post(`/api/v1/public/feedback/${encodeURIComponent(bad)}`)
            .send({ rating: 3 })
        ).status,
      ).toBe(404);
    }
  });

  it('answers negative limits and unknown query fields with 400 on the list routes', async () => {
    for (const path of ['/api/v1/feedback', `/api/v1/programs/${programId}/feedback-links`]) {
      for (const query of ['limit=-1', 'offset=-3', 'limit=1e9', 'limit=ten', 'nonsense=1']) {
        const response = await request(t.http).get(`${path}?${query}`).set(staff.auth);
        expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
      }
    }
  });

  it('answers 10 MB strings with 413 on every write route and changes nothing', async () => {
    const before = await snapshot(t);
    const writes = [
      ['post', '/api/v1/feedback', { source: 'youth', rating: 3, worked: TEN_MB }],
      ['patch', `/api/v1/feedback/${feedbackId}`, { version: 1, actionTaken: TEN_MB }],
      ['post', `/api/v1/public/feedback/${token}`, { rating: 3, suggestions: TEN_MB }],
    ] as const;
    for (const [verb, path, body] of writes) {
      const response = await request(t.http)[verb](path).set(staff.auth).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 413 });
    }
    const form = await request(t.http)
      .post(`/api/v1/public/feedback/${token}`)
      .type('form')
      .send(`rating=3&worked=${TEN_MB}`);
    expect(form.status).toBe(413);
    expect(await snapshot(t)).toEqual(before);
  });

  const anyValue = () =>
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 4001, maxLength: 4100 }),
      fc.integer({ min: -2, max: 8 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(UNKNOWN, orgId, programId, sessionId, 'partner', 'youth', 'staff', 'es', 'EN', 'fr', 'es-MX'),
      fc.array(fc.oneof(fc.uuid(), fc.integer()), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom('knowledge', 'confidence', 'application', 'awareness', 'mood'),
        fc.oneof(fc.integer({ min: -1, max: 7 }), fc.string({ maxLength: 3 }), fc.constant(null)),
        { maxKeys: 3 },
      ),
      unstorableText(),
    );
  const bodyOf = (fields: string[]) => fc.dictionary(fc.constantFrom(...fields), anyValue(), { maxKeys: 6 });
  const STAFF_FIELDS = [
    'source',
    'organizationId',
    'programId',
    'sessionId',
    'rating',
    'outcomes',
    'worked',
    'didntWork',
    'suggestions',
    'actionTaken',
    'language',
    'version',
    'id',
    'viaLink',
    'extra',
  ];

  const cases: ReadonlyArray<{ name: string; verb: 'post' | 'patch'; path: () => string; fields: string[] }> = [
    { name: 'create feedback', verb: 'post', path: () => '/api/v1/feedback', fields: STAFF_FIELDS },
    { name: 'patch feedback', verb: 'patch', path: () => `/api/v1/feedback/${feedbackId}`, fields: STAFF_FIELDS },
    {
      name: 'public feedback (JSON)',
      verb: 'post',
      path: () => `/api/v1/public/feedback/${token}`,
      fields: ['rating', 'outcomes', 'worked', 'didntWork', 'suggestions', 'language', 'name', 'email', 'source'],
    },
  ];

  it.each(cases)(
    '$name: random bodies never cause a 5xx, and a refused one changes nothing',
    async ({ verb, path, fields }) => {
      await fc.assert(
        fc.asyncProperty(bodyOf(fields), async (body) => {
          await sendRandomBody(t, { verb, path: path(), auth: staff.auth, body, snapshot: () => snapshot(t) });
        }),
        { numRuns: 60 },
      );
    },
  );

  it('public feedback (form post): random fields never cause a 5xx, and a refused one changes nothing', async () => {
    const field = fc.constantFrom(
      'rating',
      'outcomeKnowledge',
      'outcomeConfidence',
      'outcomeApplication',
      'outcomeAwareness',
      'worked',
      'didntWork',
      'suggestions',
      'language',
      'email',
      '__proto__',
      'outcomes[knowledge]',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('1', '3', '5', '0', '6', ' 4 ', '', '1e1', '-1', 'es', 'ES', 'fr'),
      fc.string({ minLength: 4001, maxLength: 4050 }),
      unstorableText(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { maxLength: 6 }), async (pairs) => {
        const before = await snapshot(t);
        const response = await request(t.http)
          .post(`/api/v1/public/feedback/${token}`)
          .type('form')
          .send(new URLSearchParams(pairs).toString());
        expect(response.status).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        if (response.status >= 400) expect(await snapshot(t)).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a NUL or a lone surrogate in every text field with 400 naming it, writing nothing (staff and public JSON)', async () => {
    const version = async () =>
      (await t.dataSource.query(`SELECT version FROM feedback WHERE id = $1`, [feedbackId]))[0].version as number;
    const auth = () => staff.auth;
    await assertUnstorableTextRefused(
      t,
      [
        {
          name: 'create feedback',
          verb: 'post',
          path: () => '/api/v1/feedback',
          valid: () => ({ source: 'staff', rating: 4, organizationId: orgId }),
          fields: ['worked', 'didntWork', 'suggestions', 'actionTaken', 'language'],
          headers: auth,
        },
        {
          name: 'patch feedback',
          verb: 'patch',
          path: () => `/api/v1/feedback/${feedbackId}`,
          valid: async () => ({ version: await version(), rating: 3 }),
          fields: ['worked', 'didntWork', 'suggestions', 'actionTaken'],
          headers: auth,
        },
        {
          name: 'public feedback (JSON)',
          verb: 'post',
          path: () => `/api/v1/public/feedback/${token}`,
          valid: () => ({ rating: 5, outcomes: { knowledge: 4 } }),
          fields: ['worked', 'didntWork', 'suggestions', 'language'],
        },
      ],
      () => snapshot(t),
    );
  });

  it('public feedback: a raw JSON lone-surrogate escape is a 400 naming the field, and the form post shows the form again with the error', async () => {
    const before = await snapshot(t);
    // The escape as raw text, so it reaches the server unpaired whatever the client's JSON writer does.
    const raw = await request(t.http)
      .post(`/api/v1/public/feedback/${token}`)
      .set('Content-Type', 'application/json')
      .send('{"rating":4,"worked":"\\ud800"}');
    expect(raw.status).toBe(400);
    expect(raw.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(raw.body.errors).toEqual([unstorableTextError('worked')]);
    const form = await request(t.http)
      .post(`/api/v1/public/feedback/${token}`)
      .type('form')
      .send('rating=4&suggestions=more%00snacks');
    expect(form.status).toBe(400);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.text).toContain('id="suggestions-error"');
    expect(await snapshot(t)).toEqual(before);
  });
});
