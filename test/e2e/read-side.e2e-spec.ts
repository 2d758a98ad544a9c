import type { EntityManager } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { escapeLike } from '../../src/common/query';
import { contactSearchCondition } from '../../src/contact/contact.mapper';
import { Note } from '../../src/organization/note.entity';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { ORGANIZATION_SEARCH_EXPRESSION } from '../../src/organization/organization.service';
import { ProgramStatus } from '../../src/program/program.entity';
import { checkInCandidateRows } from '../../src/read-side/check-in-round.query';
import { closureSessionRows } from '../../src/read-side/closure-sessions.query';
import {
  audienceCoverageRows,
  DashboardAsk,
  dashboardRow,
  organizationStageRows,
} from '../../src/read-side/dashboard.query';
import { HealthScoreStore } from '../../src/partnership/health-score-store.service';
import {
  attendanceFactRows,
  feedbackFactRows,
  organizationFactRows,
  runningProgramRows,
  sessionFactRows,
} from '../../src/read-side/health-facts.query';
import { MatchDirectory, matchDirectory, matchingVersion } from '../../src/read-side/matching.query';
import {
  contactSearchRows,
  organizationSearchRows,
  programSearchRows,
  SearchInput,
} from '../../src/read-side/search.query';
import {
  organizationTimelineCount,
  organizationTimelineRows,
  TIMELINE_TYPES,
} from '../../src/read-side/timeline.query';
import { activePartnerCountRows, goalScopeNameRows } from '../../src/read-side/goal.query';
import {
  persistAudience,
  persistCapability,
  persistContact,
  persistOrganization,
} from '../factories/directory.factory';
import { persistFeedback } from '../factories/feedback.factory';
import { persistClosure, persistProgram, persistSession } from '../factories/program.factory';
import { persistTask } from '../factories/task.factory';
import { persistUser } from '../factories/user.factory';
import { persistVisit } from '../factories/visit.factory';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY_MS = 86_400_000;

/**
 * Every query of the read side on a migrated database, inside a READ ONLY transaction (so a
 * write would fail): each runs, and its rows have the declared columns with the values seeded.
 */
