import request from 'supertest';
import { sha256 } from '../../src/common/crypto';
import { FeedbackLink } from '../../src/feedback/feedback-link.entity';
import { Feedback } from '../../src/feedback/feedback.entity';
import { FORM_FIELDS } from '../../src/feedback/public-feedback-form';
import { Role } from '../../src/auth/role.enum';
import { persistOrganization } from '../factories/directory.factory';
import { persistFeedbackLink, persistFeedbackProgram } from '../factories/feedback.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { startTandem, TandemProcess } from '../setup/tandem-process';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { databaseUrl, TEST_AUTH_SECRET, TEST_REDIS_URL } from '../setup/test-env';

const UNKNOWN_ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
const UNKNOWN_TOKEN = 'A'.repeat(43);

/** The tags of one kind in an HTML page, each with its attributes. */
function tags(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((attr) => [attr[1], attr[2] ?? ''])),
  );
}

describe('Public feedback links (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;

  beforeAll(async () => {
    // A generous per-IP limit: every request of this suite comes from one address.
    t = await createTestApp({ env: { PUBLIC_FEEDBACK_PER_IP_PER_HOUR: '1000' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
  });

  const stored = () => t.dataSource.getRepository(Feedback).find();

  describe('links', () => {
    it('makes a link whose url is the public page, keeping only the hash of its token', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const response = await request(t.http)
        .post(`/api/v1/programs/${program.id}/feedback-link`)
        .set(staff.auth)
        .expect(201);
      const { id, token, url } = response.body;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url).toBe(`http://tandem.test/feedback/${token}`);
      expect(response.body).toMatchObject({ programId: program.id, createdById: staff.user.id, revokedAt: null });
      const link = await t.dataSource.getRepository(FeedbackLink).findOneByOrFail({ id });
      expect(link.tokenHash).toBe(sha256(token));
      const [{ found }] = await t.dataSource.query(
        `SELECT count(*)::int AS found FROM feedback_links WHERE token_hash = $1 OR id::text = $1`,
        [token],
      );
      expect(found).toBe(0);
      // The link opens the page.
      await request(t.http).get(new URL(url).pathname).expect(200);
    });

    it('answers 404 for an unknown program and 403 for a viewer', async () => {
      await request(t.http).post(`/api/v1/programs/${UNKNOWN_ID}/feedback-link`).set(staff.auth).expect(404);
      const viewer = await signedInAs(t, Role.Viewer);
      const program = await persistFeedbackProgram(t.dataSource);
      await request(t.http).post(`/api/v1/programs/${program.id}/feedback-link`).set(viewer.auth).expect(403);
    });

    it('lists links without tokens, and revoking one closes its page and its submissions (404)', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const first = (
        await request(t.http).post(`/api/v1/programs/${program.id}/feedback-link`).set(staff.auth).expect(201)
      ).body;
      const second = (
        await request(t.http).post(`/api/v1/programs/${program.id}/feedback-link`).set(staff.auth).expect(201)
      ).body;
      const list = await request(t.http)
        .get(`/api/v1/programs/${program.id}/feedback-links`)
        .set(staff.auth)
        .expect(200);
      expect(list.body.meta.total).toBe(2);
      expect(list.body.data.map((l: { id: string }) => l.id).sort()).toEqual([first.id, second.id].sort());
      expect(JSON.stringify(list.body)).not.toContain(first.token);
      expect(list.body.data[0]).not.toHaveProperty('token');

      await request(t.http)
        .delete(`/api/v1/programs/${program.id}/feedback-links/${first.id}`)
        .set(staff.auth)
        .expect(204);
      await request(t.http)
        .delete(`/api/v1/programs/${program.id}/feedback-links/${first.id}`)
        .set(staff.auth)
        .expect(204);
      const after = await request(t.http)
        .get(`/api/v1/programs/${program.id}/feedback-links`)
        .set(staff.auth)
        .expect(200);
      const revoked = after.body.data.find((l: { id: string }) => l.id === first.id);
      expect(Date.parse(revoked.revokedAt)).not.toBeNaN();

      const page = await request(t.http).get(`/feedback/${first.token}`).expect(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('This link does not work');
      await request(t.http).post(`/api/v1/public/feedback/${first.token}`).send({ rating: 4 }).expect(404);
      // The other link still works.
      await request(t.http).post(`/api/v1/public/feedback/${second.token}`).send({ rating: 4 }).expect(201);
      expect(await stored()).toHaveLength(1);
    });

    it('answers 404 for a link of another program or an unknown link', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const other = await persistFeedbackProgram(t.dataSource);
      const { link } = await persistFeedbackLink(t.dataSource, other.id);
      await request(t.http)
        .delete(`/api/v1/programs/${program.id}/feedback-links/${link.id}`)
        .set(staff.auth)
        .expect(404);
      await request(t.http)
        .delete(`/api/v1/programs/${program.id}/feedback-links/${UNKNOWN_ID}`)
        .set(staff.auth)
        .expect(404);
      await request(t.http).delete(`/api/v1/programs/${program.id}/feedback-links/nope`).set(staff.auth).expect(404);
      expect((await t.dataSource.getRepository(FeedbackLink).findOneByOrFail({ id: link.id })).revokedAt).toBeNull();
    });
  });

  describe('the form page', () => {
    it('is accessible HTML: lang, a title with the program, every input labelled, no personal fields', async () => {
      const program = await persistFeedbackProgram(t.dataSource, [], { name: 'Teen Tech <Lab> & "Friends"' });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http).get(`/feedback/${token}`).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-store');
      const html = response.text;
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toContain('<title>Feedback on Teen Tech &lt;Lab&gt; &amp; &quot;Friends&quot;</title>');
      expect(html).not.toContain('<Lab>');
      expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1"\/>/);
      expect(html).toMatch(/anonymous/i);
      for (const words of [
        'How was it?',
        'What did you like?',
        'What could be better?',
        'Any ideas for next time?',
        'I learned something new',
        'I feel more confident',
        'I will use what I learned',
        'I know more about what the library offers',
      ]) {
        expect(html).toContain(words);
      }

      const [form] = tags(html, 'form');
      expect(form).toMatchObject({ method: 'post', action: `/api/v1/public/feedback/${token}` });
      const inputs = [...tags(html, 'input'), ...tags(html, 'textarea'), ...tags(html, 'select')];
      expect(inputs.length).toBe(5 * 5 + 3);
      const labelled = new Set(tags(html, 'label').map((label) => label.for));
      for (const input of inputs) {
        expect(input.id).toBeTruthy();
        expect(labelled).toContain(input.id);
        expect(FORM_FIELDS).toContain(input.name);
        expect(['radio', undefined]).toContain(input.type);
      }
      expect(html).not.toMatch(/name="(name|email|phone|tel)"|type="(email|tel)"/);
      // Each radio group is a fieldset with a legend.
      expect(tags(html, 'fieldset')).toHaveLength(5);
      expect(tags(html, 'legend')).toHaveLength(5);
      expect(html).not.toMatch(/<script/i);
    });

    it('is allowed its inline style and its form target by the content security policy', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http).get(`/feedback/${token}`).expect(200);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp).toMatch(/form-action 'self'/);
      expect(response.text).toMatch(/<style>/);
    });

    it('answers an unknown or malformed token with an HTML 404 page', async () => {
      for (const token of [UNKNOWN_TOKEN, 'short', UNKNOWN_ID]) {
        const response = await request(t.http).get(`/feedback/${token}`).expect(404);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toMatch(/<html lang="en">/);
      }
    });

    it('is not served under /api/v1, where feedback/:id is the staff API', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      await request(t.http).get(`/api/v1/feedback/${token}`).expect(401);
    });
  });

  describe('submitting', () => {
    it('stores JSON feedback as youth feedback on the program and answers only the id', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { link, token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({
          rating: 5,
          outcomes: { knowledge: 4, awareness: 5 },
          worked: 'the robots',
          didntWork: '  ',
          suggestions: 'more snacks',
        })
        .expect(201);
      expect(Object.keys(response.body)).toEqual(['id']);
      const [row] = await stored();
      expect(row).toMatchObject({
        id: response.body.id,
        source: 'youth',
        programId: program.id,
        organizationId: null,
        sessionId: null,
        feedbackLinkId: link.id,
        createdById: null,
        rating: 5,
        outcomeKnowledge: 4,
        outcomeConfidence: null,
        outcomeApplication: null,
        outcomeAwareness: 5,
        worked: 'the robots',
        didntWork: null,
        suggestions: 'more snacks',
        actionTaken: null,
      });
      const read = await request(t.http).get(`/api/v1/feedback/${row.id}`).set(staff.auth).expect(200);
      expect(read.body).toMatchObject({ viaLink: true, feedbackLinkId: link.id, source: 'youth' });
    });

    it('takes the HTML form post (urlencoded, no JavaScript) and answers with a thank-you page', async () => {
      const program = await persistFeedbackProgram(t.dataSource, [], { name: 'Weekly drop-in' });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send(
          'rating=4&outcomeKnowledge=5&outcomeConfidence=&outcomeApplication=3&worked=Fun+games+%3Cb%3E&didntWork=&suggestions=',
        )
        .expect(201);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('Thank you!');
      expect(response.text).toContain('Weekly drop-in');
      expect(response.text).toMatch(/<html lang="en">/);
      const [row] = await stored();
      expect(row).toMatchObject({
        rating: 4,
        outcomeKnowledge: 5,
        outcomeConfidence: null,
        outcomeApplication: 3,
        outcomeAwareness: null,
        worked: 'Fun games <b>',
        didntWork: null,
        suggestions: null,
        source: 'youth',
      });
    });

    it('shows the form again with plain-words errors and the answers kept (400), storing nothing', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send({ outcomeKnowledge: '9', worked: '<script>alert(1)</script>' })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('Please check your answers');
      expect(response.text).toContain('Please pick how it was, from 1 to 5.');
      expect(response.text).toContain('Please pick a number from 1 to 5, or skip this one.');
      expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
      expect(response.text).not.toContain('<script>');
      expect(await stored()).toHaveLength(0);
    });

    it('answers JSON clients that ask for HTML with the form page too', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .set('Accept', 'text/html')
        .send({ rating: 7 })
        .expect(400);
      expect(response.text).toContain('Please pick how it was');
      const ok = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .set('Accept', 'text/html')
        .send({ rating: 2 })
        .expect(201);
      expect(ok.text).toContain('Thank you!');
    });

    it.each([
      ['an unknown field', { rating: 4, email: 'kid@example.org' }, 'email'],
      ['a name', { rating: 4, name: 'Jo' }, 'name'],
      ['a source', { rating: 4, source: 'staff' }, 'source'],
      ['an action taken', { rating: 4, actionTaken: 'x' }, 'actionTaken'],
      ['an organization', { rating: 4, organizationId: UNKNOWN_ID }, 'organizationId'],
      ['an unknown outcome', { rating: 4, outcomes: { mood: 3 } }, 'outcomes.mood'],
      ['a rating out of range', { rating: 6 }, 'rating'],
      ['a rating as text', { rating: '4' }, 'rating'],
      ['no rating', { worked: 'ok' }, 'rating'],
      ['text too long', { rating: 3, worked: 'x'.repeat(4001) }, 'worked'],
    ])('refuses %s with 400 problem details and stores nothing', async (_label, body, field) => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http).post(`/api/v1/public/feedback/${token}`).send(body).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await stored()).toHaveLength(0);
    });

    it('refuses unknown form fields (400 page) and stores nothing', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const response = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send('rating=4&phone=5035550100&__proto__=x')
        .expect(400);
      expect(response.text).toContain('Something in the form was not right');
      expect(await stored()).toHaveLength(0);
    });

    it('answers 404 for an unknown token, as JSON or as a page', async () => {
      const json = await request(t.http)
        .post(`/api/v1/public/feedback/${UNKNOWN_TOKEN}`)
        .send({ rating: 4 })
        .expect(404);
      expect(json.body).toMatchObject({ status: 404, code: 'FEEDBACK_LINK_NOT_FOUND' });
      const page = await request(t.http)
        .post(`/api/v1/public/feedback/${UNKNOWN_TOKEN}`)
        .type('form')
        .send('rating=4')
        .expect(404);
      expect(page.text).toContain('This link does not work');
      expect(await stored()).toHaveLength(0);
    });

    it('shows youth feedback on the timeline of the program’s partners', async () => {
      const org = (await persistOrganization(t.dataSource)).id;
      const program = await persistFeedbackProgram(t.dataSource, [org], { name: 'Weekly drop-in' });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 4, worked: 'hidden words' })
        .expect(201);
      const timeline = await request(t.http).get(`/api/v1/organizations/${org}/timeline`).set(staff.auth).expect(200);
      expect(timeline.body.data).toContainEqual(
        expect.objectContaining({ type: 'feedback', summary: 'Youth feedback on Weekly drop-in: 4/5 — needs action' }),
      );
      expect(JSON.stringify(timeline.body)).not.toContain('hidden words');
    });
  });
});

