import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

const ZONE = 'America/Los_Angeles';

interface Session {
  id: string;
  startsAt: string;
  localDate: string;
  cancelled: boolean;
  cancelReason: string | null;
  attendance: number | null;
  version: number;
}

/**
 * The acceptance story, only through the HTTP API, as a librarian would live it
 * (../shared/seeds): the shelter partner, a weekly Wednesday drop-in, a morning visit to hand
 * out invitations, attendance, a closure, feedback from a youth on their phone and from the
 * partner, the action taken, a follow-up task, and the program's calendar subscription.
 */
describe('Outreach story (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await signedInAs(t, Role.Staff);
    manager = await signedInAs(t, Role.Manager);
  });
  afterAll(async () => t.close());

  it('records the whole drop-in story and shows it on the timeline and in the calendar', async () => {
    const api = (auth: Record<string, string>) => ({
      post: (path: string, body: object) => request(t.http).post(`/api/v1${path}`).set(auth).send(body),
      patch: (path: string, body: object) => request(t.http).patch(`/api/v1${path}`).set(auth).send(body),
      get: (path: string) => request(t.http).get(`/api/v1${path}`).set(auth),
    });
    const asStaff = api(staff.auth);

    // The partner and its case manager.
    const shelter = (
      await asStaff.post('/organizations', { name: 'Harbor Youth Shelter', stage: 'active' }).expect(201)
    ).body;
    const caseManager = (
      await asStaff
        .post('/contacts', { organizationId: shelter.id, name: 'Dana Whitfield', email: 'dana@harbor.example.org' })
        .expect(201)
    ).body;

    // A weekly drop-in every Wednesday 15:30–17:00 at Central, started eight weeks ago.
    const today = DateTime.now().setZone(ZONE);
    const startDate = today.minus({ weeks: 8 }).toISODate()!;
    const program = (
      await asStaff
        .post('/programs', {
          name: 'Teen drop-in',
          status: 'running',
          partners: [{ organizationId: shelter.id, role: 'referral' }],
          libraryGoal: 'Library cards for shelter youth',
          partnerGoal: 'A warm, safe place on Wednesday afternoons',
          schedule: {
            rrule: 'FREQ=WEEKLY;BYDAY=WE',
            timezone: ZONE,
            startTime: '15:30',
            durationMinutes: 90,
            location: 'Central Library, Teen Room',
          },
          startDate,
        })
        .expect(201)
    ).body;
    const sessionsPath = `/programs/${program.id}/sessions?from=${startDate}&to=${today.plus({ weeks: 6 }).toISODate()}`;
    const sessions: Session[] = (await asStaff.get(sessionsPath).expect(200)).body.data;
    const past = sessions.filter((s) => new Date(s.startsAt) < new Date());
    const upcoming = sessions.filter((s) => new Date(s.startsAt) > new Date());
    expect(past.length).toBeGreaterThanOrEqual(7);
    expect(upcoming.length).toBeGreaterThanOrEqual(5);
    for (const session of sessions) {
      const local = DateTime.fromISO(session.startsAt, { zone: ZONE });
      expect([local.weekday, local.toFormat('HH:mm')]).toEqual([3, '15:30']);
    }

    // The morning of the last drop-in: visit the shelter and hand out invitations.
    const lastSession = past[past.length - 1];
    const morning = DateTime.fromISO(lastSession.startsAt, { zone: ZONE }).set({ hour: 9, minute: 30 });
    const visit = (
      await asStaff
        .post('/visits', {
          organizationId: shelter.id,
          programId: program.id,
          visitedAt: morning.toISO(),
          location: 'Shelter common room',
          purpose: 'invitations',
          contactIds: [caseManager.id],
          invitationsHandedOut: 25,
          peopleReached: 12,
        })
        .expect(201)
    ).body;
    expect(visit).toMatchObject({ staffIds: [staff.user.id], contactIds: [caseManager.id], invitationsHandedOut: 25 });

    // Attendance at that drop-in.
    await asStaff
      .patch(`/sessions/${lastSession.id}`, {
        attendance: 14,
        notes: 'Two new library cards',
        version: lastSession.version,
      })
      .expect(200);

    // The library is closed on the next Wednesday.
    const closedSession = upcoming[1];
    await api(manager.auth)
      .post('/closures', { date: closedSession.localDate, name: 'Staff training day' })
      .expect(201);
    const afterClosure: Session[] = (await asStaff.get(sessionsPath).expect(200)).body.data;
    expect(afterClosure.find((s) => s.id === closedSession.id)).toMatchObject({
      cancelled: true,
      cancelReason: 'Staff training day',
    });
    expect(afterClosure.find((s) => s.id === lastSession.id)).toMatchObject({ cancelled: false, attendance: 14 });

    // A youth answers the printed link on their phone, with the plain HTML form.
    const link = (await asStaff.post(`/programs/${program.id}/feedback-link`, {}).expect(201)).body;
    const formPath = new URL(link.url).pathname;
    const page = await request(t.http)
      .get(formPath)
      .set('User-Agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')
      .expect(200);
    expect(page.text).toContain(`action="/api/v1/public/feedback/`);
    await request(t.http)
      .post(`/api/v1/public/feedback/${formPath.split('/').pop()}`)
      .type('form')
      .set('Accept', 'text/html')
      .send({
        rating: '5',
        outcomeKnowledge: '4',
        worked: 'The games and snacks',
        didntWork: '',
        suggestions: 'More laptops',
      })
      .expect(201);

    // The partner's view, and what the team did about it.
    const partnerFeedback = (
      await asStaff
        .post('/feedback', {
          source: 'partner',
          organizationId: shelter.id,
          programId: program.id,
          sessionId: lastSession.id,
          rating: 4,
          worked: 'The drop-in went well',
          didntWork: 'They want more hands-on time',
          suggestions: 'Bring the 3D printer',
        })
        .expect(201)
    ).body;
    await asStaff
      .patch(`/feedback/${partnerFeedback.id}`, {
        actionTaken: 'Added a hands-on maker table from next week',
        version: partnerFeedback.version,
      })
      .expect(200);
    const feedback = (await asStaff.get(`/feedback?programId=${program.id}`).expect(200)).body.data;
    expect(feedback.map((f: { source: string }) => f.source).sort()).toEqual(['partner', 'youth']);
    expect(
      (await asStaff.get(`/feedback?programId=${program.id}&needsAction=true`).expect(200)).body.data,
    ).toHaveLength(1);

    // A follow-up for tomorrow, from the visit.
    const task = (
      await asStaff
        .post('/tasks', {
          title: 'Send the shelter the winter schedule',
          dueAt: DateTime.now().plus({ days: 1 }).toISO(),
          visitId: visit.id,
        })
        .expect(201)
    ).body;
    expect(task).toMatchObject({ organizationId: shelter.id, assigneeId: staff.user.id, status: 'open' });

    // Everything is on the shelter's timeline, newest first.
    const timeline = (await asStaff.get(`/organizations/${shelter.id}/timeline?limit=100`).expect(200)).body.data as {
      type: string;
      at: string;
    }[];
    expect(new Set(timeline.map((entry) => entry.type))).toEqual(
      new Set(['stage-change', 'visit', 'session', 'feedback', 'task']),
    );
    expect(timeline.filter((entry) => entry.type === 'session')).toHaveLength(past.length);
    expect(timeline.filter((entry) => entry.type === 'feedback')).toHaveLength(2);
    const times = timeline.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // And each of the team subscribes to the program's calendar with a link of their own, without signing in.
    const { url: calendarUrl } = (await asStaff.post(`/programs/${program.id}/calendar-link`, {}).expect(201)).body;
    const feed = await request(t.http).get(calendarUrl.replace('http://tandem.test', '')).expect(200);
    const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent');
    const allSessions: Session[] = (
      await asStaff
        .get(`/programs/${program.id}/sessions?from=${startDate}&to=${today.plus({ days: 130 }).toISODate()}`)
        .expect(200)
    ).body.data;
    expect(events.map((event) => event.getFirstPropertyValue('uid')).sort()).toEqual(
      allSessions.map((s) => `${s.id}@tandem`).sort(),
    );
    const cancelled = events.filter((event) => event.getFirstPropertyValue('status') === 'CANCELLED');
    expect(cancelled.map((event) => event.getFirstPropertyValue('uid'))).toEqual([`${closedSession.id}@tandem`]);
    expect(feed.text).not.toContain('dana@harbor.example.org');
  });
});
