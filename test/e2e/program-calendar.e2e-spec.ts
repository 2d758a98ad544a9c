import fc from 'fast-check';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ProgramSession } from '../../src/program/program-session.entity';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const ZONE = 'America/Los_Angeles';
const UNKNOWN_ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
// Wednesdays at 15:30 in Los Angeles, across the end of daylight saving time on 2026-11-01.
const DATES = ['2026-10-14', '2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18', '2026-11-25'];

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

function instant(component: ICAL.Component, name: string): Date {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value.toJSDate();
}

const feedPath = (programId: string) => `/api/v1/programs/${programId}/calendar.ics`;

interface SessionBody {
  id: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  cancelled: boolean;
  cancelReason: string | null;
  version: number;
}

describe('Program calendar feed (e2e)', () => {
  let t: TestApp;
  let viewer: SignedIn;
  let staff: SignedIn;
  let shelterId: string;
  let programId: string;
  let sessions: SessionBody[];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const createProgram = async (overrides: Record<string, unknown> = {}) =>
    (
      await request(t.http)
        .post('/api/v1/programs')
        .set(staff.auth)
        .send({
          name: 'Teen drop-in',
          description: 'Games, snacks and homework help.',
          status: 'running',
          partners: [{ organizationId: shelterId, role: 'host' }],
          libraryGoal: 'Library cards for shelter youth',
          partnerGoal: 'A warm place on Wednesday afternoons',
          schedule: {
            rrule: 'FREQ=WEEKLY;BYDAY=WE',
            timezone: ZONE,
            startTime: '15:30',
            durationMinutes: 90,
            location: 'Central Library, Room B',
          },
          startDate: DATES[0],
          endDate: DATES[DATES.length - 1],
          ...overrides,
        })
        .expect(201)
    ).body as { id: string; version: number };

  const listSessions = async (id: string): Promise<SessionBody[]> =>
    (
      await request(t.http)
        .get(`/api/v1/programs/${id}/sessions`)
        .query({ from: '2026-01-01', to: '2027-06-01' })
        .set(viewer.auth)
        .expect(200)
    ).body.data;

  beforeEach(async () => {
    await truncateAll(t.dataSource);
    viewer = await signedInAs(t, Role.Viewer);
    staff = await signedInAs(t, Role.Staff);
    const manager = await signedInAs(t, Role.Manager);
    const shelter = await persistOrganization(t.dataSource, {
      name: 'Harbor Youth Shelter',
      email: 'front-desk@harbor.example.org',
    });
    shelterId = shelter.id;
    await persistContact(t.dataSource, shelter.id, {
      name: 'Dana Whitfield',
      email: 'dana@harbor.example.org',
      phone: '+1 503 555 0142',
    });
    await request(t.http)
      .post('/api/v1/closures')
      .set(manager.auth)
      .send({ date: '2026-11-25', name: 'Day before Thanksgiving' })
      .expect(201);
    programId = (await createProgram()).id;
    const created = await listSessions(programId);
    expect(created.map((session) => session.localDate)).toEqual(DATES);
    const staffCancelled = created.find((session) => session.localDate === '2026-11-11')!;
    await request(t.http)
      .patch(`/api/v1/sessions/${staffCancelled.id}`)
      .set(staff.auth)
      .send({ cancelled: true, version: staffCancelled.version })
      .expect(200);
    sessions = await listSessions(programId);
  });

  const renameProgram = async (name: string) => {
    const { version } = (await request(t.http).get(`/api/v1/programs/${programId}`).set(viewer.auth).expect(200)).body;
    await request(t.http).patch(`/api/v1/programs/${programId}`).set(staff.auth).send({ name, version }).expect(200);
  };

  /** The caller's own subscription link (a new one each call: the previous one stops working). */
  const makeLink = async (id: string, who: SignedIn = viewer): Promise<string> =>
    (await request(t.http).post(`/api/v1/programs/${id}/calendar-link`).set(who.auth).expect(201)).body.url;
  const keyOf = (url: string) => new URL(url).searchParams.get('key')!;
  const viaLink = (url: string) => request(t.http).get(url.replace('http://tandem.test', ''));

  describe('access', () => {
    it('serves the feed to any signed-in role as text/calendar with a file name', async () => {
      const response = await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="teen-drop-in.ics"');
      expect(response.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    });

    it('gives each user a link of their own under PUBLIC_URL, shown again later, that opens the same feed without a token', async () => {
      const linkPath = `/api/v1/programs/${programId}/calendar-link`;
      expect((await request(t.http).get(linkPath).set(viewer.auth).expect(200)).body).toEqual({
        url: null,
        createdAt: null,
      });
      const made = await request(t.http).post(linkPath).set(viewer.auth).expect(201);
      expect(made.body).toEqual({ url: expect.any(String), createdAt: expect.any(String) });
      const { url } = made.body;
      expect(url).toMatch(
        new RegExp(
          `^http://tandem\\.test/api/v1/programs/${programId}/calendar\\.ics\\?key=[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}$`,
        ),
      );
      expect((await request(t.http).get(linkPath).set(viewer.auth).expect(200)).body).toEqual(made.body);
      // Another user's link is another link; the program itself carries none.
      expect(await makeLink(programId, staff)).not.toBe(url);
      expect(
        (await request(t.http).get(`/api/v1/programs/${programId}`).set(viewer.auth).expect(200)).body,
      ).not.toHaveProperty('calendarUrl');
      const withKey = await viaLink(url).expect(200);
      const withToken = await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200);
      expect(withKey.text).toBe(withToken.text);
      expect(withKey.headers['content-type']).toBe('text/calendar; charset=utf-8');
      // Nothing secret is stored: the table holds the link's id, not its key.
      const [row] = await t.dataSource.query(`SELECT to_jsonb(l) AS row FROM calendar_links l WHERE user_id = $1`, [
        viewer.user.id,
      ]);
      expect(JSON.stringify(row)).not.toContain(keyOf(url).split('.')[1]);
    });

    it('stops a link for good when its user is deactivated, even once they are reactivated', async () => {
      const admin = await signedInAs(t, Role.Admin);
      const url = await makeLink(programId);
      await viaLink(url).expect(200);
      await request(t.http)
        .patch(`/api/v1/users/${viewer.user.id}`)
        .set(admin.auth)
        .send({ active: false })
        .expect(200);
      const dead = await viaLink(url).expect(404);
      expect(dead.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(dead.body.code).toBe('LINK_NOT_FOUND');
      await request(t.http).patch(`/api/v1/users/${viewer.user.id}`).set(admin.auth).send({ active: true }).expect(200);
      await viaLink(url).expect(404);
    });

    it('revokes the previous link when a new one is made, and the new one works', async () => {
      const old = await makeLink(programId);
      const next = await makeLink(programId);
      expect(next).not.toBe(old);
      expect((await viaLink(old).expect(404)).body.code).toBe('LINK_NOT_FOUND');
      await viaLink(next).expect(200);
      // Another program's link of the same user is untouched.
      const other = await createProgram({ name: 'Other' });
      const otherUrl = await makeLink(other.id);
      await makeLink(programId);
      await viaLink(otherUrl).expect(200);
    });

    it('answers 401 without a token or key, and 404 for a wrong, truncated, empty, repeated or old-style key', async () => {
      const key = keyOf(await makeLink(programId));
      const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
      const none = await request(t.http).get(feedPath(programId)).expect(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      // The stateless per-program key of before (HMAC of the program id) opens nothing any more.
      const oldStyle = key.split('.')[1];
      for (const bad of [wrong, key.slice(0, -1), '', `${key}${key}`, oldStyle]) {
        const response = await request(t.http).get(feedPath(programId)).query({ key: bad }).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 404, code: 'LINK_NOT_FOUND' });
      }
      await request(t.http)
        .get(`${feedPath(programId)}?key=${key}&key=${key}`)
        .expect(404);
    });

    it('does not open one program with another program’s link', async () => {
      const other = await createProgram({ name: 'Other' });
      const url = await makeLink(programId);
      await request(t.http)
        .get(feedPath(other.id))
        .query({ key: keyOf(url) })
        .expect(404);
      await viaLink(await makeLink(other.id)).expect(200);
    });

    it('lets the token decide when both are sent: a bad token is 401 even with a good key', async () => {
      const key = keyOf(await makeLink(programId));
      await request(t.http)
        .get(feedPath(programId))
        .query({ key })
        .set({ Authorization: 'Bearer not-a-token' })
        .expect(401);
      await request(t.http).get(feedPath(programId)).query({ key: 'wrong' }).set(viewer.auth).expect(200);
    });

    it('does not open other routes with the link’s key', async () => {
      const key = keyOf(await makeLink(programId));
      await request(t.http).get(`/api/v1/programs/${programId}`).query({ key }).expect(401);
      await request(t.http).get(`/api/v1/programs/${programId}/sessions`).query({ key }).expect(401);
      await request(t.http).get(`/api/v1/programs/${programId}/calendar-link`).query({ key }).expect(401);
      await request(t.http).post(`/api/v1/programs/${programId}/calendar-link`).query({ key }).expect(401);
    });

    it('answers 404 for an unknown or malformed program id, with a token or a link', async () => {
      const byToken = await request(t.http).get(feedPath(UNKNOWN_ID)).set(viewer.auth).expect(404);
      expect(byToken.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(byToken.body.code).toBe('PROGRAM_NOT_FOUND');
      await request(t.http)
        .get(feedPath(UNKNOWN_ID))
        .query({ key: keyOf(await makeLink(programId)) })
        .expect(404);
      await request(t.http).get(feedPath('not-a-uuid')).set(viewer.auth).expect(404);
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        await request(t.http).get(`/api/v1/programs/${id}/calendar-link`).set(viewer.auth).expect(404);
        await request(t.http).post(`/api/v1/programs/${id}/calendar-link`).set(viewer.auth).expect(404);
      }
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM calendar_links`)).toEqual([{ n: 1 }]);
    });
  });

  describe('bad input', () => {
    it('answers any key but a current link’s with 404, never 5xx', async () => {
      const key = keyOf(await makeLink(programId));
      const [linkId] = key.split('.');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 80 }),
            fc.base64String({ minLength: 40, maxLength: 48 }).map((mac) => `${linkId}.${mac}`),
            fc.uuid().map((id) => `${id}.${key.split('.')[1]}`),
            fc.string({ minLength: 5000, maxLength: 6000 }),
          ),
          async (candidate) => {
            fc.pre(candidate !== key);
            const response = await request(t.http).get(feedPath(programId)).query({ key: candidate });
            expect(response.status).toBe(404);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('answers any malformed or unknown id with 404 (token or link), never 5xx', async () => {
      const key = keyOf(await makeLink(programId));
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 60 })), async (id) => {
          fc.pre(id.toLowerCase() !== programId);
          const path = `/api/v1/programs/${encodeURIComponent(id)}/calendar.ics`;
          const byToken = await request(t.http).get(path).set(viewer.auth);
          expect(byToken.status).toBe(404);
          const byKey = await request(t.http).get(path).query({ key });
          expect(byKey.status).toBe(404);
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('content', () => {
    it('has one VEVENT per session, whose UID is the session id and stays the same across fetches', async () => {
      const first = parseFeed((await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text);
      const second = parseFeed((await viaLink(await makeLink(programId)).expect(200)).text);
      const uids = first.events.map((event) => event.getFirstPropertyValue('uid'));
      expect(uids).toEqual(sessions.map((session) => `${session.id}@tandem`));
      expect(uids).toHaveLength(DATES.length);
      expect(second.events.map((event) => event.getFirstPropertyValue('uid'))).toEqual(uids);
    });

    it('starts every event at the session’s startsAt: 15:30 in Los Angeles on both sides of the DST change', async () => {
      const { events } = parseFeed((await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text);
      expect(events.map((event) => instant(event, 'dtstart').toISOString())).toEqual(
        sessions.map((session) => session.startsAt),
      );
      expect(events.map((event) => instant(event, 'dtend').toISOString())).toEqual(
        sessions.map((session) => session.endsAt),
      );
      const local = events.map((event) => DateTime.fromJSDate(instant(event, 'dtstart'), { zone: ZONE }));
      expect(local.map((time) => time.toFormat('yyyy-MM-dd HH:mm'))).toEqual(DATES.map((date) => `${date} 15:30`));
      // PDT before 2026-11-01, PST after: the UTC hour moves, the local time does not.
      expect(local.map((time) => time.offset / 60)).toEqual([-7, -7, -7, -8, -8, -8, -8]);
    });

    it('marks staff-cancelled and closure sessions STATUS:CANCELLED, with the closure name as the reason', async () => {
      const { events } = parseFeed((await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text);
      expect(sessions.map((session) => session.cancelled)).toEqual([false, false, false, false, true, false, true]);
      expect(events.map((event) => event.getFirstPropertyValue('status'))).toEqual([
        'CONFIRMED',
        'CONFIRMED',
        'CONFIRMED',
        'CONFIRMED',
        'CANCELLED',
        'CONFIRMED',
        'CANCELLED',
      ]);
      expect(String(events[6].getFirstPropertyValue('description'))).toContain('Day before Thanksgiving');
      // Staff cancelling through the API bumps the session's version, so clients replace their copy.
      expect(Number(events[4].getFirstPropertyValue('sequence'))).toBeGreaterThan(
        Number(events[3].getFirstPropertyValue('sequence')),
      );
    });

    it('brings a session back (CONFIRMED, same UID) when its closure is removed', async () => {
      const manager = await signedInAs(t, Role.Manager);
      const before = parseFeed((await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text)
        .events[6];
      const closures = (await request(t.http).get('/api/v1/closures').set(viewer.auth).expect(200)).body.data as {
        id: string;
      }[];
      await request(t.http).delete(`/api/v1/closures/${closures[0].id}`).set(manager.auth).expect(204);
      const after = parseFeed((await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text)
        .events[6];
      expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
      expect(before.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(after.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(String(after.getFirstPropertyValue('description'))).not.toContain('Cancelled');
    });

    it('names the program, its place and partner organizations, and never contact data', async () => {
      const response = await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200);
      const { calendar, events } = parseFeed(response.text);
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Teen drop-in');
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(events[0].getFirstPropertyValue('summary')).toBe('Teen drop-in');
      expect(events[0].getFirstPropertyValue('location')).toBe('Central Library, Room B');
      expect(String(events[0].getFirstPropertyValue('description'))).toContain('Harbor Youth Shelter (host)');
      for (const personal of ['Dana', 'Whitfield', 'dana@', '503 555', 'front-desk@'])
        expect(response.text.replace(/\r\n[ \t]/g, '')).not.toContain(personal);
    });

    it('leaves out sessions more than a year old', async () => {
      const old = DateTime.now().setZone(ZONE).minus({ days: 400 }).set({ hour: 15, minute: 30 });
      await t.dataSource.getRepository(ProgramSession).save({
        programId,
        startsAt: old.toJSDate(),
        endsAt: old.plus({ minutes: 90 }).toJSDate(),
        localDate: old.toISODate()!,
      });
      const { events } = parseFeed((await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text);
      expect(events).toHaveLength(DATES.length);
    });

    it('keeps UIDs across a program edit while SEQUENCE rises and the new name shows', async () => {
      const before = parseFeed(
        (await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text,
      ).events;
      await renameProgram('Teen drop-in (new room)');
      const after = parseFeed(
        (await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200)).text,
      ).events;
      expect(after.map((event) => event.getFirstPropertyValue('uid'))).toEqual(
        before.map((event) => event.getFirstPropertyValue('uid')),
      );
      expect(after[0].getFirstPropertyValue('summary')).toBe('Teen drop-in (new room)');
      after.forEach((event, index) =>
        expect(Number(event.getFirstPropertyValue('sequence'))).toBeGreaterThan(
          Number(before[index].getFirstPropertyValue('sequence')),
        ),
      );
    });

    it('answers 304 to a revalidation while nothing changed', async () => {
      const first = await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200);
      expect(first.headers.etag).toBeDefined();
      expect(first.headers['cache-control']).toBe('private, no-cache');
      await request(t.http)
        .get(feedPath(programId))
        .set(viewer.auth)
        .set('If-None-Match', first.headers.etag)
        .expect(304);
    });

    it('gives a new ETag, and the new feed, when a partner is renamed or a session changes; an old one gets 200', async () => {
      const etagOf = async () => {
        const response = await request(t.http).get(feedPath(programId)).set(viewer.auth).expect(200);
        expect(response.headers.etag).toMatch(/^W\/"[\w-]+"$/);
        return { etag: response.headers.etag, text: response.text };
      };
      const revalidate = (etag: string) =>
        request(t.http).get(feedPath(programId)).set(viewer.auth).set('If-None-Match', etag);
      const first = await etagOf();
      // Unchanged: the same ETag again, and 304 to it however it is written (weak or strong, in a list, *).
      expect((await etagOf()).etag).toBe(first.etag);
      await revalidate(first.etag).expect(304);
      await revalidate(first.etag.replace(/^W\//, '')).expect(304);
      await revalidate(`"other", ${first.etag}`).expect(304);
      await revalidate('*').expect(304);
      await revalidate('W/"something-else"').expect(200);

      // A partner renamed: its name is in the events' text.
      const shelter = (await request(t.http).get(`/api/v1/organizations/${shelterId}`).set(staff.auth).expect(200))
        .body;
      await request(t.http)
        .patch(`/api/v1/organizations/${shelterId}`)
        .set(staff.auth)
        .send({ name: 'Harbor House (renamed)', version: shelter.version })
        .expect(200);
      const renamed = await etagOf();
      expect(renamed.etag).not.toBe(first.etag);
      expect(renamed.text).toContain('Harbor House (renamed)');
      await revalidate(first.etag).expect(200);

      // A session's attendance recorded.
      const [session] = (
        await request(t.http).get(`/api/v1/programs/${programId}/sessions`).set(staff.auth).expect(200)
      ).body.data as { id: string; version: number }[];
      await request(t.http)
        .patch(`/api/v1/sessions/${session.id}`)
        .set(staff.auth)
        .send({ attendance: 9, version: session.version })
        .expect(200);
      const attended = await etagOf();
      expect(attended.etag).not.toBe(renamed.etag);
      await revalidate(renamed.etag).expect(200);
      await revalidate(attended.etag).expect(304);
    });

    it('is valid RFC 5545 text: CRLF line ends and lines folded at 75 octets', async () => {
      const longName =
        'Atelier numérique des jeunes — 日本語の読書会, with a name long enough to need folding twice over';
      await renameProgram(longName);
      const response = await request(t.http).get(feedPath(programId)).set(viewer.auth).buffer(true).expect(200);
      const text = response.text;
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const lines = text.split('\r\n');
      expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(parseFeed(text).events[0].getFirstPropertyValue('summary')).toBe(longName);
    });
  });
});