describe('Public feedback rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_FEEDBACK_PER_IP_PER_HOUR: '4', PUBLIC_FEEDBACK_PER_LINK_PER_DAY: '2' } });
  });
  afterAll(async () => t.close());

  it('limits each link per day, then each address per hour, with 429 and Retry-After', async () => {
    const program = await persistFeedbackProgram(t.dataSource);
    const first = await persistFeedbackLink(t.dataSource, program.id);
    const second = await persistFeedbackLink(t.dataSource, program.id);
    const post = (token: string) => request(t.http).post(`/api/v1/public/feedback/${token}`).send({ rating: 3 });

    await post(first.token).expect(201);
    await post(first.token).expect(201);
    const perLink = await post(first.token).expect(429);
    expect(perLink.body).toMatchObject({ status: 429, code: 'TOO_MANY_FEEDBACK_SUBMISSIONS' });
    expect(Number(perLink.headers['retry-after'])).toBeGreaterThan(3600);

    // The fourth submission from this address goes through another link; the fifth is one too many.
    await post(second.token).expect(201);
    const perIp = await post(second.token).expect(429);
    expect(Number(perIp.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(perIp.headers['retry-after'])).toBeLessThanOrEqual(3600);
    const page = await request(t.http)
      .post(`/api/v1/public/feedback/${second.token}`)
      .type('form')
      .send('rating=3')
      .expect(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Please try again later');
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.dataSource.getRepository(Feedback).count()).toBe(3);
  });
});

