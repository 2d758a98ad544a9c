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
    // Generous limits: every request of this suite comes from one address.
    t = await createTestApp({
      env: {
        PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR: '1000',
        PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES: '1000',
      },
    });
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
      const hidden = tags(html, 'input').filter((input) => input.type === 'hidden');
      expect(hidden).toEqual([
        { type: 'hidden', name: 'submissionKey', value: expect.stringMatching(/^[\w-]{22}$/) },
        { type: 'hidden', name: 'language', value: 'en' },
      ]);
      // The honeypot: out of sight, of screen readers (aria-hidden), of the tab order and of autofill.
      const [honeypot] = html.match(/<input[^>]*name="website"[^>]*>/g) ?? [];
      expect(honeypot).toMatch(/type="text"/);
      expect(honeypot).toMatch(/tabindex="-1"/i);
      expect(honeypot).toMatch(/autocomplete="off"/i);
      expect(html).toContain('.hp{position:absolute;left:-10000px');
      expect(html).toMatch(/<div class="hp" aria-hidden="true"><label for="website-field">/);
      const inputs = [...tags(html, 'input'), ...tags(html, 'textarea'), ...tags(html, 'select')].filter(
        (input) => input.type !== 'hidden' && input.name !== 'website',
      );
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

    it('thanks a bot that fills the honeypot (JSON 201, form thank-you page) and stores nothing', async () => {
      const program = await persistFeedbackProgram(t.dataSource, [], { name: 'Weekly drop-in' });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const json = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 5, worked: 'buy cheap pills', website: 'http://spam.example' })
        .expect(201);
      expect(json.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const page = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send({ rating: '4', worked: 'buy cheap pills', website: 'http://spam.example', submissionKey: 'bot-key-123' })
        .expect(201);
      expect(page.text).toContain('Thank you!');
      expect(await stored()).toHaveLength(0);
      await request(t.http).get(`/api/v1/feedback/${json.body.id}`).set(staff.auth).expect(404);
      // A person's form posts the honeypot empty: stored as usual.
      await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send({ rating: '4', website: '' })
        .expect(201);
      expect(await stored()).toHaveLength(1);
    });

    it('stores the same answers sent again within seconds once, answering with the first id', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const other = await persistFeedbackLink(t.dataSource, program.id);
      const body = { rating: 4, outcomes: { knowledge: 3 }, worked: 'the games' };
      const post = (path = token) => request(t.http).post(`/api/v1/public/feedback/${path}`);
      // JSON without a key: the same answers from the same address, even sent at once.
      const [first, again] = await Promise.all([post().send(body).expect(201), post().send(body).expect(201)]);
      expect(again.body.id).toBe(first.body.id);
      // Keys in another order are the same answers.
      expect(
        (
          await post()
            .send({ worked: 'the games', outcomes: { knowledge: 3 }, rating: 4 })
            .expect(201)
        ).body.id,
      ).toBe(first.body.id);
      expect(await stored()).toHaveLength(1);
      // Different answers, or another link, are another submission.
      await post()
        .send({ ...body, rating: 5 })
        .expect(201);
      await post(other.token).send(body).expect(201);
      expect(await stored()).toHaveLength(3);

      // The form: a double tap (same key, same answers) is stored once, with the thank-you page both times…
      const form = { rating: '5', submissionKey: 'phone-one-key' };
      const tap = await post().type('form').send(form).expect(201);
      expect(tap.text).toContain('Thank you!');
      expect((await post().type('form').send(form).expect(201)).text).toContain('Thank you!');
      expect(await stored()).toHaveLength(4);
      // …while two people on one Wi-Fi giving the same answers at the same moment are two answers.
      await post().type('form').send({ rating: '5', submissionKey: 'phone-two-key' }).expect(201);
      expect(await stored()).toHaveLength(5);
      // A malformed key is a 400 like any bad field.
      await post().send({ rating: 5, submissionKey: 'no spaces!' }).expect(400);
      expect(await stored()).toHaveLength(5);
    });

    it("records the page's language (JSON or form post), free text kept as written, and staff see it in the list and on the timeline", async () => {
      const org = (await persistOrganization(t.dataSource)).id;
      const program = await persistFeedbackProgram(t.dataSource, [org], {
        name: 'Martes y Jueves de Tareas',
        language: 'es',
      });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const json = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 5, worked: '¡Me ayudaron con las fracciones!', language: 'es' })
        .expect(201);
      const form = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send(`rating=4&suggestions=${encodeURIComponent('Más tiempo para la tarea, por favor')}&language=es`)
        .expect(201);
      expect(form.headers['content-type']).toMatch(/^text\/html/);
      const unknown = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 3, worked: 'ok' })
        .expect(201);

      const list = await request(t.http).get('/api/v1/feedback').query({ programId: program.id }).set(staff.auth);
      const byId = new Map(list.body.data.map((f: { id: string }) => [f.id, f]));
      expect(byId.get(json.body.id)).toMatchObject({ language: 'es', worked: '¡Me ayudaron con las fracciones!' });
      expect(byId.get(unknown.body.id)).toMatchObject({ language: null });
      const fromForm = (await stored()).find((row) => row.rating === 4);
      expect(fromForm).toMatchObject({ language: 'es', suggestions: 'Más tiempo para la tarea, por favor' });

      const timeline = await request(t.http).get(`/api/v1/organizations/${org}/timeline`).set(staff.auth).expect(200);
      const feedback = timeline.body.data.filter((e: { type: string }) => e.type === 'feedback');
      expect(feedback.map((e: { language: string | null }) => e.language).sort()).toEqual(['es', 'es', null]);
      expect(timeline.body.data.find((e: { type: string }) => e.type !== 'feedback')?.language).toBeUndefined();
    });

    it('takes an offered language in any case and refuses another (400, JSON or form page), storing nothing', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const upper = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 5, language: 'ES' })
        .expect(201);
      expect((await t.dataSource.getRepository(Feedback).findOneByOrFail({ id: upper.body.id })).language).toBe('es');
      await t.dataSource.query('DELETE FROM feedback');

      for (const language of ['fr', 'klingon', 'e\u0000s', 'x'.repeat(5000), 5, null, ['es']]) {
        const refused = await request(t.http)
          .post(`/api/v1/public/feedback/${token}`)
          .send({ rating: 5, language })
          .expect(400);
        expect(refused.headers['content-type']).toMatch(/problem\+json/);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['language']);
      }
      const page = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send('rating=5&language=fr')
        .expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
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

