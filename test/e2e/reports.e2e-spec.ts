import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { ReportService } from '../../src/report/report.service';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

/**
 * The outreach report over a quarter built by hand, every figure counted on paper first.
 * The library is in Chicago (CDT, UTC−5, all summer); "now" is 15 October 2026, 12:00 CDT;
 * the report is Q3 2026: 1 July 00:00 CDT (05:00Z) up to 1 October 00:00 CDT (05:00Z).
 *
 * Partners (audiences): Eastside Youth Shelter (Foster youth), Northside Internship Agency
 * (Teens), Riverbend College Prep (Teens, First-generation students); Seniors is served by nobody.
 *
 * Programs (Chicago time):
 * - After-school drop-in: Wednesdays 16:00, 26 Aug – 7 Oct, partners Shelter + Agency, audience Teens.
 *   26 Aug 10 came; 2 Sep 12; 9 Sep cancelled by staff; 16 Sep a closure day; 23 Sep 8;
 *   30 Sep held, no count; 7 Oct (Q4) 20 came.
 * - Tech workshop: Tuesdays 10:00, 29 Sep – 20 Oct, partner College, audience First-generation.
 *   29 Sep 5 came; 6 and 13 Oct held (Q4), 20 Oct upcoming.
 * - Summer reading club: Thursday 10 Sep only, no partner, no audience: 7 came.
 *
 * Visits (staff): 30 Jun 23:00 CDT Shelter (out: 1 Jul in UTC); 1 Jul 00:00 CDT Shelter for the
 * drop-in, 20 invitations, 15 people (Alice); 15 Aug Agency, 10 invitations, 12 people (Alice,
 * Bob); 30 Sep 22:00 CDT College, 30 people (Bob; 1 Oct in UTC); 1 Oct 00:00 CDT College (out).
 *
 * Feedback (outcomes knowledge/confidence/application/awareness):
 * - F1 youth, drop-in, 5 stars, 5/4/4/3, 2 Sep.            - F2 partner, Shelter, 4 stars, knowledge 4, 20 Jul (Alice).
 * - F3 youth, tech workshop, 3 stars, 2/5/–/4, 29 Sep.     - F4 staff, Agency about the drop-in, 2 stars, 1 Aug (Bob).
 * - F5 youth, drop-in, 30 Jun 18:30 CDT (out).             - F6 youth, drop-in, 4 stars, 4/4/5/5, 30 Sep 23:30 CDT (1 Oct UTC).
 */
