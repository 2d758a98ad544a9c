import fc from 'fast-check';
import { Role } from '../../src/auth/role.enum';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { DashboardService } from '../../src/partnership/dashboard.service';
import { HealthFactsService } from '../../src/partnership/health-facts.service';
import { computeHealthScore } from '../../src/partnership/health-score';
import { HEALTH_REFRESH_BATCH, HealthScoreStore } from '../../src/partnership/health-score-store.service';
import { HealthSettingsService } from '../../src/partnership/health-settings.service';
import { persistOrganization } from '../factories/directory.factory';
import { persistProgram } from '../factories/program.factory';
import { persistUser } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ORGS = 5;
const PROGRAMS = 2;

/** One write to the facts the score reads, or time moving on; indexes pick among the history's rows. */
type Step =
  | { kind: 'visit'; org: number; hours: number }
  | { kind: 'note'; org: number; hours: number }
  | { kind: 'task'; org: number; hours: number }
  | { kind: 'complete-task'; pick: number }
  | { kind: 'feedback'; org: number | null; program: number; rating: number; hours: number }
  | { kind: 'session'; program: number; hours: number; attendance: number | null; cancelled: boolean }
  | { kind: 'edit-session'; pick: number; attendance: number | null; cancelled: boolean }
  | { kind: 'program-status'; program: number; status: 'running' | 'paused' | 'completed' }
  | { kind: 'partner'; program: number; org: number; join: boolean }
  | { kind: 'stage'; org: number; stage: OrganizationStage }
  | { kind: 'fit'; org: number; fit: number }
  | { kind: 'weights'; recency: number }
  | { kind: 'time'; hours: number };

const org = fc.integer({ min: 0, max: ORGS - 1 });
const program = fc.integer({ min: 0, max: PROGRAMS - 1 });
/** Hours relative to the history's now: mostly past, sometimes a little ahead (planned, due later). */
const hours = fc.integer({ min: -200 * 24, max: 10 * 24 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('visit' as const), org, hours }),
  fc.record({ kind: fc.constant('note' as const), org, hours: fc.integer({ min: -120 * 24, max: 2 * 24 }) }),
  fc.record({ kind: fc.constant('task' as const), org, hours: fc.integer({ min: -30 * 24, max: 5 * 24 }) }),
  fc.record({ kind: fc.constant('complete-task' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('feedback' as const),
    org: fc.option(org),
    program,
    rating: fc.integer({ min: 1, max: 5 }),
    hours: fc.integer({ min: -200 * 24, max: 0 }),
  }),
  fc.record({
    kind: fc.constant('session' as const),
    program,
    hours: fc.integer({ min: -120 * 24, max: 5 * 24 }),
    attendance: fc.option(fc.integer({ min: 0, max: 30 })),
    cancelled: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('edit-session' as const),
    pick: fc.nat(),
    attendance: fc.option(fc.integer({ min: 0, max: 30 })),
    cancelled: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('program-status' as const),
    program,
    status: fc.constantFrom('running' as const, 'paused' as const, 'completed' as const),
  }),
  fc.record({ kind: fc.constant('partner' as const), program, org, join: fc.boolean() }),
  fc.record({
    kind: fc.constant('stage' as const),
    org,
    stage: fc.constantFrom(...Object.values(OrganizationStage)),
  }),
  fc.record({ kind: fc.constant('fit' as const), org, fit: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('weights' as const), recency: fc.integer({ min: 0, max: 35 }) }),
  // Time moves on (hours to weeks), now and then back (a clock set back).
  fc.record({
    kind: fc.constant('time' as const),
    hours: fc.oneof(fc.integer({ min: -6, max: 30 }), fc.integer({ min: -30, max: 24 * 40 })),
  }),
);

/**
 * The stored scores (health_scores, kept by HealthScoreStore from the triggers' change log and
 * the rows' valid_until) always equal the score computed from scratch (the facts, computeHealthScore) at the
 * time they are read, whatever the history: random writes through plain SQL (the triggers must
 * see every write path, not only the API's), time moving on and back.
 */
