import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { CheckInResponse } from '../../src/check-in/check-in-response.entity';
import { checkInToken } from '../../src/check-in/check-in-token';
import { CheckIn } from '../../src/check-in/check-in.entity';
import { UNSTORABLE_TEXT_MESSAGE } from '../../src/common/pipes/validation';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { unsubscribeToken } from '../../src/reminder/unsubscribe.service';
import { checkInTokens, persistPartner } from '../factories/check-in.factory';
import { persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { TEST_AUTH_SECRET } from '../setup/test-env';

const UNKNOWN_ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
const api = (path: string) => `/api/v1${path}`;

describe('Check-ins: bad input, roles and forged links (e2e)', () => {
  let t: TestApp;
  let viewer: SignedIn;
  let staff: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_FEEDBACK_PER_IP_PER_HOUR: '1000' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    [viewer, staff, manager, admin] = await Promise.all(
      [Role.Viewer, Role.Staff, Role.Manager, Role.Admin].map((role) => signedInAs(t, role)),
    );
  });

  /** An open check-in of a partner owned by the staff user, with both respondents' tokens. */
  async function openCheckIn() {
    const partner = await persistPartner(t.dataSource, staff.user);
    const response = await request(t.http)
      .post(api(`/organizations/${partner.organization.id}/check-ins`))
      .set(staff.auth)
      .expect(201);
    return { partner, checkIn: response.body, tokens: await checkInTokens(t.dataSource, response.body.id) };
  }

  /** Nothing of an answer was stored: no response answered, no averages, no audit of an answer. */
  async function expectNothingAnswered(checkInId: string) {
    const checkIn = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: checkInId });
    expect(checkIn).toMatchObject({ responseCount: 0, areaScores: null, lastResponseAt: null, status: 'open' });
    const responses = await t.dataSource.getRepository(CheckInResponse).findBy({ checkInId });
    expect(responses.every((r) => r.answeredAt === null && r.answers === null && r.comment === null)).toBe(true);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ entityType: 'check-in-response' })).toBe(0);
  }

  describe('roles', () => {
    it('lets staff start and close, managers send rounds, admins change the schedule, and anyone read', async () => {
      const partner = await persistPartner(t.dataSource, staff.user);
      const start = (auth: Record<string, string>) =>
        request(t.http)
          .post(api(`/organizations/${partner.organization.id}/check-ins`))
          .set(auth);
      const denied = await start(viewer.auth).expect(403);
      expect(denied.headers['content-type']).toMatch(/problem\+json/);
      await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .expect(401);
      const { body } = await start(staff.auth).expect(201);
      await request(t.http)
        .get(api(`/check-ins/${body.id}`))
        .set(viewer.auth)
        .expect(200);
      await request(t.http)
        .get(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(viewer.auth)
        .expect(200);
      await request(t.http)
        .get(api(`/check-ins/${body.id}`))
        .expect(401);
      await request(t.http)
        .post(api(`/check-ins/${body.id}/close`))
        .set(viewer.auth)
        .expect(403);

      await request(t.http).post(api('/check-ins/rounds')).set(staff.auth).send({}).expect(403);
      await request(t.http).post(api('/check-ins/rounds')).set(viewer.auth).send({}).expect(403);
      await request(t.http).post(api('/check-ins/rounds')).set(manager.auth).send({}).expect(200);

      for (const user of [viewer, staff, manager]) {
        await request(t.http).get(api('/settings/check-ins')).set(user.auth).expect(403);
        await request(t.http)
          .patch(api('/settings/check-ins'))
          .set(user.auth)
          .send({ intervalMonths: 3, version: 1 })
          .expect(403);
      }
      await request(t.http).get(api('/settings/check-ins')).expect(401);
      await request(t.http).get(api('/settings/check-ins')).set(admin.auth).expect(200);
      expect(await t.dataSource.query(`SELECT * FROM settings WHERE key = 'check-ins'`)).toEqual([]);
    });
  });

  describe('ids', () => {
    it('answers 404 for malformed and unknown ids, never a 500', async () => {
      for (const id of ['not-a-uuid', '123', UNKNOWN_ID, `${UNKNOWN_ID}x`, "1' OR '1'='1", 'x'.repeat(2000)]) {
        const path = encodeURIComponent(id);
        expect(
          (
            await request(t.http)
              .get(api(`/check-ins/${path}`))
              .set(staff.auth)
          ).status,
        ).toBe(404);
        expect(
          (
            await request(t.http)
              .post(api(`/check-ins/${path}/close`))
              .set(staff.auth)
          ).status,
        ).toBe(404);
        expect(
          (
            await request(t.http)
              .post(api(`/organizations/${path}/check-ins`))
              .set(staff.auth)
          ).status,
        ).toBe(404);
        expect(
          (
            await request(t.http)
              .get(api(`/organizations/${path}/check-ins`))
              .set(staff.auth)
          ).status,
        ).toBe(404);
      }
      const notFound = await request(t.http)
        .post(api(`/organizations/${UNKNOWN_ID}/check-ins`))
        .set(staff.auth)
        .expect(404);
      expect(notFound.body.code).toBe('ORGANIZATION_NOT_FOUND');
    });

    it('refuses pagination out of range', async () => {
      const org = await persistOrganization(t.dataSource);
      for (const query of ['limit=0', 'limit=101', 'limit=x', 'offset=-1', 'offset=abc']) {
        const response = await request(t.http)
          .get(api(`/organizations/${org.id}/check-ins?${query}`))
          .set(viewer.auth)
          .expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('starting and closing', () => {
    it('answers 409 when one is open (naming it), 422 for an ended partnership or nobody to ask, 409 closing twice', async () => {
      const { partner, checkIn } = await openCheckIn();
      const again = await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(staff.auth)
        .expect(409);
      expect(again.body).toMatchObject({ code: 'CHECK_IN_ALREADY_OPEN', checkInId: checkIn.id });

      const ended = await persistPartner(t.dataSource, staff.user, { stage: OrganizationStage.Ended });
      const endedResponse = await request(t.http)
        .post(api(`/organizations/${ended.organization.id}/check-ins`))
        .set(staff.auth)
        .expect(422);
      expect(endedResponse.body.code).toBe('CHECK_IN_ORGANIZATION_ENDED');

      // An inactive owner and a primary contact without an email: nobody to ask.
      const inactive = await signedInAs(t, Role.Staff);
      await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [inactive.user.id]);
      const nobody = await persistPartner(t.dataSource, inactive.user, { contact: { email: null } });
      const nobodyResponse = await request(t.http)
        .post(api(`/organizations/${nobody.organization.id}/check-ins`))
        .set(staff.auth)
        .expect(422);
      expect(nobodyResponse.body).toMatchObject({ code: 'CHECK_IN_NO_RESPONDENT', status: 422 });
      expect(await t.dataSource.getRepository(CheckIn).countBy({ organizationId: nobody.organization.id })).toBe(0);

      await request(t.http)
        .post(api(`/check-ins/${checkIn.id}/close`))
        .set(staff.auth)
        .expect(200);
      const twice = await request(t.http)
        .post(api(`/check-ins/${checkIn.id}/close`))
        .set(staff.auth)
        .expect(409);
      expect(twice.body.code).toBe('CHECK_IN_ALREADY_CLOSED');
      expect(
        await t.dataSource
          .getRepository(AuditEvent)
          .countBy({ entityType: 'check-in', entityId: checkIn.id, action: 'update' }),
      ).toBe(1);
    });

    it('starts one check-in when two requests race for the same organization', async () => {
      const partner = await persistPartner(t.dataSource, staff.user);
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(t.http)
            .post(api(`/organizations/${partner.organization.id}/check-ins`))
            .set(staff.auth)
            .then((r) => r.status),
        ),
      );
      expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await t.dataSource.getRepository(CheckIn).countBy({ organizationId: partner.organization.id })).toBe(1);
      expect(await t.dataSource.getRepository(CheckInResponse).count()).toBe(2);
    });
  });

  describe('rounds', () => {
    it('refuses bodies that are not a list of up to 1000 uuids, and unknown fields', async () => {
      const bodies: [unknown, string][] = [
        [{ organizationIds: 'all' }, 'organizationIds'],
        [{ organizationIds: ['not-a-uuid'] }, 'organizationIds'],
        [{ organizationIds: [42] }, 'organizationIds'],
        [{ organizationIds: null }, 'organizationIds'],
        [{ organizationIds: Array.from({ length: 1001 }, () => UNKNOWN_ID) }, 'organizationIds'],
        [{ organizationIds: ['x'.repeat(100_000)] }, 'organizationIds'],
        [{ stage: 'active' }, 'stage'],
      ];
      for (const [body, field] of bodies) {
        const response = await request(t.http)
          .post(api('/check-ins/rounds'))
          .set(manager.auth)
          .send(body as object);
        expect(response.status).toBe(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const malformed = await request(t.http)
        .post(api('/check-ins/rounds'))
        .set(manager.auth)
        .set('Content-Type', 'application/json')
        .send('{"organizationIds": [');
      expect(malformed.status).toBe(400);
      expect(await t.dataSource.getRepository(CheckIn).count()).toBe(0);
    });

    it('takes an empty list as asking nobody, and 1000 unknown ids as 1000 skips', async () => {
      await persistPartner(t.dataSource, staff.user);
      const empty = await request(t.http)
        .post(api('/check-ins/rounds'))
        .set(manager.auth)
        .send({ organizationIds: [] })
        .expect(200);
      expect(empty.body).toEqual({ started: [], skipped: [], notDue: { open: 0, recent: 0 } });
      // No body at all is the automatic round: the one active partner is due.
      const noBody = await request(t.http).post(api('/check-ins/rounds')).set(manager.auth).expect(200);
      expect(noBody.body.started).toHaveLength(1);
      const ids = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const many = await request(t.http)
        .post(api('/check-ins/rounds'))
        .set(manager.auth)
        .send({ organizationIds: ids })
        .expect(200);
      expect(many.body.started).toEqual([]);
      expect(many.body.skipped).toHaveLength(1000);
      expect(new Set(many.body.skipped.map((s: { reason: string }) => s.reason))).toEqual(new Set(['not-found']));
    });
  });

  describe('answers', () => {
    it('refuses bad answers with 400, naming the field, and stores nothing', async () => {
      const { checkIn, tokens } = await openCheckIn();
      const bodies: [unknown, string][] = [
        [{ answers: { 'purpose.shared': 0 } }, 'answers.purpose.shared'],
        [{ answers: { 'purpose.shared': 6 } }, 'answers.purpose.shared'],
        [{ answers: { 'purpose.shared': 'x' } }, 'answers.purpose.shared'],
        [{ answers: { 'purpose.shared': 3.5 } }, 'answers.purpose.shared'],
        [{ answers: { 'purpose.shared': '4' } }, 'answers.purpose.shared'],
        [{ answers: { 'purpose.shared': 4, 'purpose.made-up': 4 } }, 'answers.purpose.made-up'],
        [{ answers: { 'purpose.shared': 4 }, rating: 5 }, 'rating'],
        [{ answers: { 'purpose.shared': 4 }, comment: 'x'.repeat(2001) }, 'comment'],
        [{ answers: { 'purpose.shared': 4 }, comment: { text: 'hi' } }, 'comment'],
        [{ answers: {} }, 'answers'],
        [{ answers: [4, 4] }, 'answers'],
        [{ answers: 'all fives' }, 'answers'],
        [{ comment: 'only a comment' }, 'answers'],
        [[{ answers: { 'purpose.shared': 4 } }], 'body'],
      ];
      for (const [body, field] of bodies) {
        const response = await request(t.http)
          .post(api(`/public/check-ins/${tokens.partner}`))
          .send(body as object);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      // A body over the 1 MB limit, and JSON that does not parse.
      const huge = await request(t.http)
        .post(api(`/public/check-ins/${tokens.partner}`))
        .send({ answers: { 'purpose.shared': 4 }, comment: 'x'.repeat(1_100_000) });
      expect(huge.status).toBe(413);
      const broken = await request(t.http)
        .post(api(`/public/check-ins/${tokens.partner}`))
        .set('Content-Type', 'application/json')
        .send('{"answers": {');
      expect(broken.status).toBe(400);
      const proto = await request(t.http)
        .post(api(`/public/check-ins/${tokens.partner}`))
        .set('Content-Type', 'application/json')
        .send('{"answers": {"__proto__": {"x": 1}}}');
      expect(proto.status).toBe(400);
      await expectNothingAnswered(checkIn.id);
    });

    it('refuses a comment with a NUL or a lone surrogate with 400 naming it (JSON, raw JSON escape, form post), storing nothing', async () => {
      const { checkIn, tokens } = await openCheckIn();
      const json = await request(t.http)
        .post(api(`/public/check-ins/${tokens.partner}`))
        .send({ answers: { 'purpose.shared': 4 }, comment: 'ok\u0000' });
      expect(json.status).toBe(400);
      expect(json.body.errors).toEqual([{ field: 'comment', message: UNSTORABLE_TEXT_MESSAGE }]);
      const raw = await request(t.http)
        .post(api(`/public/check-ins/${tokens.partner}`))
        .set('Content-Type', 'application/json')
        .send('{"answers": {"purpose.shared": 4}, "comment": "\\udfff"}');
      expect(raw.status).toBe(400);
      expect(raw.body.errors).toEqual([{ field: 'comment', message: UNSTORABLE_TEXT_MESSAGE }]);
      const form = await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .type('form')
        .send('purpose.shared=4&comment=a%00b');
      expect(form.status).toBe(400);
      expect(form.headers['content-type']).toMatch(/text\/html/);
      expect(form.text).toContain('Please check your answers');
      await expectNothingAnswered(checkIn.id);
    });

    it('answers a bad form post with the form again (400), the errors in plain words and the answers kept, storing nothing', async () => {
      const { checkIn, tokens } = await openCheckIn();
      const response = await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .type('form')
        .send('purpose.shared=4&communication.heard=9&comment=Keep%20this')
        .expect(400);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('Please check your answers');
      expect(response.text).toContain('href="#communication.heard-1"');
      expect(response.text).toMatch(
        /<input type="radio" id="purpose\.shared-4" name="purpose\.shared" checked="" value="4"\/>/,
      );
      expect(response.text).toContain('>Keep this</textarea>');
      const unknownField = await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .type('form')
        .send('purpose.shared=4&rating=5')
        .expect(400);
      expect(unknownField.text).toContain('Something in the form was not right');
      const nothing = await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .type('form')
        .send('purpose.shared=&comment=')
        .expect(400);
      expect(nothing.text).toContain('Please answer at least one statement');
      await expectNothingAnswered(checkIn.id);
    });

    it('answers 404 to forged, malformed and other-purpose tokens, as JSON and as pages', async () => {
      const { checkIn, partner } = await openCheckIn();
      const [response] = await t.dataSource.getRepository(CheckInResponse).findBy({ checkInId: checkIn.id });
      const forged = [
        checkInToken('another-secret-that-is-long-enough-for-hs256', response.id),
        `${response.id}.${'A'.repeat(43)}`,
        checkInToken(TEST_AUTH_SECRET, UNKNOWN_ID),
        unsubscribeToken(TEST_AUTH_SECRET, response.id),
        unsubscribeToken(TEST_AUTH_SECRET, partner.contact!.id),
        response.id,
        'not-a-token',
        `${response.id}.${checkInToken(TEST_AUTH_SECRET, response.id).split('.')[1]}.extra`,
        'x'.repeat(3000),
      ];
      for (const token of forged) {
        const post = await request(t.http)
          .post(api(`/public/check-ins/${encodeURIComponent(token)}`))
          .send({ answers: { 'purpose.shared': 4 } });
        expect({ token: token.slice(0, 80), status: post.status }).toEqual({ token: token.slice(0, 80), status: 404 });
        expect(post.body.code).toBe('CHECK_IN_LINK_NOT_FOUND');
        const page = await request(t.http).get(`/check-in/${encodeURIComponent(token)}`);
        expect(page.status).toBe(404);
        expect(page.text).toContain('This link does not work');
        const form = await request(t.http)
          .post(api(`/public/check-ins/${encodeURIComponent(token)}`))
          .type('form')
          .send('purpose.shared=4');
        expect(form.status).toBe(404);
        expect(form.text).toContain('This link does not work');
      }
      await expectNothingAnswered(checkIn.id);
    });

    it('answers 410 once closed and 409 once answered, before looking at the body', async () => {
      const { checkIn, tokens } = await openCheckIn();
      await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .send({ answers: { 'purpose.shared': 4 } })
        .expect(201);
      const answered = await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .send({ answers: { 'purpose.shared': 0 } })
        .expect(409);
      expect(answered.body.code).toBe('CHECK_IN_ALREADY_ANSWERED');
      await request(t.http)
        .post(api(`/check-ins/${checkIn.id}/close`))
        .set(staff.auth)
        .expect(200);
      const closed = await request(t.http)
        .post(api(`/public/check-ins/${tokens.partner}`))
        .send({ answers: { 'purpose.shared': 'x' } })
        .expect(410);
      expect(closed.body).toMatchObject({ code: 'CHECK_IN_CLOSED', status: 410, title: 'Gone' });
      expect((await request(t.http).get(`/check-in/${tokens.partner}`)).status).toBe(410);
      const partner = await t.dataSource
        .getRepository(CheckInResponse)
        .findOneByOrFail({ checkInId: checkIn.id, respondent: 'partner' as never });
      expect(partner.answeredAt).toBeNull();
    });

    it('stores two respondents answering at the same moment both, and closes once', async () => {
      const { checkIn, tokens } = await openCheckIn();
      const [a, b] = await Promise.all([
        request(t.http)
          .post(api(`/public/check-ins/${tokens.owner}`))
          .send({ answers: { 'purpose.shared': 2 } }),
        request(t.http)
          .post(api(`/public/check-ins/${tokens.partner}`))
          .send({ answers: { 'purpose.shared': 4 } }),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const stored = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: checkIn.id });
      expect(stored).toMatchObject({ status: 'closed', responseCount: 2 });
      expect(stored.areaScores?.purpose).toBe(3);
      expect(
        await t.dataSource
          .getRepository(AuditEvent)
          .countBy({ entityType: 'check-in', entityId: checkIn.id, action: 'update' }),
      ).toBe(1);
    });
  });

  describe('settings', () => {
    const settings = (auth = admin.auth) => request(t.http).get(api('/settings/check-ins')).set(auth);
    const patch = (body: object) => request(t.http).patch(api('/settings/check-ins')).set(admin.auth).send(body);

    it('starts at the defaults, version 1; a change bumps the version and is audited; a stale version is 409', async () => {
      expect((await settings().expect(200)).body).toEqual({
        version: 1,
        intervalMonths: 6,
        respondWithinDays: 21,
        automatic: true,
        firstAfterDays: 90,
        dailyLimit: 25,
      });
      const changed = await patch({ intervalMonths: 12, respondWithinDays: 14, version: 1 }).expect(200);
      expect(changed.body).toEqual({
        version: 2,
        intervalMonths: 12,
        respondWithinDays: 14,
        automatic: true,
        firstAfterDays: 90,
        dailyLimit: 25,
      });
      const stale = await patch({ automatic: false, version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const same = await patch({ intervalMonths: 12, version: 2 }).expect(200);
      expect(same.body.version).toBe(2);
      const [event] = await t.dataSource.getRepository(AuditEvent).findBy({ entityType: 'settings' });
      expect(event.changes).toEqual({
        intervalMonths: { before: 6, after: 12 },
        respondWithinDays: { before: 21, after: 14 },
      });
      expect(event.actorId).toBe(admin.user.id);

      // A check-in started now stays open for the new window.
      const partner = await persistPartner(t.dataSource, staff.user);
      const started = await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(staff.auth)
        .expect(201);
      expect(new Date(started.body.closesAt).getTime() - new Date(started.body.openedAt).getTime()).toBe(
        14 * 86_400_000,
      );
    });

    it('refuses values out of range, wrong types, unknown fields, null and a missing version with 400 naming each, changing nothing', async () => {
      const cases: [object, string[]][] = [
        [{ intervalMonths: 0, version: 1 }, ['intervalMonths']],
        [{ intervalMonths: 25, version: 1 }, ['intervalMonths']],
        [{ respondWithinDays: 0, version: 1 }, ['respondWithinDays']],
        [{ respondWithinDays: 91, version: 1 }, ['respondWithinDays']],
        [{ respondWithinDays: 2.5, version: 1 }, ['respondWithinDays']],
        [{ dailyLimit: 0, version: 1 }, ['dailyLimit']],
        [{ dailyLimit: 1001, version: 1 }, ['dailyLimit']],
        [{ dailyLimit: '25', version: 1 }, ['dailyLimit']],
        [
          { intervalMonths: '6', respondWithinDays: null, automatic: 'yes', version: 1 },
          ['intervalMonths', 'respondWithinDays', 'automatic'],
        ],
        [{ intervalMonths: 6 }, ['version']],
        [{ intervalMonths: 6, version: 'one' }, ['version']],
        [{ weights: { fit: 5 }, version: 1 }, ['weights']],
        [{ intervalMonths: 1e308, version: 1 }, ['intervalMonths']],
        [{ version: 1, automatic: 'x'.repeat(100_000) }, ['automatic']],
        [{ firstAfterDays: -1, version: 1 }, ['firstAfterDays']],
        [{ firstAfterDays: 366, version: 1 }, ['firstAfterDays']],
        [{ firstAfterDays: 30.5, version: 1 }, ['firstAfterDays']],
        [{ firstAfterDays: '90', version: 1 }, ['firstAfterDays']],
        [{ firstAfterDays: null, version: 1 }, ['firstAfterDays']],
        [{ firstAfterDays: [90], version: 1 }, ['firstAfterDays']],
        [{ firstAfterDays: 90, firstAfter: 90, version: 1 }, ['firstAfter']],
      ];
      for (const [body, fields] of cases) {
        const response = await patch(body);
        expect({ body: JSON.stringify(body).slice(0, 100), status: response.status }).toEqual({
          body: JSON.stringify(body).slice(0, 100),
          status: 400,
        });
        expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
      }
      expect((await settings().expect(200)).body.version).toBe(1);
      expect(await t.dataSource.getRepository(AuditEvent).countBy({ entityType: 'settings' })).toBe(0);
    });
  });
});