describe(`${ReportService.name} (e2e)`, () => {
  const NOW = new Date('2026-10-15T17:00:00Z');
  let t: TestApp;
  let manager: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  const ids: Record<string, string> = {};

  const api = (auth = manager.auth) => ({
    post: async (path: string, body: object, status = 201) => {
      const response = await request(t.http).post(`/api/v1${path}`).set(auth).send(body);
      if (response.status !== status)
        throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    patch: async (path: string, body: object) => {
      const response = await request(t.http).patch(`/api/v1${path}`).set(auth).send(body);
      if (response.status !== 200)
        throw new Error(`PATCH ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    get: (path: string) => request(t.http).get(`/api/v1${path}`).set(auth),
  });

  const report = async (query: string, auth = manager.auth) => {
    const response = await api(auth).get(`/reports/outreach?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  /** Measures with zeros and nulls where not given, so each expectation names only what counts. */
  const measures = (m: Record<string, unknown> = {}) => ({
    visits: 0,
    invitationsHandedOut: 0,
    peopleReached: 0,
    sessionsHeld: 0,
    sessionsCancelled: 0,
    sessionsUpcoming: 0,
    attendance: 0,
    sessionsWithAttendance: 0,
    averageAttendance: null,
    feedbackCount: 0,
    averageRating: null,
    outcomes: { knowledge: null, confidence: null, application: null, awareness: null },
    outcomesAgree: { knowledge: null, confidence: null, application: null, awareness: null },
    outcomesAnswered: { knowledge: 0, confidence: 0, application: 0, awareness: 0 },
    ...m,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock: new ShiftedClock(NOW.getTime() - Date.now()) });
    const admin = await signedInAs(t, Role.Admin);
    manager = await signedInAs(t, Role.Manager, { name: 'Morgan Manager' });
    alice = await signedInAs(t, Role.Staff, { name: 'Alice Ng' });
    bob = await signedInAs(t, Role.Staff, { name: 'Bob Ortiz' });
    const settings = (await api(admin.auth).get('/settings/library')).body;
    await api(admin.auth).patch('/settings/library', { version: settings.version, timezone: 'America/Chicago' });

    for (const [key, name] of [
      ['teens', 'Teens'],
      ['foster', 'Foster youth'],
      ['firstGen', 'First-generation students'],
      ['seniors', 'Seniors'],
    ])
      ids[key] = (await api().post('/audiences', { name, priority: 1 })).id;
    const organization = async (name: string, audienceIds: string[]) =>
      (await api().post('/organizations', { name, stage: 'active', audienceIds })).id as string;
    ids.shelter = await organization('Eastside Youth Shelter', [ids.foster]);
    ids.agency = await organization('Northside Internship Agency', [ids.teens]);
    ids.college = await organization('Riverbend College Prep', [ids.teens, ids.firstGen]);

    const program = async (name: string, schedule: object, partners: string[], audienceIds: string[], dates: object) =>
      (
        await api().post('/programs', {
          name,
          status: 'running',
          partners: partners.map((organizationId) => ({ organizationId, role: 'host' })),
          audienceIds,
          schedule: { timezone: 'America/Chicago', durationMinutes: 90, ...schedule },
          ...dates,
        })
      ).id as string;
    ids.dropIn = await program(
      'After-school drop-in',
      { rrule: 'FREQ=WEEKLY;BYDAY=WE', startTime: '16:00' },
      [ids.shelter, ids.agency],
      [ids.teens],
      { startDate: '2026-08-26', endDate: '2026-10-07' },
    );
    ids.tech = await program(
      'Tech workshop',
      { rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '10:00' },
      [ids.college],
      [ids.firstGen],
      { startDate: '2026-09-29', endDate: '2026-10-20' },
    );
    ids.reading = await program('Summer reading club', { rrule: 'FREQ=WEEKLY;BYDAY=TH', startTime: '10:00' }, [], [], {
      startDate: '2026-09-10',
      endDate: '2026-09-10',
    });

    const sessions = async (programId: string) =>
      new Map<string, { id: string; version: number }>(
        (await api().get(`/programs/${programId}/sessions?from=2026-08-01&to=2026-11-01`)).body.data.map(
          (s: { id: string; version: number; startsAt: string }) => [s.startsAt.slice(0, 10), s],
        ),
      );
    const record = async (programId: string, counts: Record<string, object>) => {
      const byDate = await sessions(programId);
      for (const [date, change] of Object.entries(counts)) {
        const session = byDate.get(date);
        if (!session) throw new Error(`no session on ${date}`);
        await api().patch(`/sessions/${session.id}`, { ...change, version: session.version });
      }
    };
    // Session dates in UTC: 16:00 CDT is 21:00Z the same day; 10:00 CDT is 15:00Z.
    await record(ids.dropIn, {
      '2026-08-26': { attendance: 10 },
      '2026-09-02': { attendance: 12 },
      '2026-09-09': { cancelled: true },
      '2026-09-23': { attendance: 8 },
      '2026-10-07': { attendance: 20 },
    });
    await api().post('/closures', { date: '2026-09-16', name: 'Staff training day' });
    await record(ids.tech, { '2026-09-29': { attendance: 5 } });
    await record(ids.reading, { '2026-09-10': { attendance: 7 } });

    const visit = (organizationId: string, visitedAt: string, body: object = {}) =>
      api().post('/visits', {
        organizationId,
        visitedAt,
        purpose: 'invitations',
        staffIds: [manager.user.id],
        contactIds: [],
        invitationsHandedOut: 0,
        peopleReached: 0,
        ...body,
      });
    await visit(ids.shelter, '2026-07-01T04:00:00Z', { invitationsHandedOut: 50, peopleReached: 40 });
    await visit(ids.shelter, '2026-07-01T05:00:00Z', {
      programId: ids.dropIn,
      invitationsHandedOut: 20,
      peopleReached: 15,
      staffIds: [alice.user.id],
    });
    await visit(ids.agency, '2026-08-15T15:00:00Z', {
      invitationsHandedOut: 10,
      peopleReached: 12,
      staffIds: [alice.user.id, bob.user.id],
    });
    await visit(ids.college, '2026-10-01T03:00:00Z', { peopleReached: 30, staffIds: [bob.user.id] });
    await visit(ids.college, '2026-10-01T05:00:00Z', { invitationsHandedOut: 5, peopleReached: 5 });

    const feedback = async (at: string, by: SignedIn | null, body: object) => {
      const { id } = await api().post('/feedback', body);
      await t.dataSource.query(`UPDATE feedback SET created_at = $2, created_by_id = $3 WHERE id = $1`, [
        id,
        at,
        by?.user.id ?? null,
      ]);
    };
    const outcomes = (knowledge?: number, confidence?: number, application?: number, awareness?: number) => ({
      knowledge,
      confidence,
      application,
      awareness,
    });
    await feedback('2026-09-02T23:00:00Z', null, {
      source: 'youth',
      programId: ids.dropIn,
      rating: 5,
      outcomes: outcomes(5, 4, 4, 3),
    });
    await feedback('2026-07-20T15:00:00Z', alice, {
      source: 'partner',
      organizationId: ids.shelter,
      rating: 4,
      outcomes: outcomes(4),
    });
    await feedback('2026-09-29T20:00:00Z', null, {
      source: 'youth',
      programId: ids.tech,
      rating: 3,
      outcomes: outcomes(2, 5, undefined, 4),
    });
    await feedback('2026-08-01T12:00:00Z', bob, {
      source: 'staff',
      organizationId: ids.agency,
      programId: ids.dropIn,
      rating: 2,
    });
    await feedback('2026-06-30T23:30:00Z', null, { source: 'youth', programId: ids.dropIn, rating: 5 });
    await feedback('2026-10-01T04:30:00Z', null, {
      source: 'youth',
      programId: ids.dropIn,
      rating: 4,
      outcomes: outcomes(4, 4, 5, 5),
    });
  });

  afterAll(() => t.close());

  const Q3 = 'from=2026-07-01&to=2026-09-30';
  const TOTALS = measures({
    visits: 3,
    invitationsHandedOut: 30,
    peopleReached: 57,
    sessionsHeld: 6,
    sessionsCancelled: 2,
    attendance: 42,
    sessionsWithAttendance: 5,
    averageAttendance: 8.4,
    feedbackCount: 5,
    averageRating: 3.6,
    outcomes: { knowledge: 3.75, confidence: 4.33, application: 4.5, awareness: 4 },
    outcomesAgree: { knowledge: 0.75, confidence: 1, application: 1, awareness: 0.667 },
    outcomesAnswered: { knowledge: 4, confidence: 3, application: 2, awareness: 3 },
  });
  const DROP_IN_SESSIONS = {
    sessionsHeld: 4,
    sessionsCancelled: 2,
    attendance: 30,
    sessionsWithAttendance: 3,
    averageAttendance: 10,
  };

  it('by partner: a session with two partners is in both rows and once in the totals; the unpartnered program last', async () => {
    const body = await report(`${Q3}&groupBy=partner`);
    expect(body).toMatchObject({
      from: '2026-07-01',
      to: '2026-09-30',
      period: null,
      groupBy: 'partner',
      timezone: 'America/Chicago',
      today: '2026-10-15',
      scope: { organizationId: null, programId: null, audienceId: null },
    });
    expect(body.rows).toEqual([
      {
        key: ids.shelter,
        label: 'Eastside Youth Shelter',
        ...measures({
          visits: 1,
          invitationsHandedOut: 20,
          peopleReached: 15,
          ...DROP_IN_SESSIONS,
          feedbackCount: 3,
          averageRating: 4.33,
          outcomes: { knowledge: 4.33, confidence: 4, application: 4.5, awareness: 4 },
          outcomesAgree: { knowledge: 1, confidence: 1, application: 1, awareness: 0.5 },
          outcomesAnswered: { knowledge: 3, confidence: 2, application: 2, awareness: 2 },
        }),
      },
      {
        key: ids.agency,
        label: 'Northside Internship Agency',
        ...measures({
          visits: 1,
          invitationsHandedOut: 10,
          peopleReached: 12,
          ...DROP_IN_SESSIONS,
          feedbackCount: 3,
          averageRating: 3.67,
          outcomes: { knowledge: 4.5, confidence: 4, application: 4.5, awareness: 4 },
          outcomesAgree: { knowledge: 1, confidence: 1, application: 1, awareness: 0.5 },
          outcomesAnswered: { knowledge: 2, confidence: 2, application: 2, awareness: 2 },
        }),
      },
      {
        key: ids.college,
        label: 'Riverbend College Prep',
        ...measures({
          visits: 1,
          peopleReached: 30,
          sessionsHeld: 1,
          attendance: 5,
          sessionsWithAttendance: 1,
          averageAttendance: 5,
          feedbackCount: 1,
          averageRating: 3,
          outcomes: { knowledge: 2, confidence: 5, application: null, awareness: 4 },
          outcomesAgree: { knowledge: 0, confidence: 1, application: null, awareness: 1 },
          outcomesAnswered: { knowledge: 1, confidence: 1, application: 0, awareness: 1 },
        }),
      },
      {
        key: null,
        label: 'No partner',
        ...measures({ sessionsHeld: 1, attendance: 7, sessionsWithAttendance: 1, averageAttendance: 7 }),
      },
    ]);
    expect(body.totals).toEqual(TOTALS);
  });

  it('by audience: every audience, Seniors with nothing; a visit for a program counts for the program’s audience', async () => {
    const body = await report(`${Q3}&groupBy=audience`);
    expect(body.rows.map((row: { label: string }) => row.label)).toEqual([
      'First-generation students',
      'Foster youth',
      'Seniors',
      'Teens',
      'No audience',
    ]);
    const [firstGen, foster, seniors, teens, none] = body.rows;
    expect(firstGen).toEqual({
      key: ids.firstGen,
      label: 'First-generation students',
      ...measures({
        visits: 1,
        peopleReached: 30,
        sessionsHeld: 1,
        attendance: 5,
        sessionsWithAttendance: 1,
        averageAttendance: 5,
        feedbackCount: 1,
        averageRating: 3,
        outcomes: { knowledge: 2, confidence: 5, application: null, awareness: 4 },
        outcomesAgree: { knowledge: 0, confidence: 1, application: null, awareness: 1 },
        outcomesAnswered: { knowledge: 1, confidence: 1, application: 0, awareness: 1 },
      }),
    });
    expect(foster).toEqual({
      key: ids.foster,
      label: 'Foster youth',
      ...measures({
        feedbackCount: 1,
        averageRating: 4,
        outcomes: { knowledge: 4, confidence: null, application: null, awareness: null },
        outcomesAgree: { knowledge: 1, confidence: null, application: null, awareness: null },
        outcomesAnswered: { knowledge: 1, confidence: 0, application: 0, awareness: 0 },
      }),
    });
    expect(seniors).toEqual({ key: ids.seniors, label: 'Seniors', ...measures() });
    expect(teens).toEqual({
      key: ids.teens,
      label: 'Teens',
      ...measures({
        visits: 3,
        invitationsHandedOut: 30,
        peopleReached: 57,
        ...DROP_IN_SESSIONS,
        feedbackCount: 3,
        averageRating: 3.67,
        outcomes: { knowledge: 4.5, confidence: 4, application: 4.5, awareness: 4 },
        outcomesAgree: { knowledge: 1, confidence: 1, application: 1, awareness: 0.5 },
        outcomesAnswered: { knowledge: 2, confidence: 2, application: 2, awareness: 2 },
      }),
    });
    expect(none).toEqual({
      key: null,
      label: 'No audience',
      ...measures({ sessionsHeld: 1, attendance: 7, sessionsWithAttendance: 1, averageAttendance: 7 }),
    });
    expect(body.totals).toEqual(TOTALS);
  });

  it('by month: the library’s months, a visit at 22:00 on 30 September in September', async () => {
    const body = await report(`${Q3}&groupBy=month`);
    expect(body.rows).toEqual([
      {
        key: '2026-07',
        label: 'July 2026',
        ...measures({
          visits: 1,
          invitationsHandedOut: 20,
          peopleReached: 15,
          feedbackCount: 1,
          averageRating: 4,
          outcomes: { knowledge: 4, confidence: null, application: null, awareness: null },
          outcomesAgree: { knowledge: 1, confidence: null, application: null, awareness: null },
          outcomesAnswered: { knowledge: 1, confidence: 0, application: 0, awareness: 0 },
        }),
      },
      {
        key: '2026-08',
        label: 'August 2026',
        ...measures({
          visits: 1,
          invitationsHandedOut: 10,
          peopleReached: 12,
          sessionsHeld: 1,
          attendance: 10,
          sessionsWithAttendance: 1,
          averageAttendance: 10,
          feedbackCount: 1,
          averageRating: 2,
        }),
      },
      {
        key: '2026-09',
        label: 'September 2026',
        ...measures({
          visits: 1,
          peopleReached: 30,
          sessionsHeld: 5,
          sessionsCancelled: 2,
          attendance: 32,
          sessionsWithAttendance: 4,
          averageAttendance: 8,
          feedbackCount: 3,
          averageRating: 4,
          outcomes: { knowledge: 3.67, confidence: 4.33, application: 4.5, awareness: 4 },
          outcomesAgree: { knowledge: 0.667, confidence: 1, application: 1, awareness: 0.667 },
          outcomesAnswered: { knowledge: 3, confidence: 3, application: 2, awareness: 3 },
        }),
      },
    ]);
    expect(body.totals).toEqual(TOTALS);
  });

  it('by program, and by staff member (names, never emails; sessions belong to no one)', async () => {
    const programs = await report(`${Q3}&groupBy=program`);
    expect(
      programs.rows.map((row: Record<string, unknown>) => [row.label, row.visits, row.sessionsHeld, row.feedbackCount]),
    ).toEqual([
      ['After-school drop-in', 1, 4, 3],
      ['Summer reading club', 0, 1, 0],
      ['Tech workshop', 0, 1, 1],
      ['No program', 2, 0, 1],
    ]);
    expect(programs.rows[3]).toMatchObject({ invitationsHandedOut: 10, peopleReached: 42, averageRating: 4 });
    expect(programs.totals).toEqual(TOTALS);

    const staff = await report(`${Q3}&groupBy=staff`, alice.auth);
    expect(staff.rows).toEqual([
      {
        key: alice.user.id,
        label: 'Alice Ng',
        ...measures({
          visits: 2,
          invitationsHandedOut: 30,
          peopleReached: 27,
          feedbackCount: 1,
          averageRating: 4,
          outcomes: { knowledge: 4, confidence: null, application: null, awareness: null },
          outcomesAgree: { knowledge: 1, confidence: null, application: null, awareness: null },
          outcomesAnswered: { knowledge: 1, confidence: 0, application: 0, awareness: 0 },
        }),
      },
      {
        key: bob.user.id,
        label: 'Bob Ortiz',
        ...measures({ visits: 2, invitationsHandedOut: 10, peopleReached: 42, feedbackCount: 1, averageRating: 2 }),
      },
      {
        key: null,
        label: 'No staff member',
        ...measures({
          sessionsHeld: 6,
          sessionsCancelled: 2,
          attendance: 42,
          sessionsWithAttendance: 5,
          averageAttendance: 8.4,
          feedbackCount: 3,
          averageRating: 4,
          outcomes: { knowledge: 3.67, confidence: 4.33, application: 4.5, awareness: 4 },
          outcomesAgree: { knowledge: 0.667, confidence: 1, application: 1, awareness: 0.667 },
          outcomesAnswered: { knowledge: 3, confidence: 3, application: 2, awareness: 3 },
        }),
      },
    ]);
    expect(JSON.stringify(staff)).not.toContain('@');
    expect(staff.totals).toEqual(TOTALS);
  });

  it('a scope keeps only the facts of one partner, program or audience: the totals are that group’s row', async () => {
    const byPartner = await report(`${Q3}&groupBy=partner`);
    const byProgram = await report(`${Q3}&groupBy=program`);
    const byAudience = await report(`${Q3}&groupBy=audience`);
    const row = (body: { rows: { key: string | null }[] }, key: string) => {
      const { key: _key, label: _label, ...rest } = body.rows.find((r) => r.key === key) as Record<string, unknown>;
      return rest;
    };
    expect((await report(`${Q3}&organizationId=${ids.agency}`)).totals).toEqual(row(byPartner, ids.agency));
    expect((await report(`${Q3}&programId=${ids.dropIn}`)).totals).toEqual(row(byProgram, ids.dropIn));
    expect((await report(`${Q3}&audienceId=${ids.teens}`)).totals).toEqual(row(byAudience, ids.teens));
  });

  it('this quarter on 15 October: sessions to come are upcoming, not held; presets resolve in the library’s calendar', async () => {
    const body = await report('period=this-quarter&groupBy=program');
    expect(body).toMatchObject({ from: '2026-10-01', to: '2026-12-31', period: 'this-quarter' });
    expect(body.totals).toEqual(
      measures({
        visits: 1,
        invitationsHandedOut: 5,
        peopleReached: 5,
        sessionsHeld: 3,
        sessionsUpcoming: 1,
        attendance: 20,
        sessionsWithAttendance: 1,
        averageAttendance: 20,
      }),
    );
    // The default is this fiscal year (July): 1 July 2026 – 30 June 2027.
    const fiscal = await report('');
    expect(fiscal).toMatchObject({
      from: '2026-07-01',
      to: '2027-06-30',
      period: 'this-fiscal-year',
      groupBy: 'partner',
    });
    expect(fiscal.totals.visits).toBe(4);
    expect((await report('period=last-quarter')).totals).toEqual(TOTALS);
  });

  it('the measures goals count are the report’s totals: the whole library (its own lean statement) and one scope', async () => {
    const reports = t.app.get(ReportService);
    const q3 = { from: '2026-07-01', to: '2026-09-30' };
    expect(await reports.measures(q3, {})).toEqual(TOTALS);
    const q4 = { from: '2026-10-01', to: '2026-12-31' };
    expect(await reports.measures(q4, {})).toEqual((await report('period=this-quarter')).totals);
    expect(await reports.measures(q3, { organizationId: ids.agency })).toEqual(
      (await report(`${Q3}&organizationId=${ids.agency}`)).totals,
    );
    expect(await reports.measures({ from: '2026-07-02', to: '2026-07-01' }, {})).toEqual(measures());
  });

  it('a viewer (a board member) reads the report and its CSV', async () => {
    const viewer = await signedInAs(t, Role.Viewer);
    expect((await report(`${Q3}&groupBy=partner`, viewer.auth)).totals).toEqual(TOTALS);
    const csv = await api(viewer.auth).get(`/reports/outreach.csv?${Q3}&groupBy=partner`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="tandem-outreach-partner-2026-07-01-2026-09-30.csv"',
    );
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Partner,Visits,Invitations handed out,People reached,Sessions held,Sessions cancelled,Sessions upcoming,Attendance,' +
        'Average attendance,Feedback,Average rating,' +
        'Learned something new (average 1-5),Learned something new (% agree),Learned something new (answers),' +
        'Feel more confident (average 1-5),Feel more confident (% agree),Feel more confident (answers),' +
        'Will use what they learned (average 1-5),Will use what they learned (% agree),Will use what they learned (answers),' +
        'Know more about the library (average 1-5),Know more about the library (% agree),Know more about the library (answers)',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
      'Eastside Youth Shelter',
      'Northside Internship Agency',
      'Riverbend College Prep',
      'No partner',
      'Total',
    ]);
    expect(lines[3]).toBe('Riverbend College Prep,1,0,30,1,0,0,5,5,1,3,2,0,1,5,100,1,,,0,4,100,1');
    expect(lines[5]).toBe('Total,3,30,57,6,2,0,42,8.4,5,3.6,3.75,75,4,4.33,100,3,4.5,100,2,4,66.7,3');
  });

  it('a name a spreadsheet would run as a formula is written as text in the CSV', async () => {
    const id = (await api().post('/organizations', { name: '=HYPERLINK("http://evil.example","x")' })).id;
    await api().post('/visits', {
      organizationId: id,
      visitedAt: '2025-03-10T15:00:00Z',
      purpose: 'relationship',
      staffIds: [manager.user.id],
      contactIds: [],
      invitationsHandedOut: 0,
      peopleReached: 3,
    });
    const csv = await api().get('/reports/outreach.csv?from=2025-03-01&to=2025-03-31');
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",1,0,3`);
  });

  it.each([
    ['from without to', 'from=2026-07-01', ['to']],
    ['to before from', 'from=2026-07-02&to=2026-07-01', ['to']],
    ['a period and dates', 'period=last-quarter&from=2026-07-01&to=2026-09-30', ['period']],
    ['a date that is not one', 'from=2026-02-30&to=2026-03-01', ['from']],
    ['a date-time', 'from=2026-07-01T00:00:00Z&to=2026-09-30', ['from']],
    ['eleven years', 'from=2020-01-01&to=2030-12-31', ['to']],
    ['an unknown preset', 'period=forever', ['period']],
    ['an unknown grouping', 'groupBy=weather', ['groupBy']],
    ['a malformed id', 'organizationId=42', ['organizationId']],
    [
      'two scopes',
      `organizationId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}&programId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      ['programId'],
    ],
    ['an unknown parameter', 'colour=red', ['colour']],
    ['a huge value', `period=${'x'.repeat(5000)}`, ['period']],
    ['a value twice', 'groupBy=partner&groupBy=month', ['groupBy']],
  ])('%s is a 400 naming the field', async (_name, query, fields) => {
    for (const path of ['/reports/outreach', '/reports/outreach.csv']) {
      const response = await api().get(`${path}?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
    }
  });

  it('needs a signed-in user', async () => {
    expect((await request(t.http).get('/api/v1/reports/outreach')).status).toBe(401);
    expect((await request(t.http).get('/api/v1/reports/outreach.csv')).status).toBe(401);
  });
});
