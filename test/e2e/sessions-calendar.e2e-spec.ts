import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ProgramStatus } from '../../src/program/program.entity';
import { createProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const UNKNOWN_ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
/** November 2026 as a Los Angeles reader's month: PDT at its start, PST (after 1 Nov's change) at its end. */
const NOVEMBER = { from: '2026-11-01T00:00:00-07:00', to: '2026-12-01T00:00:00-08:00' };

interface CalendarSession {
  id: string;
  programId: string;
  programName: string;
  programStatus: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  cancelled: boolean;
  cancelReason: string | null;
  attendance: number | null;
  notes: string | null;
  version: number;
  location: string | null;
}

/**
 * GET /api/v1/sessions: every program's sessions in a window, for the calendar screen. Two
 * programs meet in November 2026 (a Wednesday drop-in in Los Angeles and a Friday workshop in
 * New York that is paused); a third starts in January. The library is closed on 25 November.
 */
describe('Sessions calendar (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let manager: SignedIn;
  let dropInId: string;
  let workshopId: string;
  let laterId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    manager = await signedInAs(t, Role.Manager);
    dropInId = (
      await createProgram(t, staff.auth, {
        name: 'Teen drop-in',
        startDate: '2026-10-28',
        endDate: '2026-12-02',
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=WE',
          timezone: 'America/Los_Angeles',
          startTime: '15:30',
          durationMinutes: 90,
          location: 'Central Library, Teen Room',
        },
      })
    ).id;
    workshopId = (
      await createProgram(t, staff.auth, {
        name: 'College essay workshop',
        status: ProgramStatus.Paused,
        startDate: '2026-11-06',
        endDate: '2026-11-20',
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=FR',
          timezone: 'America/New_York',
          startTime: '18:00',
          durationMinutes: 60,
          location: null,
        },
      })
    ).id;
    laterId = (
      await createProgram(t, staff.auth, {
        name: 'Winter coding club',
        startDate: '2027-01-05',
        endDate: '2027-01-26',
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=TU',
          timezone: 'America/Los_Angeles',
          startTime: '16:00',
          durationMinutes: 60,
          location: 'Branch makerspace',
        },
      })
    ).id;
    await request(t.http)
      .post('/api/v1/closures')
      .set(manager.auth)
      .send({ date: '2026-11-25', name: 'Day before Thanksgiving' })
      .expect(201);
  });

  const calendar = (query: Record<string, string | string[]>, who: SignedIn | null = viewer) => {
    const req = request(t.http).get('/api/v1/sessions').query(query);
    return who ? req.set(who.auth) : req;
  };
  const read = async (query: Record<string, string> = NOVEMBER, who: SignedIn = viewer) =>
    (await calendar(query, who).expect(200)).body.data as CalendarSession[];
  const summary = (sessions: CalendarSession[]) =>
    sessions.map(
      (s) => `${s.localDate} ${s.programName}${s.cancelled ? ` cancelled (${s.cancelReason ?? 'staff'})` : ''}`,
    );

  describe('what it lists', () => {
    it('gives a viewer every program’s sessions in the window, sorted by start, the closure day’s cancelled', async () => {
      const sessions = await read();
      expect(summary(sessions)).toEqual([
        '2026-11-04 Teen drop-in',
        '2026-11-06 College essay workshop',
        '2026-11-11 Teen drop-in',
        '2026-11-13 College essay workshop',
        '2026-11-18 Teen drop-in',
        '2026-11-20 College essay workshop',
        '2026-11-25 Teen drop-in cancelled (Day before Thanksgiving)',
      ]);
      const starts = sessions.map((s) => s.startsAt);
      expect(starts).toEqual([...starts].sort());
      expect(sessions.some((s) => s.programId === laterId)).toBe(false);
    });

    it('answers each session with its program’s name, status and place, at the local time across DST', async () => {
      const sessions = await read();
      expect(sessions[0]).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        programId: dropInId,
        programName: 'Teen drop-in',
        programStatus: 'running',
        startsAt: '2026-11-04T23:30:00.000Z',
        endsAt: '2026-11-05T01:00:00.000Z',
        localDate: '2026-11-04',
        cancelled: false,
        cancelReason: null,
        attendance: null,
        notes: null,
        version: 1,
        location: 'Central Library, Teen Room',
      });
      // The paused program's sessions are listed too, with its status and no place.
      expect(sessions[1]).toMatchObject({
        programId: workshopId,
        programStatus: 'paused',
        location: null,
        startsAt: '2026-11-06T23:00:00.000Z',
      });
      // The closure's session: cancelled, named, its version moved on.
      expect(sessions[6]).toMatchObject({ cancelled: true, cancelReason: 'Day before Thanksgiving', version: 2 });
    });

    it('shows a staff cancellation, attendance and notes as the program’s own list does', async () => {
      const [first, , second] = await read();
      await request(t.http)
        .patch(`/api/v1/sessions/${first.id}`)
        .set(staff.auth)
        .send({ attendance: 14, notes: 'Board games night', version: first.version })
        .expect(200);
      await request(t.http)
        .patch(`/api/v1/sessions/${second.id}`)
        .set(staff.auth)
        .send({ cancelled: true, version: second.version })
        .expect(200);
      const sessions = await read();
      expect(sessions[0]).toMatchObject({ attendance: 14, notes: 'Board games night', cancelled: false, version: 2 });
      expect(sessions[2]).toMatchObject({ cancelled: true, cancelReason: null, version: 2 });
      const own = (
        await request(t.http).get(`/api/v1/programs/${dropInId}/sessions`).query(NOVEMBER).set(viewer.auth).expect(200)
      ).body.data as CalendarSession[];
      const { programName, programStatus, location, ...sameFields } = sessions[0];
      void programName;
      void programStatus;
      void location;
      expect(own[0]).toEqual(sameFields);
    });

    it('includes a completed program’s sessions and drops a deleted program’s', async () => {
      const { version } = (await request(t.http).get(`/api/v1/programs/${workshopId}`).set(viewer.auth)).body;
      await request(t.http)
        .patch(`/api/v1/programs/${workshopId}`)
        .set(staff.auth)
        .send({ status: 'completed', version })
        .expect(200);
      const afterCompleting = await read();
      expect(afterCompleting.filter((s) => s.programId === workshopId).map((s) => s.programStatus)).toEqual([
        'completed',
        'completed',
        'completed',
      ]);
      await request(t.http).delete(`/api/v1/programs/${dropInId}`).set(staff.auth).expect(204);
      expect(summary(await read())).toEqual([
        '2026-11-06 College essay workshop',
        '2026-11-13 College essay workshop',
        '2026-11-20 College essay workshop',
      ]);
    });

    it('takes the window as [from, to): a session starting at `to` is left for the next one', async () => {
      // 4 Nov 15:30 in Los Angeles is 23:30 UTC.
      expect(summary(await read({ from: '2026-11-04T23:30:00Z', to: '2026-11-06T23:00:00Z' }))).toEqual([
        '2026-11-04 Teen drop-in',
      ]);
      expect(summary(await read({ from: '2026-11-04T23:30:01Z', to: '2026-11-06T23:00:01Z' }))).toEqual([
        '2026-11-06 College essay workshop',
      ]);
      // Plain dates are UTC midnights.
      expect(summary(await read({ from: '2026-11-05', to: '2026-11-12' }))).toEqual([
        '2026-11-06 College essay workshop',
        '2026-11-11 Teen drop-in',
      ]);
      expect(await read({ from: '2026-11-05T00:00:00Z', to: '2026-11-05T00:00:00Z' })).toEqual([]);
    });

    it('accepts six weeks and a bit (a month grid in any zone), up to 62 days', async () => {
      const sessions = await read({ from: '2026-10-25T00:00:00Z', to: '2026-12-26T00:00:00Z' });
      expect(sessions.map((s) => s.localDate)).toContain('2026-12-02');
      expect(sessions).toHaveLength(9);
      expect(sessions.every((s) => s.programId !== laterId)).toBe(true);
      expect(summary(await read({ from: '2027-01-01', to: '2027-02-01' }))).toEqual([
        '2027-01-05 Winter coding club',
        '2027-01-12 Winter coding club',
        '2027-01-19 Winter coding club',
        '2027-01-26 Winter coding club',
      ]);
    });

    it('narrows to one program with programId; an unknown program has no sessions', async () => {
      const sessions = await read({ ...NOVEMBER, programId: workshopId });
      expect(summary(sessions)).toEqual([
        '2026-11-06 College essay workshop',
        '2026-11-13 College essay workshop',
        '2026-11-20 College essay workshop',
      ]);
      expect(await read({ ...NOVEMBER, programId: UNKNOWN_ID })).toEqual([]);
      // Upper-case ids are the same program.
      expect(await read({ ...NOVEMBER, programId: workshopId.toUpperCase() })).toHaveLength(3);
    });

    it('is the same for every signed-in role', async () => {
      const asViewer = await read();
      expect(await read(NOVEMBER, staff)).toEqual(asViewer);
      expect(await read(NOVEMBER, manager)).toEqual(asViewer);
    });
  });

  describe('refusals', () => {
    it('asks for a sign-in without a token (401) or with a bad one', async () => {
      const anonymous = await calendar(NOVEMBER, null).expect(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
      await request(t.http).get('/api/v1/sessions').query(NOVEMBER).set({ Authorization: 'Bearer nope' }).expect(401);
    });

    const refused: [string, Record<string, string | string[]>, string][] = [
      ['no range at all', {}, 'from'],
      ['no from', { to: NOVEMBER.to }, 'from'],
      ['no to', { from: NOVEMBER.from }, 'to'],
      ['an empty from', { from: '', to: NOVEMBER.to }, 'from'],
      ['words for a date', { from: 'yesterday', to: NOVEMBER.to }, 'from'],
      ['a month that does not exist', { from: '2026-13-01', to: '2027-01-05' }, 'from'],
      ['a day that does not exist', { from: '2026-11-01', to: '2026-11-31' }, 'to'],
      ['a number', { from: '1730419200000', to: NOVEMBER.to }, 'from'],
      ['from given twice', { from: [NOVEMBER.from, NOVEMBER.from], to: NOVEMBER.to }, 'from'],
      ['a reversed range', { from: NOVEMBER.to, to: NOVEMBER.from }, 'to'],
      ['63 days', { from: '2026-11-01T00:00:00Z', to: '2027-01-03T00:00:00Z' }, 'to'],
      ['62 days and a second', { from: '2026-11-01T00:00:00Z', to: '2027-01-02T00:00:01Z' }, 'to'],
      ['a year', { from: '2026-01-01', to: '2027-01-01' }, 'to'],
      ['an unknown parameter', { ...NOVEMBER, view: 'month' }, 'view'],
      ['a malformed programId', { ...NOVEMBER, programId: '42' }, 'programId'],
      ['SQL for a programId', { ...NOVEMBER, programId: "' OR 1=1 --" }, 'programId'],
      ['an empty programId', { ...NOVEMBER, programId: '' }, 'programId'],
    ];

    it.each(refused)('refuses %s with 400 naming the field', async (_case, query, field) => {
      const response = await calendar(query).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('takes exactly 62 days', async () => {
      await calendar({ from: '2026-11-01T00:00:00Z', to: '2027-01-02T00:00:00Z' }).expect(200);
    });
  });
});