describe('stored health scores (e2e, property)', () => {
  let t: TestApp;
  let store: HealthScoreStore;
  let dashboard: DashboardService;
  let settings: HealthSettingsService;

  beforeAll(async () => {
    t = await createTestApp();
    await truncateAll(t.dataSource);
    store = t.app.get(HealthScoreStore);
    dashboard = t.app.get(DashboardService);
    settings = t.app.get(HealthSettingsService);
  });
  afterAll(async () => t.close());

  /**
   * Stored rows, and the digest's portfolio read from them, vs the score computed from scratch at
   * `now`, for every organization not ended.
   */
  async function expectStoredEqualsFromScratch(now: Date): Promise<void> {
    await store.refresh(now);
    const [stored, portfolio, facts, { settings: health }, organizations] = await Promise.all([
      t.dataSource.query<{ id: string; score: number | null; band: string; drivers: string[] }[]>(
        `SELECT h.organization_id AS id, h.score, h.band, h.drivers
         FROM health_scores h JOIN organizations o ON o.id = h.organization_id WHERE o.stage <> 'ended'`,
      ),
      dashboard.portfolio(now),
      t.app.get(HealthFactsService).factsFor('all', now),
      settings.current(),
      t.dataSource.query<{ id: string }[]>(`SELECT id FROM organizations WHERE stage <> 'ended'`),
    ]);
    const fresh = organizations.map(({ id }) => {
      const { score, band, drivers } = computeHealthScore(facts.get(id)!, health, now);
      return { id, score, band, drivers };
    });
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(stored)).toEqual(byId(fresh));
    expect(
      byId(portfolio.data.map(({ organizationId: id, score, band, drivers }) => ({ id, score, band, drivers }))),
    ).toEqual(byId(fresh));
  }

  it('equals the from-scratch score after every step of random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
        await truncateAll(t.dataSource);
        await t.dataSource.query(`DELETE FROM health_changes`);
        await t.dataSource.query(`DELETE FROM settings WHERE key = 'health'`);
        const author = await persistUser(t.dataSource, { role: Role.Staff });
        let now = new Date(Date.now() + 400 * DAY_MS);
        const at = (offsetHours: number) => new Date(now.getTime() + offsetHours * HOUR_MS);
        const orgIds: string[] = [];
        for (let i = 0; i < ORGS; i++) {
          const created = await persistOrganization(t.dataSource, {
            name: `Partner ${i}`,
            stage: OrganizationStage.Active,
          });
          await t.dataSource.query(`UPDATE organizations SET created_at = $2 WHERE id = $1`, [
            created.id,
            at((-300 + i * 60) * 24 - i * 5),
          ]);
          orgIds.push(created.id);
        }
        const programIds: string[] = [];
        for (let i = 0; i < PROGRAMS; i++) {
          const created = await persistProgram(
            t.dataSource,
            { rrule: i === 0 ? 'FREQ=WEEKLY;BYDAY=WE' : 'FREQ=MONTHLY;BYMONTHDAY=3' },
            [{ organizationId: orgIds[i] }],
          );
          programIds.push(created.id);
        }
        await expectStoredEqualsFromScratch(now);

        for (const s of steps) {
          switch (s.kind) {
            case 'visit':
              await t.dataSource.query(
                `INSERT INTO visits (organization_id, visited_at, purpose) VALUES ($1, $2, 'relationship')`,
                [orgIds[s.org], at(s.hours)],
              );
              break;
            case 'note':
              await t.dataSource.query(
                `INSERT INTO notes (organization_id, body, author_id, created_at) VALUES ($1, 'Called them', $2, $3)`,
                [orgIds[s.org], author.id, at(s.hours)],
              );
              break;
            case 'task':
              await t.dataSource.query(
                `INSERT INTO tasks (title, due_at, assignee_id, organization_id) VALUES ('Follow up', $1, $2, $3)`,
                [at(s.hours), author.id, orgIds[s.org]],
              );
              break;
            case 'complete-task':
              await t.dataSource.query(
                `UPDATE tasks SET status = 'done' WHERE id = (SELECT id FROM tasks WHERE status = 'open' ORDER BY id OFFSET $1 % GREATEST(1, (SELECT count(*) FROM tasks WHERE status = 'open')) LIMIT 1)`,
                [s.pick],
              );
              break;
            case 'feedback':
              await t.dataSource.query(
                `INSERT INTO feedback (source, rating, organization_id, program_id, created_at) VALUES ('partner', $1, $2, $3, $4)`,
                [s.rating, s.org === null ? null : orgIds[s.org], programIds[s.program], at(s.hours)],
              );
              break;
            case 'session': {
              const starts = at(s.hours);
              await t.dataSource.query(
                `INSERT INTO program_sessions (program_id, starts_at, ends_at, local_date, cancelled, attendance)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
                [
                  programIds[s.program],
                  starts,
                  new Date(starts.getTime() + HOUR_MS),
                  starts.toISOString().slice(0, 10),
                  s.cancelled,
                  s.cancelled ? null : s.attendance,
                ],
              );
              break;
            }
            case 'edit-session':
              await t.dataSource.query(
                `UPDATE program_sessions SET cancelled = $2, attendance = $3
                 WHERE id = (SELECT id FROM program_sessions ORDER BY id OFFSET $1 % GREATEST(1, (SELECT count(*) FROM program_sessions)) LIMIT 1)`,
                [s.pick, s.cancelled, s.cancelled ? null : s.attendance],
              );
              break;
            case 'program-status':
              await t.dataSource.query(`UPDATE programs SET status = $2 WHERE id = $1`, [
                programIds[s.program],
                s.status,
              ]);
              break;
            case 'partner':
              await t.dataSource.query(
                s.join
                  ? `INSERT INTO program_partners (program_id, organization_id, role) VALUES ($1, $2, 'host') ON CONFLICT DO NOTHING`
                  : `DELETE FROM program_partners WHERE program_id = $1 AND organization_id = $2`,
                [programIds[s.program], orgIds[s.org]],
              );
              break;
            case 'stage':
              await t.dataSource.query(`UPDATE organizations SET stage = $2 WHERE id = $1`, [orgIds[s.org], s.stage]);
              break;
            case 'fit':
              await t.dataSource.query(
                `UPDATE organizations SET fit_audience_reach = $2, fit_mission_overlap = $2, fit_complementary_resources = $2 WHERE id = $1`,
                [orgIds[s.org], s.fit],
              );
              break;
            case 'weights': {
              // The seven add up to 100: check-in takes what recency leaves.
              const weights = {
                recency: s.recency,
                sessions: 15,
                feedback: 15,
                attendance: 15,
                followUps: 10,
                fit: 10,
                checkIn: 35 - s.recency,
              };
              await t.dataSource.query(
                `INSERT INTO settings (key, value, version) VALUES ('health', $1, 1)
                 ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = settings.version + 1`,
                [{ weights, bands: { thriving: 75, steady: 50, atRisk: 25 } }],
              );
              break;
            }
            case 'time':
              now = new Date(now.getTime() + s.hours * HOUR_MS);
              break;
          }
          await expectStoredEqualsFromScratch(now);
        }
      }),
      { numRuns: 8, seed: 20261207, endOnFailure: true },
    );
  });

  it('two refreshes at once with writes in between leave no row behind', async () => {
    await truncateAll(t.dataSource);
    const now = new Date();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await persistOrganization(t.dataSource, { name: `Busy ${i}` })).id);
    const writes = ids.map((id, i) =>
      t.dataSource.query(`INSERT INTO visits (organization_id, visited_at, purpose) VALUES ($1, $2, 'relationship')`, [
        id,
        new Date(now.getTime() - (i + 1) * DAY_MS),
      ]),
    );
    await Promise.all([
      store.refresh(now),
      ...writes.slice(0, 10),
      store.refresh(now),
      ...writes.slice(10),
      store.refresh(now),
    ]);
    await expectStoredEqualsFromScratch(now);
    const [{ left }] = await t.dataSource.query<{ left: number }[]>(`SELECT count(*)::int AS left FROM health_changes`);
    expect(left).toBe(0);
    const scored = await t.dataSource.query<{ band: string }[]>(`SELECT band FROM health_scores`);
    expect(scored).toHaveLength(20);
    expect(scored.every((row) => row.band !== 'unscored')).toBe(true);
  });

  it('rescores more organizations than a batch holds, each once, as from scratch', async () => {
    await truncateAll(t.dataSource);
    await t.dataSource.query(`DELETE FROM health_changes`);
    const now = new Date();
    const count = 2 * HEALTH_REFRESH_BATCH + 37;
    // Every third visited (a day further back each), every fifth with a follow-up overdue.
    await t.dataSource.query(
      `WITH made AS (
         INSERT INTO organizations (name, stage, fit_audience_reach)
         SELECT 'Partner ' || g, 'active', g % 6 FROM generate_series(1, $1::int) AS g RETURNING id, name
       ), numbered AS (SELECT id, substring(name FROM 9)::int AS g FROM made),
       visited AS (
         INSERT INTO visits (organization_id, visited_at, purpose)
         SELECT id, $2::timestamptz - make_interval(days => g % 120), 'relationship' FROM numbered WHERE g % 3 = 0
       )
       INSERT INTO tasks (title, due_at, assignee_id, organization_id)
       SELECT 'Follow up', $2::timestamptz - make_interval(days => 1 + g % 20), $3, id FROM numbered WHERE g % 5 = 0`,
      [count, now, (await persistUser(t.dataSource, { role: Role.Staff })).id],
    );
    const { refreshed } = await store.refresh(now);
    expect(refreshed).toBe(count);
    const [{ rows, organizations }] = await t.dataSource.query<{ rows: number; organizations: number }[]>(
      `SELECT count(*)::int AS rows, count(DISTINCT organization_id)::int AS organizations FROM health_scores`,
    );
    expect({ rows, organizations }).toEqual({ rows: count, organizations: count });
    await expectStoredEqualsFromScratch(now);
  });
});
