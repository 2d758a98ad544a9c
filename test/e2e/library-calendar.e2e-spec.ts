import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { LibraryCalendar } from '../../src/library/library-calendar';
import { persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

/** UTC−11 and UTC+14 (no daylight time in either): the same calendar date ends 25 hours apart. */
const PAGO_PAGO = 'Pacific/Pago_Pago';
const KIRITIMATI = 'Pacific/Kiritimati';

interface TaskBody {
  id: string;
  version: number;
  dueAt: string;
}

describe(`${LibraryCalendar.name}: the library time zone decides due dates and "overdue" (e2e)`, () => {
  let t: TestApp;
  let admin: SignedIn;
  let staff: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    admin = await signedInAs(t, Role.Admin);
    staff = await signedInAs(t, Role.Staff);
  });

  const setZone = async (timezone: string) => {
    const { version } = (await request(t.http).get('/api/v1/settings/library').set(admin.auth).expect(200)).body;
    await request(t.http).patch('/api/v1/settings/library').set(admin.auth).send({ version, timezone }).expect(200);
  };
  const createTask = async (title: string, dueAt: string): Promise<TaskBody> =>
    (await request(t.http).post('/api/v1/tasks').set(staff.auth).send({ title, dueAt }).expect(201)).body;
  const listed = async (overdue: boolean): Promise<string[]> =>
    (await request(t.http).get(`/api/v1/tasks?overdue=${overdue}`).set(staff.auth).expect(200)).body.data.map(
      (task: TaskBody) => task.id,
    );
  /** The library's midnight ending `date` in `zone`, as the API writes instants. */
  const midnightEnding = (date: string, zone: string) =>
    DateTime.fromISO(date, { zone }).plus({ days: 1 }).toUTC().toISO();

  it('the library time zone moving overdue across midnight', async () => {
    // Today in Pago Pago, the last place on Earth where it is still this date.
    const today = DateTime.now().setZone(PAGO_PAGO).toISODate()!;
    await setZone(PAGO_PAGO);
    expect(await t.app.get(LibraryCalendar).today()).toBe(today);

    const dueTonight = await createTask('Send the spring schedule', today);
    // Stored as the first instant of the next Pago Pago day: overdue exactly at the library's midnight.
    expect(dueTonight.dueAt).toBe(midnightEnding(today, PAGO_PAGO));
    const [stored] = await t.dataSource.query(`SELECT due_at FROM tasks WHERE id = $1`, [dueTonight.id]);
    expect((stored.due_at as Date).toISOString()).toBe(midnightEnding(today, PAGO_PAGO));
    expect(await listed(true)).toEqual([]);
    expect(await listed(false)).toEqual([dueTonight.id]);

    // In Kiritimati that date ended 25 hours earlier: the same date-only due date is already overdue.
    await setZone(KIRITIMATI);
    const dueYesterday = await createTask('Call the shelter back', today);
    expect(dueYesterday.dueAt).toBe(midnightEnding(today, KIRITIMATI));
    expect(Date.parse(dueYesterday.dueAt)).toBeLessThan(Date.now());
    expect(await listed(true)).toEqual([dueYesterday.id]);
    // A task already made keeps its instant: changing the zone does not move it.
    expect(await listed(false)).toEqual([dueTonight.id]);

    // A date-time is taken as the instant it names, whatever the zone.
    const exact = await createTask('Book the room', '2026-12-03T17:00:00-06:00');
    expect(exact.dueAt).toBe('2026-12-03T23:00:00.000Z');
  });

  it('moves a due date to the end of a library day on PATCH too, and shows it on the timeline as that date', async () => {
    await setZone('America/Chicago');
    const orgId = (await persistOrganization(t.dataSource, { name: 'Harbor House Youth Shelter' })).id;
    const task = (
      await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'Send the spring schedule', dueAt: '2026-12-07T15:00:00Z', organizationId: orgId })
        .expect(201)
    ).body as TaskBody;
    const moved = await request(t.http)
      .patch(`/api/v1/tasks/${task.id}`)
      .set(staff.auth)
      .send({ version: task.version, dueAt: '2026-12-10' })
      .expect(200);
    // Chicago is UTC−6 in December: the 10th ends at 06:00 UTC on the 11th.
    expect(moved.body.dueAt).toBe('2026-12-11T06:00:00.000Z');
    const timeline = await request(t.http).get(`/api/v1/organizations/${orgId}/timeline`).set(staff.auth).expect(200);
    expect(timeline.body.data.find((entry: { type: string }) => entry.type === 'task').summary).toBe(
      'Follow-up: Send the spring schedule (due 10 Dec 2026)',
    );
  });

  it('refuses impossible, half-written and huge due dates with a 400 naming dueAt, on POST and PATCH', async () => {
    const task = await createTask('Call back', '2026-12-07');
    for (const dueAt of [
      '2026-02-30',
      '2026-12-07T',
      '2026-12-07T17:00',
      '2026-12-07 17:00Z',
      '2026-13-01',
      '+2026-12-07',
      '2026-12-07'.repeat(10_000),
      'x'.repeat(1_000_000),
      '',
      null,
      ['2026-12-07'],
    ]) {
      const posted = await request(t.http).post('/api/v1/tasks').set(staff.auth).send({ title: 'Call back', dueAt });
      expect(posted.status).toBe(400);
      expect(posted.headers['content-type']).toMatch(/problem\+json/);
      expect(posted.body.errors.map((error: { field: string }) => error.field)).toEqual(['dueAt']);
      const patched = await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(staff.auth)
        .send({ version: task.version, dueAt });
      expect(patched.status).toBeGreaterThanOrEqual(400);
      expect(patched.status).toBeLessThan(500);
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM tasks`))[0].n).toBe(1);
  });
});