describe('Public feedback in the logs (e2e)', () => {
  let t: TestApp;
  let running: TandemProcess | undefined;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await running?.stop('SIGKILL');
    await t.close();
  });

  it('logs requests and the link id, never the token or what was written', async () => {
    const program = await persistFeedbackProgram(t.dataSource);
    const { link, token } = await persistFeedbackLink(t.dataSource, program.id);
    running = await startTandem({
      TANDEM_PROCESS: 'api',
      DATABASE_URL: databaseUrl(t.databaseName),
      AUTH_SECRET: TEST_AUTH_SECRET,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: t.redisPrefix,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
    });
    const secret = 'Jordan-from-room-12-said-this';
    expect((await fetch(`${running.url}/feedback/${token}`)).status).toBe(200);
    const json = await fetch(`${running.url}/api/v1/public/feedback/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, worked: secret, suggestions: secret }),
    });
    expect(json.status).toBe(201);
    const form = await fetch(`${running.url}/api/v1/public/feedback/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ rating: '9', didntWork: secret }).toString(),
    });
    expect(form.status).toBe(400);
    expect(await running.stop()).toBe(0);
    const output = running.output();
    running = undefined;
    expect(output).not.toContain(token);
    expect(output).not.toContain(secret);
    expect(output).toContain(link.id);
    const requests = output
      .split('\n')
      .filter((line) => line.includes('"req":'))
      .map((line) => JSON.parse(line).req.path as string);
    expect(requests).toEqual(expect.arrayContaining(['/feedback/[token]', '/api/v1/public/feedback/[token]']));
  }, 60_000);
});

describe('Public feedback in the OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('documents the page outside /api/v1 and the submission with both bodies', async () => {
    const { body: doc } = await request(t.http).get('/api/docs-json').expect(200);
    expect(doc.paths['/feedback/{token}'].get.responses['200'].content['text/html']).toBeDefined();
    expect(doc.paths['/api/v1/feedback/{id}'].get).toBeDefined();
    const submit = doc.paths['/api/v1/public/feedback/{token}'].post;
    expect(Object.keys(submit.requestBody.content).sort()).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
    expect(submit.responses['201'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/PublicFeedbackCreatedDto',
    );
    expect(doc.components.schemas.PublicFeedbackCreatedDto).toBeDefined();
    expect(doc.components.schemas.PublicFeedbackDto.required).toEqual(['rating']);
  });
});