describe('read side (e2e)', () => {
  let t: TestApp;
  // A minute ahead, so rows stamped by the database while seeding are in the past.
  const now = new Date(Date.now() + 60_000);
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const ahead = (days: number) => new Date(now.getTime() + days * DAY_MS);
  let seed: {
    audience: string;
    capability: string;
    alder: string;
    birch: string;
    ended: string;
    program: string;
    held: string;
    upcoming: string;
    closure: string;
    closed: string;
    task: string;
  };

  const readOnly = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
    t.dataSource.transaction(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await persistUser(t.dataSource);
    const audience = (await persistAudience(t.dataSource, { priority: 1 })).id;
    const capability = (await persistCapability(t.dataSource)).id;
    const alder = (
      await persistOrganization(t.dataSource, {
        stage: OrganizationStage.Active,
        ownerId: owner.id,
        audienceIds: [audience],
        capabilityIds: [capability],
      })
    ).id;
    const birch = (
      await persistOrganization(t.dataSource, { stage: OrganizationStage.Active, seeksCapabilityIds: [capability] })
    ).id;
    const ended = (await persistOrganization(t.dataSource, { stage: OrganizationStage.Ended })).id;
    const program = (
      await persistProgram(t.dataSource, { status: ProgramStatus.Running }, [
        { organizationId: alder },
        { organizationId: birch },
      ])
    ).id;
    const held = (await persistSession(t.dataSource, program, { startsAt: ago(3), attendance: 12 })).id;
    const upcoming = (await persistSession(t.dataSource, program, { startsAt: ahead(2) })).id;
    const closureDate = ahead(5).toISOString().slice(0, 10);
    const closure = (await persistClosure(t.dataSource, { date: closureDate, name: 'Staff day' })).id;
    const closed = (await persistSession(t.dataSource, program, { startsAt: ahead(5), closureId: closure })).id;
    await persistVisit(t.dataSource, alder, { visitedAt: ago(1) });
    const task = (
      await persistTask(t.dataSource, owner.id, { organizationId: alder, dueAt: ago(2), title: 'Call back' })
    ).id;
    await persistFeedback(t.dataSource, { organizationId: alder, rating: 5 });
    await t.dataSource
      .getRepository(Note)
      .save({ organizationId: alder, body: 'Met the director.', authorId: owner.id });
    seed = { audience, capability, alder, birch, ended, program, held, upcoming, closure, closed, task };
  });

  afterAll(() => t?.close());

  it('health facts: five statements over organizations, visits, notes, tasks, check-ins, programs, sessions, feedback', async () => {
    const ids = [seed.alder, seed.birch];
    const [organizations, programs, sessions, attendance, feedback] = await readOnly((db) =>
      Promise.all([
        organizationFactRows(db, ids, now),
        runningProgramRows(db, ids),
        sessionFactRows(db, ids, now, 90),
        attendanceFactRows(db, null, now, 16),
        feedbackFactRows(db, ids, now, 90),
      ]),
    );
    const alder = organizations.find((row) => row.id === seed.alder)!;
    expect(organizations).toHaveLength(2);
    expect(alder).toMatchObject({ overdue: 1, check_in_at: null, check_in_areas: null });
    expect(alder.last_visit).toBeInstanceOf(Date);
    expect(alder.last_note).toBeInstanceOf(Date);
    expect(programs.map((row) => row.organization_id).sort()).toEqual(ids.sort());
    expect(sessions.find((row) => row.organization_id === seed.alder)).toMatchObject({
      held: 1,
      cancelled_by_staff: 0,
      cancelled_by_closure: 0,
    });
    expect(attendance.find((row) => row.organization_id === seed.birch)?.attendance).toEqual([12]);
    expect(feedback).toEqual([
      expect.objectContaining({ organization_id: seed.alder, recent_count: 1, recent_sum: 5, earlier_count: 0 }),
    ]);
  });

  it('dashboard: organizations with their stored health, audience coverage, and a look in one statement', async () => {
    const ask: DashboardAsk = {
      filter: { bands: null, stages: null, ownerId: null },
      limit: 50,
      offset: 0,
      now,
      snapshotDays: 35,
      upcomingDays: 14,
      listLimit: 20,
    };
    const [organizations, coverage, before] = await readOnly((db) =>
      Promise.all([organizationStageRows(db), audienceCoverageRows(db), dashboardRow(db, ask)]),
    );
    expect(organizations.find((row) => row.id === seed.ended)).toMatchObject({ stage: 'ended', band: null });
    expect(coverage).toEqual([expect.objectContaining({ id: seed.audience, priority: 1, active_partners: 1 })]);
    expect(before.coverage).toEqual(coverage);
    // The writes above are in the store's change log, and nothing is scored yet.
    expect(before).toMatchObject({ stale: true, page: [] });
    // The session on the closure day is left out; times as epoch milliseconds.
    expect(before.upcoming).toEqual([
      {
        id: seed.upcoming,
        program_id: seed.program,
        program_name: expect.any(String),
        starts_at: ahead(2).getTime(),
        total: 1,
      },
    ]);
    expect(before.overdue).toEqual([
      expect.objectContaining({ id: seed.task, title: 'Call back', organization_id: seed.alder, total: 1 }),
    ]);

    await t.app.get(HealthScoreStore).refresh(now);
    const after = await readOnly((db) => dashboardRow(db, ask));
    expect(after).toMatchObject({ stale: false, owned: null });
    // The two not ended, each with its (empty) snapshots, all three counted.
    expect(after.page.map((row) => row.id).sort()).toEqual([seed.alder, seed.birch].sort());
    expect(after.page[0].snapshots).toEqual([]);
    expect(after.counts.reduce((sum, row) => sum + row.count, 0)).toBe(3);
    expect(after.counts.find((row) => row.stage === 'ended')).toMatchObject({ count: 1 });
    // With an owner in the filter, the matches are counted too: Alder is the seeded owner's.
    const owner = organizations.find((row) => row.id === seed.alder)!.owner_id;
    const mine = await readOnly((db) => dashboardRow(db, { ...ask, filter: { ...ask.filter, ownerId: owner } }));
    expect({ ids: mine.page.map((row) => row.id), owned: mine.owned }).toEqual({ ids: [seed.alder], owned: 1 });
  });

  it('matching: the directory as one JSON text (organizations not ended, the vocabularies, the pairs left out) and its version', async () => {
    const [{ version, directory }, current] = await readOnly(
      async (db) => [await matchDirectory(db), await matchingVersion(db)] as const,
    );
    expect(version).toBe(current);
    expect(version).toBeGreaterThan(0);
    const parsed = JSON.parse(directory) as MatchDirectory;
    expect(parsed.organizations.map(([id]) => id).sort()).toEqual([seed.alder, seed.birch].sort());
    expect(parsed.organizations.find(([id]) => id === seed.alder)).toEqual([
      seed.alder,
      expect.any(String),
      'active',
      expect.any(Number),
      [seed.audience],
      [seed.capability],
      [],
    ]);
    expect(parsed.audiences).toEqual([[seed.audience, expect.any(String), 1, 300]]);
    expect(parsed.capabilities.map(([id]) => id)).toEqual([seed.capability]);
    // Partners in a running program, both ways; nothing decided.
    expect(parsed.partnered).toHaveLength(2);
    expect(parsed.decided).toEqual([]);
  });

  it('the timeline: every kind of event in one statement, newest first', async () => {
    const rows = await readOnly((db) => organizationTimelineRows(db, seed.alder, 25, 0, 'UTC', null));
    expect(new Set(rows.map((row) => row.type))).toEqual(
      new Set(['visit', 'session', 'feedback', 'note', 'task'] satisfies (typeof TIMELINE_TYPES)[number][]),
    );
    expect(await readOnly((db) => organizationTimelineCount(db, seed.alder, 'UTC'))).toBe(rows.length);
    // After the third, the rest.
    const after = await readOnly((db) =>
      organizationTimelineRows(db, seed.alder, 25, 0, 'UTC', { at: rows[2].at_text, refId: rows[2].ref_id }),
    );
    expect(after.map((row) => row.ref_id)).toEqual(rows.slice(3).map((row) => row.ref_id));
    const times = rows.map((row) => new Date(row.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("closures' sessions: what each closure cancels, with the program", async () => {
    const rows = await readOnly((db) => closureSessionRows(db, [seed.closure]));
    expect(rows).toEqual([
      expect.objectContaining({ id: seed.closed, closureId: seed.closure, programId: seed.program }),
    ]);
    expect(rows[0].startsAt).toBeInstanceOf(Date);
  });
  it("check-in rounds' candidates: the active organizations, since when they are active, their last check-in", async () => {
    const rows = await readOnly((db) => checkInCandidateRows(db, { now, intervalMonths: 6 }));
    expect(rows.map((row) => row.id).sort()).toEqual([seed.alder, seed.birch].sort());
    // No stage history in this seed: active since they were added.
    expect(rows[0]).toEqual(
      expect.objectContaining({ activeSince: expect.any(Date), openCheckInId: null, recent: false }),
    );
    const one = await readOnly((db) =>
      checkInCandidateRows(db, { now, intervalMonths: 6, organizationIds: [seed.birch, seed.ended] }),
    );
    expect(one.map((row) => row.id)).toEqual([seed.birch]);
  });

  it('search: partners, contacts with their organization, programs; a viewer cannot find by email', async () => {
    const contact = await persistContact(t.dataSource, seed.alder, {
      name: 'Rowan Ashby',
      email: 'rowan@alder.example.org',
    });
    const [{ name: alderName }] = await t.dataSource.query('SELECT name FROM organizations WHERE id = $1', [
      seed.alder,
    ]);
    const [{ name: programName }] = await t.dataSource.query('SELECT name FROM programs WHERE id = $1', [seed.program]);
    const input = (term: string, role = Role.Staff): SearchInput => ({
      term,
      pattern: escapeLike(term),
      organizationText: ORGANIZATION_SEARCH_EXPRESSION,
      contactCondition: contactSearchCondition('c', { role }, 'pattern'),
      limit: 5,
    });
    const [organizations, contacts, byEmail, hidden, programs] = await readOnly((db) =>
      Promise.all([
        organizationSearchRows(db, input(alderName)),
        contactSearchRows(db, input('rowan')),
        contactSearchRows(db, input('rowan@alder')),
        contactSearchRows(db, input('rowan@alder', Role.Viewer)),
        programSearchRows(db, input(programName)),
      ]),
    );
    expect(organizations).toEqual([{ id: seed.alder, name: alderName, stage: 'active', type: 'Nonprofit' }]);
    const row = {
      id: contact.id,
      version: 1,
      organizationId: seed.alder,
      organizationName: alderName,
      name: 'Rowan Ashby',
      title: 'Program coordinator',
      email: 'rowan@alder.example.org',
      phone: contact.phone,
      preferredChannel: 'email',
      language: 'en',
      isPrimary: false,
      notes: null,
    };
    expect(contacts).toEqual([row]);
    expect(byEmail).toEqual([row]);
    expect(hidden).toEqual([]);
    expect(programs).toEqual([{ id: seed.program, name: programName, status: 'running' }]);
  });
  it("goals: the scopes' names, and active partners per scope now and at a past instant", async () => {
    const [names, counts] = await readOnly((db) =>
      Promise.all([
        goalScopeNameRows(db, {
          audienceIds: [seed.audience],
          programIds: [seed.program],
          organizationIds: [seed.ended],
        }),
        activePartnerCountRows(db, [
          { key: 'library', audienceId: null, programId: null, organizationId: null, at: null },
          { key: 'audience', audienceId: seed.audience, programId: null, organizationId: null, at: null },
          { key: 'program', audienceId: null, programId: seed.program, organizationId: null, at: null },
          { key: 'ended', audienceId: null, programId: null, organizationId: seed.ended, at: null },
          // Before any organization was added (none has stage history here): none counts.
          { key: 'before', audienceId: null, programId: null, organizationId: null, at: ago(365) },
        ]),
      ]),
    );
    expect(names.map((row) => row.kind).sort()).toEqual(['audience', 'organization', 'program']);
    expect(names.find((row) => row.kind === 'organization')?.id).toBe(seed.ended);
    expect(Object.fromEntries(counts.map((row) => [row.key, row.count]))).toEqual({
      library: 2,
      audience: 1,
      program: 2,
      ended: 0,
      before: 0,
    });
  });
});