describe('Public feedback from a room on one Wi-Fi (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The default limits: what a library's drop-in group meets.
    t = await createTestApp({ captureLogs: true });
  });
  afterAll(async () => t.close());

  it('takes 40 answers from one address within 10 minutes, then refuses a flood with 429 and Retry-After', async () => {
    const program = await persistFeedbackProgram(t.dataSource);
    const { token } = await persistFeedbackLink(t.dataSource, program.id);
    const count = () => t.dataSource.getRepository(Feedback).count();
    // Twenty phones send the form, many with the same answers (each page has its own key)…
    for (let phone = 1; phone <= 20; phone += 1) {
      await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send({ rating: String((phone % 2) + 4), submissionKey: `room-phone-${phone}` })
        .expect(201);
    }
    // …and twenty more answer through a client of the JSON API.
    for (let teen = 1; teen <= 20; teen += 1) {
      await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 3, worked: `answer ${teen}` })
        .expect(201);
    }
    expect(await count()).toBe(40);

    // A script on the same address: up to 60 per link per 10 minutes, then refused.
    for (let post = 41; post <= 60; post += 1) {
      await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .send({ rating: 1, worked: `flood ${post}` })
        .expect(201);
    }
    const refused = await request(t.http)
      .post(`/api/v1/public/feedback/${token}`)
      .send({ rating: 1, worked: 'flood 61' })
      .expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'TOO_MANY_FEEDBACK_SUBMISSIONS' });
    expect(refused.body.detail).toMatch(/Please try again in 10 minutes\.$/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The form says when to try again, in plain words.
    const page = await request(t.http)
      .post(`/api/v1/public/feedback/${token}`)
      .type('form')
      .send({ rating: '2', submissionKey: 'room-phone-late' })
      .expect(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Please try again later');
    expect(page.text).toContain('Please try again in 10 minutes.');
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count()).toBe(60);

    // The flood goes on: every post refused, and the log says so once, not once a post.
    for (let post = 62; post <= 261; post += 1)
      await request(t.http).post(`/api/v1/public/feedback/${token}`).send({ rating: 1 }).expect(429);
    const refusals = t.logs.filter((line) => line.includes('"statusCode":429'));
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0])).toMatchObject({ level: 40, msg: 'request refused: too many requests' });
    expect(await count()).toBe(60);
  });
});

describe('Public feedback rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        // Small limits, and X-Forwarded-For as the client's address so the test can be several.
        TRUST_PROXY: 'true',
        PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES: '3',
        PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR: '5',
        PUBLIC_FEEDBACK_PER_LINK_PER_HOUR: '5',
      },
    });
  });
  afterAll(async () => t.close());

  it('limits per address and link, per address across links and per link, each with 429 and Retry-After', async () => {
    const program = await persistFeedbackProgram(t.dataSource);
    const first = await persistFeedbackLink(t.dataSource, program.id);
    const second = await persistFeedbackLink(t.dataSource, program.id);
    let n = 0;
    const post = (token: string, ip: string) =>
      request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .set('X-Forwarded-For', ip)
        .send({ rating: 3, worked: `answer ${(n += 1)}` });

    // One address, one link: the fourth within 10 minutes is one too many.
    for (let i = 0; i < 3; i += 1) await post(first.token, '198.51.100.7').expect(201);
    const perIpAndLink = await post(first.token, '198.51.100.7').expect(429);
    expect(perIpAndLink.body).toMatchObject({ status: 429, code: 'TOO_MANY_FEEDBACK_SUBMISSIONS' });
    expect(Number(perIpAndLink.headers['retry-after'])).toBeLessThanOrEqual(600);

    // The same address through another link: its fifth post this hour passes, the sixth does not.
    await post(second.token, '198.51.100.7').expect(201);
    const perIp = await post(second.token, '198.51.100.7').expect(429);
    expect(Number(perIp.headers['retry-after'])).toBeGreaterThan(600);
    expect(Number(perIp.headers['retry-after'])).toBeLessThanOrEqual(3600);

    // The refused post did not use up the first link: another address still gets two in, then the link is full.
    await post(first.token, '203.0.113.9').expect(201);
    await post(first.token, '203.0.113.9').expect(201);
    const perLink = await post(first.token, '192.0.2.44').expect(429);
    expect(Number(perLink.headers['retry-after'])).toBeGreaterThan(600);
    expect(Number(perLink.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(await t.dataSource.getRepository(Feedback).count()).toBe(6);
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
