import { DateTime } from 'luxon';
import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { ProgramSession } from '../../src/program/program-session.entity';
import { Program, ProgramStatus } from '../../src/program/program.entity';
import { ProgramService } from '../../src/program/program.service';
import { HealthFactsService } from '../../src/partnership/health-facts.service';
import { persistAudience, persistOrganization } from '../factories/directory.factory';
import { buildProgramBody, createProgram, persistClosure, persistProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const ZONE = 'America/Los_Angeles';
const DAY = 86_400_000;

/**
 * The most recent US autumn DST change at least a week ago (first Sunday of November), so the
 * Wednesdays either side of it are past whenever the suite runs.
 */
function lastAutumnChange(): DateTime {
  const now = DateTime.now().setZone(ZONE);
  const firstSundayOfNovember = (year: number) => {
    const first = DateTime.fromObject({ year, month: 11, day: 1 }, { zone: ZONE });
    return first.plus({ days: (7 - first.weekday) % 7 });
  };
  const thisYear = firstSundayOfNovember(now.year);
  return thisYear < now.minus({ days: 7 }) ? thisYear : firstSundayOfNovember(now.year - 1);
}

const change = lastAutumnChange();
/** A Wednesday six weeks before the change: the program's start date. */
const START_DATE = change.minus({ days: 39 }).toISODate()!;
const WEDNESDAY_BEFORE = change.minus({ days: 4 }).toISODate()!;
const WEDNESDAY_AFTER = change.plus({ days: 3 }).toISODate()!;

interface SessionBody {
  id: string;
  programId: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  cancelled: boolean;
  cancelReason: string | null;
  attendance: number | null;
  notes: string | null;
  version: number;
}

const localTime = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('ccc HH:mm');

describe('Programs (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    manager = await signedInAs(t, Role.Manager);
  });

  const sessionsOf = async (
    programId: string,
    query = `from=${START_DATE}T00:00:00Z&to=${DateTime.now().plus({ days: 400 }).toISODate()}T00:00:00Z`,
  ) =>
    (await request(t.http).get(`/api/v1/programs/${programId}/sessions?${query}`).set(viewer.auth).expect(200)).body
      .data as SessionBody[];
  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const patchSession = (id: string, body: object, who: SignedIn = staff) =>
    request(t.http).patch(`/api/v1/sessions/${id}`).set(who.auth).send(body);
  const patchProgram = (id: string, body: object, who: SignedIn = staff) =>
    request(t.http).patch(`/api/v1/programs/${id}`).set(who.auth).send(body);

  describe('POST and sessions', () => {
    it('creates a weekly drop-in whose sessions are at 15:30 local on both sides of the DST change', async () => {
      const shelter = await persistOrganization(t.dataSource, { name: 'Harbor House' });
      const teens = await persistAudience(t.dataSource, { name: 'Teens in shelters' });
      const body = buildProgramBody({
        name: 'Weekly drop-in',
        partners: [{ organizationId: shelter.id, role: 'host' }],
        audienceIds: [teens.id],
        startDate: START_DATE,
        schedule: {
          rrule: 'RRULE:FREQ=WEEKLY;BYDAY=WE',
          timezone: ZONE,
          startTime: '15:30',
          durationMinutes: 90,
          location: 'Harbor House common room',
        },
      });
      const created = await request(t.http).post('/api/v1/programs').set(staff.auth).send(body).expect(201);
      expect(created.body).toEqual({
        ...body,
        language: 'en',
        partners: [{ organizationId: shelter.id, organizationName: 'Harbor House', role: 'host' }],
        schedule: { ...body.schedule, rrule: 'FREQ=WEEKLY;BYDAY=WE' },
        endDate: null,
        id: expect.any(String),
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const sessions = await sessionsOf(created.body.id);
      const before = sessions.find((s) => s.localDate === WEDNESDAY_BEFORE)!;
      const after = sessions.find((s) => s.localDate === WEDNESDAY_AFTER)!;
      // Daylight time (UTC-7) before the change, standard time (UTC-8) after: 22:30Z, then 23:30Z.
      expect(before.startsAt).toBe(`${WEDNESDAY_BEFORE}T22:30:00.000Z`);
      expect(after.startsAt).toBe(`${WEDNESDAY_AFTER}T23:30:00.000Z`);
      expect(new Date(after.endsAt).getTime() - new Date(after.startsAt).getTime()).toBe(90 * 60_000);
      expect(new Set(sessions.map((s) => localTime(s.startsAt)))).toEqual(new Set(['Wed 15:30']));
      // Past sessions from the start date, weekly without gaps, and future ones to the horizon (120 days).
      expect(sessions[0].localDate).toBe(START_DATE);
      for (let i = 1; i < sessions.length; i += 1) {
        expect(
          DateTime.fromISO(sessions[i].localDate).diff(DateTime.fromISO(sessions[i - 1].localDate), 'days').days,
        ).toBe(7);
      }
      const last = new Date(sessions.at(-1)!.startsAt).getTime();
      expect(last).toBeGreaterThan(Date.now() + 112 * DAY);
      expect(last).toBeLessThanOrEqual(Date.now() + 120 * DAY);
      expect(
        sessions.every((s) => !s.cancelled && s.cancelReason === null && s.attendance === null && s.version === 1),
      ).toBe(true);

      const program = await t.dataSource.getRepository(Program).findOneByOrFail({ id: created.body.id });
      expect(program.materializedUntil!.getTime()).toBeGreaterThan(Date.now() + 119 * DAY);
      const audit = await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ entityType: 'program', entityId: created.body.id });
      expect(audit).toEqual([expect.objectContaining({ action: 'create', actorId: staff.user.id })]);
      expect(audit[0].changes).toMatchObject({
        name: { before: null, after: 'Weekly drop-in' },
        partners: { before: null, after: [{ organizationId: shelter.id, role: 'host' }] },
      });
    });

    it('lists 30 days back to the horizon by default and refuses reversed or over-long windows', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const all = await sessionsOf(program.id);
      const byDefault = await sessionsOf(program.id, '');
      const expected = all.filter((s) => new Date(s.startsAt).getTime() >= Date.now() - 30 * DAY - 60_000);
      expect(byDefault.map((s) => s.id)).toEqual(expected.map((s) => s.id));
      const window = await sessionsOf(program.id, `from=${WEDNESDAY_BEFORE}&to=${WEDNESDAY_AFTER}`);
      expect(window.map((s) => s.localDate)).toEqual([WEDNESDAY_BEFORE]);
      // A window before the program began: the program exists, so an empty list, not a 404.
      expect(await sessionsOf(program.id, 'from=2025-01-01&to=2025-02-01')).toEqual([]);
      for (const query of [
        'from=2026-01-01&to=2025-12-01',
        'from=2024-01-01&to=2026-06-01',
        'from=yesterday',
        'to=2026-13-45',
        'limit=3',
      ]) {
        const response = await request(t.http).get(`/api/v1/programs/${program.id}/sessions?${query}`).set(viewer.auth);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
      await request(t.http)
        .get('/api/v1/programs/3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f/sessions')
        .set(viewer.auth)
        .expect(404);
    });
  });

  describe('schedule edits', () => {
    it('keeps past sessions and their attendance and rewrites future ones when the start time changes', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const before = await sessionsOf(program.id);
      const past = before.filter((s) => new Date(s.startsAt).getTime() < Date.now());
      const future = before.filter((s) => new Date(s.startsAt).getTime() > Date.now());
      expect(past.length).toBeGreaterThan(5);
      expect(future.length).toBeGreaterThan(10);
      const attended = past.find((s) => s.localDate === WEDNESDAY_AFTER)!;
      const recorded = await patchSession(attended.id, { attendance: 14, notes: 'Pizza night', version: 1 }).expect(
        200,
      );
      expect(recorded.body).toMatchObject({ id: attended.id, attendance: 14, notes: 'Pizza night', version: 2 });

      await patchProgram(program.id, { version: 1, schedule: { ...program.schedule, startTime: '16:00' } }).expect(200);

      const afterEdit = await sessionsOf(program.id);
      const pastAfter = afterEdit.filter((s) => new Date(s.startsAt).getTime() < Date.now());
      const futureAfter = afterEdit.filter((s) => new Date(s.startsAt).getTime() > Date.now());
      expect(pastAfter).toEqual(past.map((s) => (s.id === attended.id ? recorded.body : s)));
      expect(new Set(pastAfter.map((s) => localTime(s.startsAt)))).toEqual(new Set(['Wed 15:30']));
      expect(new Set(futureAfter.map((s) => localTime(s.startsAt)))).toEqual(new Set(['Wed 16:00']));
      expect(futureAfter.length).toBe(future.length);
      expect(futureAfter.some((s) => future.some((old) => old.id === s.id))).toBe(false);
    });

    it('keeps a future session that has notes or feedback when the schedule moves away from it', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const future = (await sessionsOf(program.id)).filter((s) => new Date(s.startsAt).getTime() > Date.now());
      const [noted, withFeedback, plain] = future;
      await patchSession(noted.id, { notes: 'Bring the projector', version: 1 }).expect(200);
      await t.dataSource.query(
        `INSERT INTO feedback (source, program_id, session_id, rating) VALUES ('staff', $1, $2, 4)`,
        [program.id, withFeedback.id],
      );
      await patchProgram(program.id, {
        version: 1,
        schedule: { ...program.schedule, rrule: 'FREQ=WEEKLY;BYDAY=TH' },
      }).expect(200);
      const after = await sessionsOf(program.id);
      const ids = new Set(after.map((s) => s.id));
      expect([ids.has(noted.id), ids.has(withFeedback.id), ids.has(plain.id)]).toEqual([true, true, false]);
      expect(
        new Set(
          after
            .filter((s) => new Date(s.startsAt).getTime() > Date.now() && s.id !== noted.id && s.id !== withFeedback.id)
            .map((s) => localTime(s.startsAt)),
        ),
      ).toEqual(new Set(['Thu 15:30']));
    });

    it('keeps every session id through a location or duration edit, moving only future end times', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const before = await sessionsOf(program.id);
      const located = await patchProgram(program.id, {
        version: 1,
        schedule: { ...program.schedule, location: 'Branch library' },
      }).expect(200);
      expect(located.body.schedule.location).toBe('Branch library');
      expect(await sessionsOf(program.id)).toEqual(before);

      await patchProgram(program.id, { version: 2, schedule: { ...program.schedule, durationMinutes: 120 } }).expect(
        200,
      );
      const after = await sessionsOf(program.id);
      expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
      for (const [i, session] of after.entries()) {
        const minutes = (new Date(session.endsAt).getTime() - new Date(session.startsAt).getTime()) / 60_000;
        expect({ localDate: session.localDate, minutes }).toEqual({
          localDate: session.localDate,
          minutes: new Date(session.startsAt).getTime() > Date.now() ? 120 : 90,
        });
        expect(session.startsAt).toBe(before[i].startsAt);
      }
    });

    it('ends future sessions at a new end date and brings them back when it is cleared, never touching the past', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const before = await sessionsOf(program.id);
      const today = DateTime.now().setZone(ZONE).toISODate()!;
      await patchProgram(program.id, { version: 1, endDate: today }).expect(200);
      const ended = await sessionsOf(program.id);
      expect(ended).toEqual(before.filter((s) => s.localDate <= today));
      const reopened = await patchProgram(program.id, { version: 2, endDate: null }).expect(200);
      expect(reopened.body.endDate).toBeNull();
      expect((await sessionsOf(program.id)).map((s) => s.localDate)).toEqual(before.map((s) => s.localDate));
    });

    it('back-fills sessions when the start date moves earlier', async () => {
      const program = await createProgram(t, staff.auth, { startDate: WEDNESDAY_BEFORE });
      const earlier = DateTime.fromISO(WEDNESDAY_BEFORE).minus({ weeks: 2 }).toISODate()!;
      await patchProgram(program.id, { version: 1, startDate: earlier }).expect(200);
      const sessions = await sessionsOf(program.id);
      expect(sessions.slice(0, 3).map((s) => s.localDate)).toEqual([
        earlier,
        DateTime.fromISO(earlier).plus({ weeks: 1 }).toISODate(),
        WEDNESDAY_BEFORE,
      ]);
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      await patchProgram(program.id, { version: 1, name: 'Drop-in (Wednesdays)' }).expect(200);
      const sessions = await sessionsOf(program.id);
      const stale = await patchProgram(program.id, {
        version: 1,
        name: 'Overwritten',
        schedule: { ...program.schedule, startTime: '09:00' },
      }).expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const read = await request(t.http).get(`/api/v1/programs/${program.id}`).set(viewer.auth).expect(200);
      expect(read.body).toMatchObject({ name: 'Drop-in (Wednesdays)', version: 2, schedule: program.schedule });
      expect(await sessionsOf(program.id)).toEqual(sessions);

      const [first] = sessions;
      await patchSession(first.id, { attendance: 3, version: 1 }).expect(200);
      const staleSession = await patchSession(first.id, { attendance: 99, version: 1 }).expect(409);
      expect(staleSession.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      expect((await t.dataSource.getRepository(ProgramSession).findOneByOrFail({ id: first.id })).attendance).toBe(3);
    });

    it('bumps the version on a partners-only change and answers an empty change with the same version', async () => {
      const org = await persistOrganization(t.dataSource);
      const program = await createProgram(t, staff.auth);
      const updated = await patchProgram(program.id, {
        version: 1,
        partners: [{ organizationId: org.id, role: 'referral' }],
      }).expect(200);
      expect(updated.body).toMatchObject({ version: 2, partners: [{ organizationId: org.id, role: 'referral' }] });
      const same = await patchProgram(program.id, { version: 2, name: program.name }).expect(200);
      expect(same.body.version).toBe(2);
    });
  });

  describe('sessions', () => {
    it('records attendance, notes and a staff cancellation, with an audit event', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const [session] = await sessionsOf(program.id);
      const cancelled = await patchSession(session.id, { cancelled: true, notes: 'Power cut', version: 1 }).expect(200);
      expect(cancelled.body).toEqual({
        ...session,
        cancelled: true,
        cancelReason: null,
        notes: 'Power cut',
        version: 2,
      });
      const cleared = await patchSession(session.id, {
        cancelled: false,
        attendance: 0,
        notes: null,
        version: 2,
      }).expect(200);
      expect(cleared.body).toMatchObject({ cancelled: false, attendance: 0, notes: null, version: 3 });
      const audit = await t.dataSource
        .getRepository(AuditEvent)
        .find({ where: { entityType: 'session', entityId: session.id }, order: { occurredAt: 'ASC' } });
      expect(audit.map((e) => e.changes)).toEqual([
        expect.objectContaining({
          cancelled: { before: false, after: true },
          notes: { before: null, after: 'Power cut' },
        }),
        expect.objectContaining({
          cancelled: { before: true, after: false },
          attendance: { before: null, after: 0 },
          notes: { before: 'Power cut', after: null },
        }),
      ]);
      for (const body of [
        { attendance: -1, version: 3 },
        { attendance: 1.5, version: 3 },
        { cancelled: 'yes', version: 3 },
        { attendance: 2 },
        { version: 3, startsAt: '2026-01-01T00:00:00Z' },
      ]) {
        await patchSession(session.id, body).expect(400);
      }
      await patchSession('3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', { attendance: 1, version: 1 }).expect(404);
    });

    it('shows past sessions on every partner organization’s timeline, future ones not', async () => {
      const host = await persistOrganization(t.dataSource, { name: 'Harbor House' });
      const referral = await persistOrganization(t.dataSource, { name: 'Eastside Clinic' });
      const program = await createProgram(t, staff.auth, {
        name: 'Weekly drop-in',
        startDate: WEDNESDAY_BEFORE,
        partners: [
          { organizationId: host.id, role: 'host' },
          { organizationId: referral.id, role: 'referral' },
        ],
      });
      const sessions = await sessionsOf(program.id);
      await patchSession(sessions[0].id, { attendance: 14, version: 1 }).expect(200);
      await persistClosure(t.dataSource, { date: sessions[1].localDate, name: 'Staff training' });
      await t.dataSource.query(`UPDATE program_sessions SET closure_id = (SELECT id FROM closures) WHERE id = $1`, [
        sessions[1].id,
      ]);
      const pastCount = sessions.filter((s) => new Date(s.startsAt).getTime() <= Date.now()).length;
      for (const org of [host, referral]) {
        const timeline = await request(t.http)
          .get(`/api/v1/organizations/${org.id}/timeline?limit=100`)
          .set(viewer.auth)
          .expect(200);
        const entries = timeline.body.data.filter((e: { type: string }) => e.type === 'session');
        expect(entries).toHaveLength(pastCount);
        expect(entries.at(-1)).toEqual({
          type: 'session',
          at: sessions[0].startsAt,
          summary: 'Weekly drop-in: 14 attended',
          refId: sessions[0].id,
        });
        expect(entries.at(-2)).toEqual({
          type: 'session',
          at: sessions[1].startsAt,
          summary: 'Weekly drop-in: cancelled (Staff training)',
          refId: sessions[1].id,
        });
      }
    });
  });

  describe('closures', () => {
    it('cancels the sessions on a closure day with its name, and brings them back when it is removed', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const sessions = await sessionsOf(program.id);
      const target = sessions[3];
      const closure = await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: target.localDate, name: ' Thanksgiving ' })
        .expect(201);
      // The answer names the sessions it cancelled, so the closures screen can show them.
      expect(closure.body).toEqual({
        id: expect.any(String),
        date: target.localDate,
        name: 'Thanksgiving',
        createdAt: expect.any(String),
        sessions: [
          {
            id: target.id,
            programId: program.id,
            programName: program.name,
            programTimezone: ZONE,
            startsAt: target.startsAt,
            endsAt: target.endsAt,
          },
        ],
      });

      const closed = await sessionsOf(program.id);
      // The closure moves the session's version (the calendar feed's SEQUENCE follows it).
      expect(closed.filter((s) => s.cancelled)).toEqual([
        { ...target, cancelled: true, cancelReason: 'Thanksgiving', version: 2 },
      ]);
      // Un-cancelling by staff does not reopen a closure day.
      await patchSession(target.id, { cancelled: false, version: 2 }).expect(200);
      expect((await sessionsOf(program.id)).find((s) => s.id === target.id)).toMatchObject({
        cancelled: true,
        cancelReason: 'Thanksgiving',
        version: 2,
      });

      const listed = await request(t.http).get('/api/v1/closures').set(viewer.auth).expect(200);
      expect(listed.body.data).toEqual([closure.body]);
      await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: target.localDate, name: 'Again' })
        .expect(409);
      await request(t.http)
        .post('/api/v1/closures')
        .set(staff.auth)
        .send({ date: '2027-01-01', name: 'New Year' })
        .expect(403);
      await request(t.http).delete(`/api/v1/closures/${closure.body.id}`).set(staff.auth).expect(403);

      await request(t.http).delete(`/api/v1/closures/${closure.body.id}`).set(manager.auth).expect(204);
      const restored = await sessionsOf(program.id);
      expect(restored.find((s) => s.id === target.id)).toMatchObject({
        cancelled: false,
        cancelReason: null,
        attendance: null,
        version: 3,
      });
      expect(restored.filter((s) => s.cancelled)).toEqual([]);
      await request(t.http).delete(`/api/v1/closures/${closure.body.id}`).set(manager.auth).expect(404);
      const audit = await t.dataSource
        .getRepository(AuditEvent)
        .find({ where: { entityType: 'closure' }, order: { occurredAt: 'ASC' } });
      expect(audit.map((e) => e.action)).toEqual(['create', 'delete']);
    });

    it('cancels only sessions not held: a past session with attendance stays held and counted; the others return when it is removed', async () => {
      // Three programs meeting on one day: one held (attendance recorded), one past without attendance, one upcoming.
      const past = (
        await sessionsOf((await createProgram(t, staff.auth, { name: 'Zine club', startDate: START_DATE })).id)
      )[2];
      const heldProgram = await createProgram(t, staff.auth, { name: 'Anime club', startDate: START_DATE });
      const held = (await sessionsOf(heldProgram.id)).find((s) => s.localDate === past.localDate)!;
      await patchSession(held.id, { attendance: 12, version: held.version }).expect(200);
      const staffCancelled = (
        await sessionsOf((await createProgram(t, staff.auth, { name: 'Chess', startDate: START_DATE })).id)
      )[2];
      await patchSession(staffCancelled.id, { cancelled: true, version: staffCancelled.version }).expect(200);
      const upcomingProgram = await createProgram(t, staff.auth, { name: 'Robotics', startDate: START_DATE });
      const upcoming = (await sessionsOf(upcomingProgram.id)).find(
        (s) => new Date(s.startsAt).getTime() > Date.now() + 7 * DAY,
      )!;
      const host = await persistOrganization(t.dataSource, { name: 'Harbor House' });
      await t.dataSource.query(
        `INSERT INTO program_partners (program_id, organization_id, role) VALUES ($1, $2, 'host')`,
        [heldProgram.id, host.id],
      );
      /** The attendance the partner's health score counts (held sessions only). */
      const countedAttendance = async () =>
        (await t.app.get(HealthFactsService).factsFor([host.id], new Date())).get(host.id)!.attendance;
      expect(await countedAttendance()).toEqual([12]);

      const onPast = await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: past.localDate, name: 'Water leak' })
        .expect(201);
      const onUpcoming = await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: upcoming.localDate, name: 'Staff day' })
        .expect(201);
      // The answer names the sessions cancelled: not the held one.
      const cancelledIds = onPast.body.sessions.map((s: { id: string }) => s.id);
      expect(cancelledIds).toEqual(expect.arrayContaining([past.id, staffCancelled.id]));
      expect(cancelledIds).not.toContain(held.id);
      expect(onUpcoming.body.sessions.map((s: { id: string }) => s.id)).toContain(upcoming.id);
      const find = async (programId: string, id: string) => (await sessionsOf(programId)).find((s) => s.id === id)!;
      expect(await find(heldProgram.id, held.id)).toMatchObject({
        cancelled: false,
        cancelReason: null,
        attendance: 12,
        version: 2,
      });
      expect(await find(past.programId, past.id)).toMatchObject({ cancelled: true, cancelReason: 'Water leak' });
      expect(await find(upcomingProgram.id, upcoming.id)).toMatchObject({ cancelled: true, cancelReason: 'Staff day' });
      // Still held for the partner's health and timeline.
      expect(await countedAttendance()).toEqual([12]);
      const timeline = (
        await request(t.http).get(`/api/v1/organizations/${host.id}/timeline?limit=100`).set(viewer.auth).expect(200)
      ).body.data;
      expect(timeline.find((e: { refId: string }) => e.refId === held.id).summary).toBe('Anime club: 12 attended');

      // A head count entered after the closure means the session took place: it comes out from under the closure.
      const pastNow = await find(past.programId, past.id);
      expect((await patchSession(past.id, { attendance: 4, version: pastNow.version }).expect(200)).body).toMatchObject(
        { cancelled: false, cancelReason: null, attendance: 4 },
      );
      const uncounted = (await patchSession(past.id, { attendance: null, version: pastNow.version + 1 }).expect(200))
        .body;
      expect(uncounted).toMatchObject({ cancelled: true, cancelReason: 'Water leak', attendance: null });

      await request(t.http).delete(`/api/v1/closures/${onPast.body.id}`).set(manager.auth).expect(204);
      await request(t.http).delete(`/api/v1/closures/${onUpcoming.body.id}`).set(manager.auth).expect(204);
      expect(await find(past.programId, past.id)).toMatchObject({ cancelled: false, cancelReason: null });
      expect(await find(upcomingProgram.id, upcoming.id)).toMatchObject({ cancelled: false, cancelReason: null });
      expect(await find(heldProgram.id, held.id)).toMatchObject({ cancelled: false, attendance: 12, version: 2 });
      // A session staff cancelled themselves stays cancelled when the closure goes.
      expect(await find(staffCancelled.programId, staffCancelled.id)).toMatchObject({
        cancelled: true,
        cancelReason: null,
      });
    });

    it('lists each closure with the sessions it cancels, across programs and zones, by start time', async () => {
      const west = await createProgram(t, staff.auth, { name: 'Zine club', startDate: START_DATE });
      const east = await createProgram(t, staff.auth, {
        name: 'Anime club',
        startDate: START_DATE,
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=WE',
          timezone: 'America/New_York',
          startTime: '15:30',
          durationMinutes: 60,
          location: null,
        },
      });
      const day = (await sessionsOf(west.id))[2].localDate;
      const [eastSession] = (await sessionsOf(east.id)).filter((s) => s.localDate === day);
      const [westSession] = (await sessionsOf(west.id)).filter((s) => s.localDate === day);
      const closure = (
        await request(t.http)
          .post('/api/v1/closures')
          .set(manager.auth)
          .send({ date: day, name: 'Staff training' })
          .expect(201)
      ).body;
      await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: '2031-01-01', name: 'New Year' })
        .expect(201);

      const listed = (await request(t.http).get('/api/v1/closures').set(viewer.auth).expect(200)).body.data;
      // 15:30 in New York comes three hours before 15:30 in Los Angeles.
      expect(
        listed.map((c: { name: string; sessions: { programName: string; id: string; programTimezone: string }[] }) => [
          c.name,
          c.sessions.map((s) => [s.programName, s.id, s.programTimezone]),
        ]),
      ).toEqual([
        [
          'Staff training',
          [
            ['Anime club', eastSession.id, 'America/New_York'],
            ['Zine club', westSession.id, ZONE],
          ],
        ],
        ['New Year', []],
      ]);
      expect(closure.sessions).toEqual(listed[0].sessions);

      await request(t.http).delete(`/api/v1/closures/${closure.id}`).set(manager.auth).expect(204);
      expect((await sessionsOf(east.id)).find((s) => s.id === eastSession.id)).toMatchObject({
        cancelled: false,
        cancelReason: null,
      });
    });

    it('cancels sessions created later on an existing closure day, and filters closures by date', async () => {
      await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: WEDNESDAY_AFTER, name: 'Staff day' })
        .expect(201);
      await request(t.http)
        .post('/api/v1/closures')
        .set(manager.auth)
        .send({ date: '2030-07-04', name: 'Independence Day' })
        .expect(201);
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const sessions = await sessionsOf(program.id);
      expect(sessions.filter((s) => s.cancelled).map((s) => [s.localDate, s.cancelReason])).toEqual([
        [WEDNESDAY_AFTER, 'Staff day'],
      ]);
      const filtered = await request(t.http)
        .get(`/api/v1/closures?from=2030-01-01&to=2030-12-31`)
        .set(viewer.auth)
        .expect(200);
      expect(filtered.body.data.map((c: { name: string }) => c.name)).toEqual(['Independence Day']);
      for (const body of [
        { date: '2026-02-30', name: 'x' },
        { date: 'tomorrow', name: 'x' },
        { date: '2026-12-24' },
        { date: '2026-12-24', name: '' },
        { date: '2026-12-24', name: 'x', extra: 1 },
      ]) {
        await request(t.http).post('/api/v1/closures').set(manager.auth).send(body).expect(400);
      }
      await request(t.http).get('/api/v1/closures?from=2026-02-30').set(viewer.auth).expect(400);
    });
  });

  describe('validation', () => {
    const badBodies: [string, object, string][] = [
      [
        'an unparseable rrule',
        { schedule: { ...buildProgramBody().schedule, rrule: 'EVERY WEDNESDAY' } },
        'schedule.rrule',
      ],
      ['an hourly rrule', { schedule: { ...buildProgramBody().schedule, rrule: 'FREQ=HOURLY' } }, 'schedule.rrule'],
      [
        'an unknown zone',
        { schedule: { ...buildProgramBody().schedule, timezone: 'America/Springfield' } },
        'schedule.timezone',
      ],
      ['an end before the start', { startDate: '2026-09-02', endDate: '2026-08-01' }, 'endDate'],
      [
        'too many sessions',
        { schedule: { ...buildProgramBody().schedule, rrule: 'FREQ=DAILY;COUNT=5000' } },
        'schedule.rrule',
      ],
      [
        'too many sessions before the end date',
        {
          schedule: { ...buildProgramBody().schedule, rrule: 'FREQ=DAILY' },
          startDate: '2026-01-01',
          endDate: '2029-12-31',
        },
        'schedule.rrule',
      ],
      [
        'a rule with no session',
        { schedule: { ...buildProgramBody().schedule, rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' } },
        'schedule.rrule',
      ],
      [
        'a bad start time',
        { schedule: { ...buildProgramBody().schedule, startTime: '3:30 PM' } },
        'schedule.startTime',
      ],
      [
        'a zero duration',
        { schedule: { ...buildProgramBody().schedule, durationMinutes: 0 } },
        'schedule.durationMinutes',
      ],
      ['an impossible date', { startDate: '2026-02-30' }, 'startDate'],
      ['a start date decades ago', { startDate: '1990-01-03' }, 'startDate'],
      [
        'an unknown partner',
        { partners: [{ organizationId: '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', role: 'host' }] },
        'partners.0.organizationId',
      ],
      [
        'an unknown role',
        { partners: [{ organizationId: '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', role: 'sponsor' }] },
        'partners.0.role',
      ],
      ['an unknown audience', { audienceIds: ['3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f'] }, 'audienceIds.0'],
      ['a language the library does not offer', { language: 'fr' }, 'language'],
      ['a region tag', { language: 'es-MX' }, 'language'],
      ['a language with a NUL byte', { language: 'e\u0000s' }, 'language'],
      ['a huge language', { language: 'es'.repeat(50_000) }, 'language'],
      ['a language that is not a string', { language: ['es'] }, 'language'],
      ['a null language', { language: null }, 'language'],
      ['no schedule', { schedule: undefined }, 'schedule'],
      ['an unknown field', { sessions: [] }, 'sessions'],
    ];

    it.each(badBodies)('refuses %s with 400 naming the field and creates nothing', async (_name, overrides, field) => {
      const response = await request(t.http)
        .post('/api/v1/programs')
        .set(staff.auth)
        .send({ ...buildProgramBody(), ...overrides })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect({
        programs: await count('programs'),
        sessions: await count('program_sessions'),
        audit: await count('audit_events'),
      }).toEqual({ programs: 0, sessions: 0, audit: 0 });
    });

    it('refuses the same organization twice as a partner', async () => {
      const org = await persistOrganization(t.dataSource);
      const response = await request(t.http)
        .post('/api/v1/programs')
        .set(staff.auth)
        .send(
          buildProgramBody({
            partners: [
              { organizationId: org.id, role: 'host' },
              { organizationId: org.id, role: 'referral' },
            ],
          }),
        )
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'partners.1.organizationId', message: expect.stringMatching(/already a partner/) },
      ]);
    });

    it('refuses an invalid schedule edit and leaves program and sessions as they were', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const sessions = await sessionsOf(program.id);
      for (const body of [
        { version: 1, schedule: { ...program.schedule, rrule: 'FREQ=MINUTELY' } },
        { version: 1, endDate: '2020-01-01' },
        { version: 1, schedule: { ...program.schedule, timezone: 'Nowhere/Else' } },
        { version: 1, schedule: { rrule: 'FREQ=DAILY' } },
      ]) {
        await patchProgram(program.id, body).expect(400);
      }
      expect((await request(t.http).get(`/api/v1/programs/${program.id}`).set(viewer.auth)).body).toEqual(program);
      expect(await sessionsOf(program.id)).toEqual(sessions);
    });
  });

  describe('language', () => {
    it("defaults to the library's default language when created, takes an offered one in any case, and changes with PATCH", async () => {
      const english = await createProgram(t, staff.auth);
      expect(english.language).toBe('en');
      const admin = await signedInAs(t, Role.Admin);
      await request(t.http)
        .patch('/api/v1/settings/library')
        .set(admin.auth)
        .send({ version: 1, defaultLanguage: 'es' })
        .expect(200);
      const spanish = await createProgram(t, staff.auth, { name: 'Martes y Jueves de Tareas' });
      expect(spanish.language).toBe('es');
      expect((await createProgram(t, staff.auth, { language: 'EN' })).language).toBe('en');

      const patched = await patchProgram(english.id, { version: 1, language: 'es' }).expect(200);
      expect(patched.body).toMatchObject({ version: 2, language: 'es' });
      const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({
        entityId: english.id,
        action: 'update',
      });
      expect(audit.changes).toEqual({ language: { before: 'en', after: 'es' } });
      const listed = await request(t.http).get('/api/v1/programs').query({ q: 'Martes' }).set(viewer.auth);
      expect(listed.body.data).toEqual([
        expect.objectContaining({ name: 'Martes y Jueves de Tareas', language: 'es' }),
      ]);
    });

    it('refuses on PATCH a language the library does not offer, naming the offered ones, and changes nothing', async () => {
      const program = await createProgram(t, staff.auth);
      const refused = await patchProgram(program.id, { version: 1, language: 'de', name: 'Renamed' }).expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'language', message: 'must be one of the languages the library offers: en (English), es (Español)' },
      ]);
      for (const language of [null, 3, '', 'x'.repeat(40)])
        await patchProgram(program.id, { version: 1, language }).expect(400);
      expect((await request(t.http).get(`/api/v1/programs/${program.id}`).set(viewer.auth)).body).toEqual(program);
    });
  });

  describe('roles, list and delete', () => {
    it('lets a viewer read programs and sessions but not write', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      const [session] = await sessionsOf(program.id);
      await request(t.http).get('/api/v1/programs').set(viewer.auth).expect(200);
      await request(t.http).get(`/api/v1/programs/${program.id}`).set(viewer.auth).expect(200);
      await request(t.http).post('/api/v1/programs').set(viewer.auth).send(buildProgramBody()).expect(403);
      await patchProgram(program.id, { version: 1, name: 'x' }, viewer).expect(403);
      await request(t.http).delete(`/api/v1/programs/${program.id}`).set(viewer.auth).expect(403);
      await patchSession(session.id, { attendance: 5, version: 1 }, viewer).expect(403);
      expect(await count('programs')).toBe(1);
      expect(
        (await t.dataSource.getRepository(ProgramSession).findOneByOrFail({ id: session.id })).attendance,
      ).toBeNull();
    });

    it('filters by status, partner, audience and name, with paging', async () => {
      const org = await persistOrganization(t.dataSource);
      const audience = await persistAudience(t.dataSource);
      const a = await createProgram(t, staff.auth, {
        name: 'Anime club',
        status: ProgramStatus.Running,
        partners: [{ organizationId: org.id, role: 'host' }],
      });
      const b = await createProgram(t, staff.auth, {
        name: 'Béisbol stats',
        status: ProgramStatus.Planned,
        audienceIds: [audience.id],
      });
      const c = await createProgram(t, staff.auth, { name: 'Coding club', status: ProgramStatus.Completed });
      const ids = async (query: string) =>
        (await request(t.http).get(`/api/v1/programs?${query}`).set(viewer.auth).expect(200)).body.data.map(
          (p: { id: string }) => p.id,
        );
      expect(await ids('')).toEqual([a.id, b.id, c.id]);
      expect(await ids('status=planned,completed')).toEqual([b.id, c.id]);
      expect(await ids(`organizationId=${org.id}`)).toEqual([a.id]);
      expect(await ids(`audienceId=${audience.id}`)).toEqual([b.id]);
      expect(await ids('q=beisbol')).toEqual([b.id]);
      expect(await ids('q=CLUB&limit=1&offset=1')).toEqual([c.id]);
      const page = await request(t.http).get('/api/v1/programs?limit=2').set(viewer.auth).expect(200);
      expect(page.body.meta).toEqual({ total: 3, limit: 2, offset: 0 });
      expect(page.body.data[0].partners).toEqual([
        { organizationId: org.id, organizationName: org.name, role: 'host' },
      ]);
      // A completed program gets no sessions.
      expect(await t.dataSource.getRepository(ProgramSession).countBy({ programId: c.id })).toBe(0);
    });

    it('deletes a program with its sessions, audited', async () => {
      const program = await createProgram(t, staff.auth, { startDate: START_DATE });
      await request(t.http).delete(`/api/v1/programs/${program.id}`).set(staff.auth).expect(204);
      await request(t.http).get(`/api/v1/programs/${program.id}`).set(viewer.auth).expect(404);
      expect(await count('program_sessions')).toBe(0);
      const audit = await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ entityType: 'program', entityId: program.id, action: 'delete' });
      expect(audit).toHaveLength(1);
      await request(t.http).delete(`/api/v1/programs/${program.id}`).set(staff.auth).expect(404);
    });

    it('refuses to delete an audience a program uses (409)', async () => {
      const audience = await persistAudience(t.dataSource);
      const program = await createProgram(t, staff.auth, { audienceIds: [audience.id] });
      const refused = await request(t.http).delete(`/api/v1/audiences/${audience.id}`).set(manager.auth).expect(409);
      expect(refused.body).toMatchObject({ code: 'AUDIENCE_IN_USE', programs: 1 });
      await patchProgram(program.id, { version: 1, audienceIds: [] }).expect(200);
      await request(t.http).delete(`/api/v1/audiences/${audience.id}`).set(manager.auth).expect(204);
    });
  });

  describe('extendSessionWindows (the daily job)', () => {
    it('moves the window on, idempotently, skipping completed programs, with closures applied', async () => {
      const service = t.app.get(ProgramService);
      const running = await createProgram(t, staff.auth, { startDate: START_DATE });
      const completed = await createProgram(t, staff.auth, { startDate: START_DATE });
      await patchProgram(completed.id, { version: 1, status: 'completed' }).expect(200);
      const completedBefore = await t.dataSource.getRepository(ProgramSession).countBy({ programId: completed.id });
      const before = await sessionsOf(running.id);

      const later = new Date(Date.now() + 28 * DAY);
      const newDay = DateTime.fromJSDate(new Date(later.getTime() + 115 * DAY), { zone: ZONE });
      const wednesday = newDay.minus({ days: (newDay.weekday - 3 + 7) % 7 }).toISODate()!;
      await persistClosure(t.dataSource, { date: wednesday, name: 'Inventory day' });

      const first = await service.extendSessionWindows(later);
      expect(first).toEqual({ programs: 1, sessionsCreated: 4 });
      const after = await sessionsOf(
        running.id,
        `from=${START_DATE}&to=${DateTime.now().plus({ days: 400 }).toISODate()}`,
      );
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after).toHaveLength(before.length + 4);
      expect(after.find((s) => s.localDate === wednesday)).toMatchObject({
        cancelled: true,
        cancelReason: 'Inventory day',
      });
      expect(new Set(after.map((s) => localTime(s.startsAt)))).toEqual(new Set(['Wed 15:30']));

      expect(await service.extendSessionWindows(later)).toEqual({ programs: 0, sessionsCreated: 0 });
      // Even when the bookkeeping is lost, running again creates nothing twice.
      await t.dataSource.query('UPDATE programs SET materialized_until = NULL');
      expect(await service.extendSessionWindows(later)).toEqual({ programs: 1, sessionsCreated: 0 });
      expect(await t.dataSource.getRepository(ProgramSession).countBy({ programId: completed.id })).toBe(
        completedBefore,
      );
    });

    it('materializes a program saved without sessions from its start date', async () => {
      const program = await persistProgram(t.dataSource, { startDate: START_DATE });
      const result = await t.app.get(ProgramService).extendSessionWindows();
      expect(result.programs).toBe(1);
      const sessions = await sessionsOf(program.id);
      expect(sessions[0].localDate).toBe(START_DATE);
      expect(result.sessionsCreated).toBe(sessions.length);
    });
  });
});
