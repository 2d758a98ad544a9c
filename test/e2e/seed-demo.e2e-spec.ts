import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { Closure } from '../../src/closure/closure.entity';
import { Contact } from '../../src/contact/contact.entity';
import {
  CASA,
  COLLEGE_COACHING,
  COLLEGE_PREP,
  currentStage,
  DEMO_ADMIN,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  DIGITAL_LITERACY,
  ELL,
  FOOD_BANK,
  HOMELESS_YOUTH,
  INTERNSHIP_AGENCY,
  LINCOLN_HIGH,
  LOW_INCOME_TEENS,
  PAID_INTERNSHIPS,
  ROSA,
  SHELTER,
} from '../../src/demo/demo-data';
import {
  CODING_CLUB,
  DEMO_FEEDBACK,
  DEMO_PROGRAMS,
  DEMO_REMINDERS,
  DEMO_TASKS,
  DEMO_TIMEZONE,
  DEMO_VISITS,
  DROP_IN,
  FAFSA_NIGHT,
  TAREAS,
  TECH_WORKSHOP,
  TRAINING_DAY,
} from '../../src/demo/demo-outreach';
import { CHECK_IN_STATEMENTS } from '../../src/check-in/check-in-survey';
import { DEMO_GOALS } from '../../src/demo/seed-goals';
import { checkInToken } from '../../src/check-in/check-in-token';
import { SEED_KINDS, SeedKind, SeedResult, seedDemo, summaryLine } from '../../src/demo/seed-demo';
import { Feedback, FeedbackSource } from '../../src/feedback/feedback.entity';
import { OrganizationStage, STAGES } from '../../src/organization/organization-stage';
import { Organization } from '../../src/organization/organization.entity';
import { ProgramSession } from '../../src/program/program-session.entity';
import { Program, ProgramStatus } from '../../src/program/program.entity';
import { ProgramService } from '../../src/program/program.service';
import { Task, TaskStatus } from '../../src/task/task.entity';
import { Invitation } from '../../src/user/invitation.entity';
import { User } from '../../src/user/user.entity';
import { Audience } from '../../src/vocabulary/audience.entity';
import { Capability } from '../../src/vocabulary/capability.entity';
import { Visit, VisitPurpose } from '../../src/visit/visit.entity';
import { persistUser, signedInAs } from '../factories/user.factory';
import { TEST_AUTH_SECRET } from '../setup/test-env';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

describe('seedDemo (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** Rows in every table of the schema (audit_events included). */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { tableName } of t.dataSource.entityMetadatas) {
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM "${tableName}"`);
      counts[tableName] = count;
    }
    return counts;
  }

  async function organization(name: string): Promise<Organization> {
    return t.dataSource.getRepository(Organization).findOneByOrFail({ name });
  }

  async function program(name: string): Promise<Program> {
    return t.dataSource.getRepository(Program).findOneByOrFail({ name });
  }

  /** A program's sessions, in start order. */
  async function sessionsOf(name: string): Promise<ProgramSession[]> {
    const { id } = await program(name);
    return t.dataSource.getRepository(ProgramSession).find({ where: { programId: id }, order: { startsAt: 'ASC' } });
  }

  /** The recorded head counts of a program's sessions, in order. */
  async function attendanceOf(name: string): Promise<number[]> {
    return (await sessionsOf(name)).flatMap((s) => (s.attendance === null ? [] : [s.attendance]));
  }

  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

  /** Hours and minutes of an instant where the library is. */
  const localTime = (at: Date) =>
    at.toLocaleTimeString('en-GB', { timeZone: DEMO_TIMEZONE, hour: '2-digit', minute: '2-digit' });
  const localDate = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: DEMO_TIMEZONE });

  /** Which users made the audited changes: the given admin, and no one (anonymous public feedback). */
  async function auditActors(): Promise<{ actor: string | null; entity: string; action: string }[]> {
    return t.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .select(['a.actor_id AS actor', 'a.entity_type AS entity', 'a.action AS action'])
      .distinct(true)
      .getRawMany();
  }

  async function namesOf(entity: typeof Audience | typeof Capability, ids: string[]): Promise<string[]> {
    const terms = await t.dataSource.getRepository(entity).findBy(ids.map((id) => ({ id })));
    return terms.map((term) => term.name);
  }

  describe('on a Tandem with no admin yet', () => {
    const lines: string[] = [];
    let first: SeedResult;
    let second: SeedResult;
    let afterFirst: Record<string, number>;
    let afterSecond: Record<string, number>;

    beforeAll(async () => {
      await truncateAll(t.dataSource);
      first = await seedDemo(t.app, (line) => lines.push(line));
      afterFirst = await rowCounts();
      second = await seedDemo(t.app, () => {});
      afterSecond = await rowCounts();
    });

    it('creates the youth shelter, the internship agency and the college-prep nonprofit with their audiences and capabilities', async () => {
      const shelter = await organization(SHELTER);
      expect(shelter).toMatchObject({ type: 'Youth shelter', stage: OrganizationStage.Active });
      expect(await namesOf(Audience, shelter.audienceIds)).toContain(HOMELESS_YOUTH);
      expect(await namesOf(Capability, shelter.seeksCapabilityIds)).toContain(COLLEGE_COACHING);

      const agency = await organization(INTERNSHIP_AGENCY);
      expect(agency).toMatchObject({ type: 'Government agency', stage: OrganizationStage.Active });
      expect(await namesOf(Audience, agency.audienceIds)).toContain(LOW_INCOME_TEENS);
      expect(await namesOf(Capability, agency.capabilityIds)).toContain(PAID_INTERNSHIPS);
      expect(await namesOf(Capability, agency.seeksCapabilityIds)).toContain(DIGITAL_LITERACY);

      const collegePrep = await organization(COLLEGE_PREP);
      expect(await namesOf(Audience, collegePrep.audienceIds)).toEqual(expect.arrayContaining([LOW_INCOME_TEENS, ELL]));
      expect(await namesOf(Capability, collegePrep.capabilityIds)).toContain(COLLEGE_COACHING);
      expect(collegePrep.fitComplementaryResources).toBe(5);
    });

    it('has organizations in every stage, each owned by one of the demo staff', async () => {
      const orgs = await t.dataSource.getRepository(Organization).find();
      expect(orgs).toHaveLength(DEMO_ORGANIZATIONS.length);
      expect(new Set(orgs.map((org) => org.stage))).toEqual(new Set(STAGES));
      const staff = await t.dataSource.getRepository(User).findBy(DEMO_USERS.map(({ email }) => ({ email })));
      expect(staff).toHaveLength(DEMO_USERS.length);
      const staffIds = new Set(staff.map((user) => user.id));
      expect(orgs.filter((org) => !staffIds.has(org.ownerId ?? ''))).toEqual([]);
    });

    it('adds the contacts, one primary per organization', async () => {
      const contacts = await t.dataSource.getRepository(Contact).find();
      expect(contacts).toHaveLength(DEMO_ORGANIZATIONS.reduce((sum, org) => sum + org.contacts.length, 0));
      const primaries = contacts.filter((contact) => contact.isPrimary).map((contact) => contact.organizationId);
      expect(new Set(primaries).size).toBe(DEMO_ORGANIZATIONS.length);
      expect(primaries).toHaveLength(DEMO_ORGANIZATIONS.length);
      // A Spanish speaker at the family center for English-language learners; everyone else in the library's default.
      expect(contacts.filter((contact) => contact.language === 'es').map((contact) => contact.name)).toEqual([
        'María Fernández',
      ]);
      expect(contacts.filter((contact) => contact.language !== 'es').every((c) => c.language === 'en')).toBe(true);
    });

    it('puts the stage history, with reasons, on the organization timeline', async () => {
      const viewer = await signedInAs(t, Role.Viewer);
      const shelter = await organization(SHELTER);
      // Dated as the demo tells it (160, 190 and 210 days before the seed ran): behind a season of events.
      const response = await request(t.http)
        .get(`/api/v1/organizations/${shelter.id}/timeline?limit=100`)
        .set(viewer.auth)
        .expect(200);
      const stageChanges = (response.body.data as { type: string; summary: string; at: string }[]).filter(
        (entry) => entry.type === 'stage-change',
      );
      expect(stageChanges.map((entry) => entry.summary)).toEqual([
        expect.stringMatching(/^Stage: exploring → active — Weekly Wednesday drop-ins/),
        expect.stringMatching(/^Stage: prospect → exploring — /),
        'Added as prospect',
      ]);
      expect(stageChanges.map((entry) => Math.round((Date.now() - new Date(entry.at).getTime()) / 86_400_000))).toEqual(
        [160, 190, 210],
      );
      expect(response.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'note', summary: expect.stringContaining('handed out 25 invitations') }),
        ]),
      );
    });

    it('acts as a demo admin without a password, audited as such', async () => {
      const admin = await t.dataSource.getRepository(User).findOneByOrFail({ email: DEMO_ADMIN.email });
      expect(admin).toMatchObject({ role: Role.Admin, active: true, passwordHash: null });
      const actors = await auditActors();
      expect(new Set(actors.map((a) => a.actor))).toEqual(new Set([admin.id, null]));
      // The only anonymous changes are the young people's feedback through the public link, and the check-in answered through
      // its emailed links with what its closing made (the concern's task, the note about it).
      const anonymous = actors.filter((a) => a.actor === null).map((a) => `${a.entity} ${a.action}`);
      expect(anonymous.sort()).toEqual([
        'check-in update',
        'check-in-response update',
        'feedback create',
        'note create',
        'task create',
      ]);
    });

    it('prints a one-time token with which the demo admin chooses a password and signs in', async () => {
      const token = /"token":"([A-Za-z0-9_-]+)"/.exec(lines.join('\n'))?.[1];
      expect(token).toBeDefined();
      const response = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'our demo partnerships' })
        .expect(200);
      expect(response.body.accessToken).toEqual(expect.any(String));
      await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: DEMO_ADMIN.email, password: 'our demo partnerships' })
        .expect(200);
    });

    it('reports its progress per kind of record', () => {
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Staff: 4 created, 0 already there$/),
          expect.stringMatching(/^Audiences: \d+ created, 0 already there$/),
          expect.stringMatching(/^Capabilities: \d+ created, 0 already there$/),
          expect.stringMatching(
            /^Organizations: 15 created, 0 already there \(with \d+ stage changes and \d+ notes on their timelines\)$/,
          ),
          expect.stringMatching(/^Contacts: \d+ created, 0 already there$/),
          expect.stringMatching(
            /^Programs: 5 created, 0 already there \(with \d+ sessions: attendance recorded for \d+, 2 cancelled by staff\)$/,
          ),
          expect.stringMatching(/^Closures: [23] created, 0 already there$/),
          `Visits: ${DEMO_VISITS.length} created, 0 already there`,
          'Feedback links: 3 created, 0 already there',
          `Feedback: ${DEMO_FEEDBACK.length} created, 0 already there`,
          `Tasks: ${DEMO_TASKS.length} created, 0 already there`,
          `Reminders: ${DEMO_REMINDERS.length} created, 0 already there`,
          'Check-ins: 1 created, 0 already there (answered by both sides; 1 concern made a follow-up task)',
        ]),
      );
    });

    it('names a library that was never set up after the demo, in the zone its programs run in', async () => {
      expect(lines).toContain(
        'Library: named Riverside Public Library, time zone America/Los_Angeles (it was not set up yet)',
      );
      const [{ value }] = await t.dataSource.query<{ value: { name: string; timezone: string } }[]>(
        `SELECT value FROM settings WHERE key = 'library'`,
      );
      expect(value).toMatchObject({ name: 'Riverside Public Library', timezone: 'America/Los_Angeles' });
    });

    it('sums up in one line what it created, per kind', () => {
      const line = summaryLine(first, 'http://tandem.test');
      expect(line).toMatch(
        new RegExp(
          `^Demo data loaded: ${first.created} records created: 1 admin, 4 staff, .*; 0 already there \\(Tandem at http://tandem.test\\)$`,
        ),
      );
      for (const text of [
        '15 organizations',
        '5 programs',
        'closures',
        `${DEMO_VISITS.length} visits`,
        '3 feedback links',
        `${DEMO_FEEDBACK.length} feedback`,
        `${DEMO_TASKS.length} tasks`,
        `${DEMO_REMINDERS.length} reminders`,
        '1 check-in',
        `${DEMO_GOALS.length} goals`,
      ]) {
        expect(line).toContain(text);
      }
      expect(summaryLine(second, 'http://tandem.test')).toMatch(
        new RegExp(
          `^Demo data loaded: nothing new, ${first.created} records already there: 1 admin, 4 staff, .*${DEMO_TASKS.length} tasks, ${DEMO_REMINDERS.length} reminders, 1 check-in, ${DEMO_GOALS.length} goals \\(Tandem at http://tandem.test\\)$`,
        ),
      );
    });

    it('creates nothing and changes nothing when run a second time', () => {
      expect(first.created).toBeGreaterThan(0);
      expect(second.created).toBe(0);
      expect(second.unchanged).toBe(first.created);
      for (const kind of Object.keys(SEED_KINDS) as SeedKind[]) {
        expect({ kind, ...second.kinds[kind] }).toEqual({ kind, created: 0, unchanged: first.kinds[kind].created });
      }
      expect(afterSecond).toEqual(afterFirst);
      expect(afterFirst.audit_events).toBeGreaterThan(0);
    });

    it('runs five programs with the partners, one of them completed, one in Spanish, in the library’s time zone', async () => {
      const programs = await t.dataSource.getRepository(Program).find({ relations: { partners: true } });
      expect(programs.map((p) => p.name).sort()).toEqual(DEMO_PROGRAMS.map((p) => p.name).sort());
      expect(new Set(programs.map((p) => p.timezone))).toEqual(new Set([DEMO_TIMEZONE]));
      const dropIn = programs.find((p) => p.name === DROP_IN)!;
      expect(dropIn).toMatchObject({
        status: ProgramStatus.Running,
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        startTime: '15:30',
        durationMinutes: 90,
      });
      const shelter = await organization(SHELTER);
      expect(dropIn.partners!.map((p) => p.organizationId)).toEqual([shelter.id]);
      expect(programs.find((p) => p.name === FAFSA_NIGHT)!.rrule).toMatch(/^FREQ=MONTHLY;.*BYSETPOS=2/);
      const tareas = programs.find((p) => p.name === TAREAS)!;
      expect(tareas).toMatchObject({ language: 'es', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' });
      expect(tareas.partners!.map((p) => p.organizationId)).toEqual([(await organization(CASA)).id]);
      expect(programs.filter((p) => p.name !== TAREAS).map((p) => p.language)).toEqual(['en', 'en', 'en', 'en']);
      const club = programs.find((p) => p.name === CODING_CLUB)!;
      expect(club.status).toBe(ProgramStatus.Completed);
      const clubSessions = await sessionsOf(CODING_CLUB);
      expect(clubSessions).toHaveLength(6);
      expect(clubSessions.every((s) => s.startsAt < new Date() && s.attendance !== null)).toBe(true);
      // Months of history: the first drop-in was about 20 weeks ago, and sessions run on ahead.
      const dropIns = await sessionsOf(DROP_IN);
      expect(Date.now() - dropIns[0].startsAt.getTime()).toBeGreaterThan(130 * 86_400_000);
      expect(dropIns[dropIns.length - 1].startsAt.getTime()).toBeGreaterThan(Date.now() + 60 * 86_400_000);
      expect(new Set(dropIns.map((s) => localTime(s.startsAt)))).toEqual(new Set(['15:30']));
    });

    it('records attendance that grows at the drop-in and fades at the tech workshop, with two staff cancellations', async () => {
      const dropIn = await attendanceOf(DROP_IN);
      expect(dropIn.length).toBeGreaterThanOrEqual(15);
      expect(mean(dropIn.slice(-4))).toBeGreaterThan(2 * mean(dropIn.slice(0, 4)));
      const tech = await attendanceOf(TECH_WORKSHOP);
      expect(tech.length).toBeGreaterThanOrEqual(8);
      expect(mean(tech.slice(-3))).toBeLessThan(0.7 * mean(tech.slice(0, 3)));
      // Only past sessions have a head count.
      const sessions = await t.dataSource.getRepository(ProgramSession).find();
      expect(sessions.filter((s) => s.attendance !== null && s.startsAt > new Date())).toEqual([]);
      const byStaff = sessions.filter((s) => s.cancelled);
      expect(byStaff).toHaveLength(2);
      expect(byStaff.every((s) => s.startsAt < new Date() && /^Cancelled by us/.test(s.notes ?? ''))).toBe(true);
    });

    it('closes the library on upcoming days, cancelling the drop-in on the training day', async () => {
      const closures = await t.dataSource.getRepository(Closure).find({ order: { date: 'ASC' } });
      expect(closures.length).toBeGreaterThanOrEqual(2);
      const weekAgo = localDate(new Date(Date.now() - 7 * 86_400_000));
      expect(closures.filter((c) => c.date < weekAgo)).toEqual([]);
      const training = closures.find((c) => c.name === TRAINING_DAY);
      const onClosure = (await sessionsOf(DROP_IN)).filter((s) => s.closureId !== null);
      if (training) expect(onClosure.map((s) => s.localDate)).toContain(training.date);
      expect(onClosure.length).toBeGreaterThanOrEqual(1);
      expect(onClosure.every((s) => s.startsAt > new Date() && s.attendance === null)).toBe(true);
    });

    it('logs outreach visits: invitations at the shelter on drop-in mornings, planning, and visits to prospects', async () => {
      const visits = await t.dataSource.getRepository(Visit).find();
      expect(visits).toHaveLength(DEMO_VISITS.length);
      const shelter = await organization(SHELTER);
      const dropIn = await program(DROP_IN);
      const dropInDays = new Set((await sessionsOf(DROP_IN)).map((s) => s.localDate));
      const invitations = visits.filter(
        (v) => v.organizationId === shelter.id && v.purpose === VisitPurpose.Invitations,
      );
      expect(invitations.length).toBeGreaterThanOrEqual(5);
      for (const visit of invitations) {
        expect(visit).toMatchObject({
          programId: dropIn.id,
          invitationsHandedOut: expect.any(Number),
          peopleReached: expect.any(Number),
        });
        expect(visit.invitationsHandedOut).toBeGreaterThan(0);
        expect(localTime(visit.visitedAt)).toBe('10:00');
        expect(dropInDays.has(localDate(visit.visitedAt))).toBe(true);
        expect(visit.visitedAt < new Date()).toBe(true);
      }
      expect(visits.filter((v) => v.purpose === VisitPurpose.Planning).length).toBeGreaterThanOrEqual(3);
      // Every visit logged is one made: the planned one with TRIO is a follow-up to do.
      expect(visits.filter((v) => v.visitedAt > new Date())).toEqual([]);
      const orgs = await t.dataSource.getRepository(Organization).find();
      const prospects = new Set(
        orgs
          .filter((o) => o.stage === OrganizationStage.Prospect || o.stage === OrganizationStage.Exploring)
          .map((o) => o.id),
      );
      expect(
        visits.filter((v) => v.purpose === VisitPurpose.Relationship && prospects.has(v.organizationId)).length,
      ).toBeGreaterThanOrEqual(3);
      const [{ count: staffLinks }] = await t.dataSource.query('SELECT count(*)::int AS count FROM visit_staff');
      expect(staffLinks).toBeGreaterThanOrEqual(visits.length);
    });

    it('has feedback from young people through the public link and from partners, some acted on, some needing action', async () => {
      const feedback = await t.dataSource.getRepository(Feedback).find();
      expect(feedback).toHaveLength(DEMO_FEEDBACK.length);
      const youth = feedback.filter((f) => f.source === FeedbackSource.Youth);
      expect(youth.length).toBeGreaterThanOrEqual(4);
      expect(
        youth.every(
          (f) =>
            f.feedbackLinkId !== null && f.createdById === null && f.organizationId === null && f.programId !== null,
        ),
      ).toBe(true);
      const partner = feedback.filter((f) => f.source === FeedbackSource.Partner);
      expect(partner.length).toBeGreaterThanOrEqual(3);
      expect(partner.every((f) => f.organizationId !== null && f.sessionId !== null)).toBe(true);
      expect(feedback.filter((f) => f.actionTaken !== null).length).toBeGreaterThanOrEqual(3);
      expect(feedback.filter((f) => f.actionTaken === null).length).toBeGreaterThanOrEqual(3);
      expect(feedback.map((f) => f.didntWork)).toContain('They want more hands-on time. The lecture parts lose them.');
      // The Spanish program's youth feedback, in Spanish as written; the rest in no known language.
      const tareas = await program(TAREAS);
      const spanish = feedback.filter((f) => f.language === 'es');
      expect(spanish.length).toBeGreaterThanOrEqual(3);
      expect(spanish.every((f) => f.programId === tareas.id && f.source === FeedbackSource.Youth)).toBe(true);
      expect(spanish.map((f) => f.worked)).toContain(
        '¡Por fin entendí las fracciones! La tutora me explicó en español y con paciencia.',
      );
      expect(feedback.filter((f) => f.language !== 'es').every((f) => f.language === null)).toBe(true);
      // Dated to when it was given, after the session it is about.
      expect(feedback.every((f) => f.createdAt < new Date(Date.now() - 86_400_000))).toBe(true);
      const sessions = new Map((await t.dataSource.getRepository(ProgramSession).find()).map((s) => [s.id, s]));
      for (const f of feedback.filter((f) => f.sessionId !== null))
        expect(f.createdAt >= sessions.get(f.sessionId!)!.endsAt).toBe(true);
    });

    it('prints the youth feedback form’s address, and the form opens', async () => {
      const urls = lines.flatMap((line) => /^Youth feedback form for .*: (\S+)$/.exec(line)?.[1] ?? []);
      expect(urls).toHaveLength(3);
      const response = await request(t.http).get(new URL(urls[0]).pathname).expect(200);
      expect(response.text).toContain('<form');
    });

    it('sets up reminders before the drop-ins and workshops, to staff and partner contacts, planned ahead', async () => {
      const viewer = await signedInAs(t, Role.Viewer);
      const listed = await request(t.http).get('/api/v1/reminders?limit=100').set(viewer.auth).expect(200);
      expect(listed.body.data.map((r: { title: string }) => r.title).sort()).toEqual(
        DEMO_REMINDERS.map((r) => r.title).sort(),
      );
      const dropIn = await program(DROP_IN);
      const fourHours = listed.body.data.find((r: { title: string }) => r.title === DEMO_REMINDERS[0].title);
      expect(fourHours.trigger).toEqual({ type: 'session', programId: dropIn.id, offsetMinutes: -240 });
      const rosa = await t.dataSource.getRepository(User).findOneByOrFail({ email: DEMO_REMINDERS[0].staff[0] });
      expect(fourHours.recipientIds).toEqual([rosa.id]);
      const caseManager = listed.body.data.find((r: { title: string }) => r.title === DEMO_REMINDERS[1].title);
      const [dana] = await t.dataSource.query(`SELECT id FROM contacts WHERE name = $1`, [
        DEMO_REMINDERS[1].contacts[0],
      ]);
      expect(caseManager.recipientContactIds).toEqual([dana.id]);
      // Planned: the next drop-ins within the planning window have scheduled deliveries.
      const deliveries = await request(t.http)
        .get(`/api/v1/reminders/${fourHours.id}/deliveries`)
        .set(viewer.auth)
        .expect(200);
      for (const row of deliveries.body.data) expect(new Date(row.dueAt).getTime()).toBeGreaterThan(Date.now());
    });

    it('assigns follow-up tasks to the demo staff, some overdue, some done', async () => {
      const tasks = await t.dataSource.getRepository(Task).find();
      // The demo's tasks, and the one the check-in's concern made.
      expect(tasks).toHaveLength(DEMO_TASKS.length + 1);
      const staff = await t.dataSource.getRepository(User).findBy(DEMO_USERS.map(({ email }) => ({ email })));
      const staffIds = new Set(staff.map((user) => user.id));
      expect(tasks.filter((task) => !staffIds.has(task.assigneeId))).toEqual([]);
      expect(tasks.filter((task) => task.status === TaskStatus.Done).length).toBeGreaterThanOrEqual(2);
      expect(tasks.filter((task) => task.visitId !== null).length).toBeGreaterThanOrEqual(2);
      const viewer = await signedInAs(t, Role.Viewer);
      const overdue = await request(t.http).get('/api/v1/tasks?overdue=true').set(viewer.auth).expect(200);
      expect(overdue.body.meta.total).toBeGreaterThanOrEqual(2);
      const upcoming = tasks.filter((task) => task.status === TaskStatus.Open && task.dueAt > new Date());
      expect(upcoming.length).toBeGreaterThanOrEqual(1);
    });

    it('has the youth shelter’s check-in answered by both sides: a concern that became Rosa’s task, strengths elsewhere, and it shows in the health score', async () => {
      const shelter = await organization(SHELTER);
      const viewer = await signedInAs(t, Role.Viewer);
      const list = await request(t.http)
        .get(`/api/v1/organizations/${shelter.id}/check-ins`)
        .set(viewer.auth)
        .expect(200);
      expect(list.body.meta.total).toBe(1);
      const [checkIn] = list.body.data;
      expect(checkIn).toMatchObject({ status: 'closed', responseCount: 2, overall: 4 });
      expect(
        checkIn.respondents.map((r: { respondent: string; answered: boolean }) => [r.respondent, r.answered]),
      ).toEqual([
        ['owner', true],
        ['partner', true],
      ]);
      // By hand in demo-check-ins.ts.
      expect(
        checkIn.areas.map((a: { area: string; average: number; classification: string }) => [
          a.area,
          a.average,
          a.classification,
        ]),
      ).toEqual([
        ['environment', 4.3, 'strength'],
        ['membership', 4.8, 'strength'],
        ['processAndStructure', 3.5, 'borderline'],
        ['communication', 4.3, 'strength'],
        ['purpose', 4.8, 'strength'],
        ['resources', 2.3, 'concern'],
      ]);
      const rosa = await t.dataSource.getRepository(User).findOneByOrFail({ email: ROSA });
      const concernTasks = await t.dataSource
        .getRepository(Task)
        .findBy({ organizationId: shelter.id, title: 'Check-in concern: resources (2.3)' });
      expect(concernTasks.map((task) => [task.assigneeId, task.status])).toEqual([[rosa.id, TaskStatus.Open]]);
      // It emails nobody: the seed opens it without emails (the respondents are fictional and answer at once).
      const [{ emails }] = await t.dataSource.query(
        `SELECT count(*)::int AS emails FROM deliveries WHERE kind = 'check-in'`,
      );
      expect(emails).toBe(0);

      const health = (
        await request(t.http).get(`/api/v1/organizations/${shelter.id}/health`).set(viewer.auth).expect(200)
      ).body;
      // Mean of the six area averages: 24.0 / 6 = 4.0 → (4.0 − 1) / 4 × 100 = 75.
      expect(health.components.checkIn).toBe(75);
      expect(health.details.checkIn.facts).toMatchObject({
        concerns: ['resources'],
        strengths: ['environment', 'membership', 'communication', 'purpose'],
        stale: false,
      });
      expect(health.drivers).toContain('Check-in concern: resources (2.3)');
    });

    it('suggests introducing the college-prep nonprofit and the internship agency, after what partners asked each other for', async () => {
      const staff = await signedInAs(t, Role.Staff);
      const orgs = await t.dataSource.getRepository(Organization).find();
      const name = new Map(orgs.map((org) => [org.id, org.name]));
      const [agency, prep] = [await organization(INTERNSHIP_AGENCY), await organization(COLLEGE_PREP)];
      type Match = {
        providerId: string;
        seekerId: string;
        capabilityId: string;
        kind: string;
        strength: number;
        explanation: string;
      };
      const pair = (m: Match) => `${name.get(m.providerId)} → ${name.get(m.seekerId)}`;

      const forAgency = await request(t.http)
        // Every suggestion (all=true): the default list leaves out the weak ones and caps each partner.
        .get(`/api/v1/matches?organizationId=${agency.id}&limit=100&all=true`)
        .set(staff.auth)
        .expect(200);
      const matches = forAgency.body.data as Match[];
      const firstFit = matches.findIndex((m) => m.kind === 'audience-fit');
      // What partners look for comes first; then the two directions of the college-prep pair lead the audience fits.
      expect(matches.slice(0, firstFit).every((m) => m.kind === 'sought')).toBe(true);
      // (Equal strength: ordered by provider name.)
      expect(matches.slice(firstFit, firstFit + 2).map(pair)).toEqual([
        `${INTERNSHIP_AGENCY} → ${COLLEGE_PREP}`,
        `${COLLEGE_PREP} → ${INTERNSHIP_AGENCY}`,
      ]);
      const prepToAgency = matches.find((m) => m.providerId === prep.id && m.seekerId === agency.id)!;
      const coaching = await t.dataSource.getRepository(Capability).findOneByOrFail({ name: COLLEGE_COACHING });
      expect(prepToAgency).toMatchObject({ capabilityId: coaching.id, strength: 65 });
      expect(prepToAgency.explanation).toMatch(
        /^Next Step College Access offers College application coaching, .* which City Youth Opportunity Program does not offer; both serve Low-income teens \(priority 1\) and First-generation college-bound students \(priority 2\)\.$/,
      );

      // The list as a whole starts with Casa's room and Spanish outreach for Next Step, and the shelter's
      // request for college coaching (the "next-level idea" in Next Step's notes) is on the first page.
      const firstPage = (await request(t.http).get('/api/v1/matches').set(staff.auth).expect(200)).body.data as Match[];
      expect(pair(firstPage[0])).toBe(`${CASA} → ${COLLEGE_PREP}`);
      expect(firstPage.map(pair)).toContain(`${COLLEGE_PREP} → ${SHELTER}`);
      // Never: partners of the running FAFSA night with each other, or anyone whose partnership ended.
      const all = (await request(t.http).get('/api/v1/matches?limit=100&offset=0').set(staff.auth).expect(200)).body;
      const rest = (await request(t.http).get('/api/v1/matches?limit=100&offset=100').set(staff.auth).expect(200)).body
        .data as Match[];
      const everything = [...(all.data as Match[]), ...rest];
      expect(everything).toHaveLength(all.meta.total);
      const lincoln = await organization(LINCOLN_HIGH);
      expect(
        everything.filter((m) => [m.providerId, m.seekerId].sort().join() === [prep.id, lincoln.id].sort().join()),
      ).toEqual([]);
      const ended = new Set(
        DEMO_ORGANIZATIONS.filter((org) => currentStage(org) === OrganizationStage.Ended).map((org) => org.name),
      );
      expect(everything.filter((m) => ended.has(name.get(m.providerId)!) || ended.has(name.get(m.seekerId)!))).toEqual(
        [],
      );
    });

    it('answers a manager in one screen of JSON: who needs attention and why, the uncovered priority audience, the introduction to make first', async () => {
      const manager = await signedInAs(t, Role.Manager);
      const body = (await request(t.http).get('/api/v1/dashboard/health').set(manager.auth).expect(200)).body;
      const worst = body.data[0];
      // The food bank went quiet after the spring (the check-in planned for August never happened).
      expect(worst).toMatchObject({ name: FOOD_BANK, band: 'dormant' });
      expect(worst.drivers).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^No contact in \d+ days$/),
          expect.stringMatching(/^A follow-up \d+ days overdue$/),
        ]),
      );
      // Young people in foster care: a priority-1 audience only prospects serve so far.
      expect(body.audienceCoverage[0]).toMatchObject({ name: 'Youth in foster care', priority: 1, activePartners: 0 });
      const names = new Map((await t.dataSource.getRepository(Organization).find()).map((org) => [org.id, org.name]));
      const first = body.introductions.data[0];
      expect(`${names.get(first.providerId)} → ${names.get(first.seekerId)}`).toBe(`${CASA} → ${COLLEGE_PREP}`);
    });

    it('sets the team’s work plan for this fiscal year, some goals on track and some off, on the dashboard', async () => {
      const manager = await signedInAs(t, Role.Manager);
      const body = (await request(t.http).get('/api/v1/dashboard/health').set(manager.auth).expect(200)).body;
      const goals = body.goals as { title: string; progress: { status: string; value: number } }[];
      // Each goal is about a third of the way through its twelve months, whatever the day.
      const status = Object.fromEntries(goals.map((goal) => [goal.title, goal.progress.status]));
      expect(status).toEqual({
        '400 teens at the Wednesday drop-in this year': 'on-track',
        'Reach 500 young people on outreach visits': 'on-track',
        '24 tech workshop sessions for interns': 'on-track',
        '40 sessions with the internship agency': 'off-track',
        '4 active partners serving youth in foster care': 'off-track',
        '60 feedback responses from youth and partners': 'off-track',
      });
      expect(goals.slice(0, 3).map((goal) => goal.progress.status)).toEqual(['off-track', 'off-track', 'off-track']);
    });

    it('shows a manager every band, unscored included, and logs no visit that has not happened yet', async () => {
      const manager = await signedInAs(t, Role.Manager);
      const body = (await request(t.http).get('/api/v1/dashboard/health?limit=100').set(manager.auth).expect(200)).body;
      const bands = body.summary.byBand as Record<string, number>;
      expect(Object.keys(bands).sort()).toEqual(['at-risk', 'dormant', 'steady', 'thriving', 'unscored']);
      expect(Object.entries(bands).filter(([, count]) => count === 0)).toEqual([]);
      const [{ ahead }] = await t.dataSource.query<{ ahead: number }[]>(
        `SELECT count(*)::int AS ahead FROM visits WHERE visited_at > now()`,
      );
      expect(ahead).toBe(0);
    });

    it('sends a check-in round to the partners due one, takes the answers through the emailed link, and shows them in the score', async () => {
      const manager = await signedInAs(t, Role.Manager);
      const agency = await organization(INTERNSHIP_AGENCY);
      const before = (
        await request(t.http).get(`/api/v1/organizations/${agency.id}/health`).set(manager.auth).expect(200)
      ).body;
      expect(before.components.checkIn).toBeNull();

      const round = (await request(t.http).post('/api/v1/check-ins/rounds').set(manager.auth).send({}).expect(200))
        .body;
      const started = round.started.find((s: { organizationId: string }) => s.organizationId === agency.id);
      expect(started).toBeDefined();
      // No partner younger than the waiting period (90 days by default) is asked.
      const activeDays: { days: number }[] = await t.dataSource.query(
        `SELECT floor(extract(epoch FROM now() - max(changed_at)) / 86400)::int AS days
         FROM organization_stage_changes WHERE to_stage = 'active' AND organization_id = ANY($1::uuid[])
         GROUP BY organization_id`,
        [round.started.map((s: { organizationId: string }) => s.organizationId)],
      );
      expect(activeDays.length).toBe(round.started.length);
      expect(Math.min(...activeDays.map((row) => row.days))).toBeGreaterThanOrEqual(90);
      // The shelter answered its check-in this season: not due again.
      const shelter = await organization(SHELTER);
      expect(round.started.map((s: { organizationId: string }) => s.organizationId)).not.toContain(shelter.id);
      // One survey email queued per respondent (the owner and the primary contact), sent by the worker.
      const responses: { id: string; respondent: string }[] = await t.dataSource.query(
        `SELECT r.id, r.respondent FROM check_in_responses r JOIN deliveries d ON d.check_in_response_id = r.id WHERE r.check_in_id = $1 AND d.status = 'scheduled' ORDER BY r.respondent`,
        [started.checkInId],
      );
      expect(responses.map((r) => r.respondent)).toEqual(['owner', 'partner']);

      // Both answer through the link (as in the email): communication is a concern for both.
      for (const response of responses) {
        const token = checkInToken(TEST_AUTH_SECRET, response.id);
        await request(t.http).get(`/check-in/${token}`).expect(200);
        const answers = Object.fromEntries(
          CHECK_IN_STATEMENTS.map((statement) => [statement.id, statement.area === 'communication' ? 2 : 4]),
        );
        await request(t.http).post(`/api/v1/public/check-ins/${token}`).send({ answers }).expect(201);
      }
      const after = (
        await request(t.http).get(`/api/v1/organizations/${agency.id}/health`).set(manager.auth).expect(200)
      ).body;
      // Five areas at 4.0 and communication at 2.0: mean 3.67 → (3.67 − 1) / 4 × 100 = 67.
      expect(after.components.checkIn).toBe(67);
      expect(after.drivers).toContain('Check-in concern: communication (2.0)');
      const checkIn = (
        await request(t.http).get(`/api/v1/check-ins/${started.checkInId}`).set(manager.auth).expect(200)
      ).body;
      expect(checkIn).toMatchObject({ status: 'closed', responseCount: 2 });
      const tasks = await t.dataSource
        .getRepository(Task)
        .findBy({ organizationId: agency.id, status: TaskStatus.Open });
      expect(tasks.map((task) => task.title)).toContain('Check-in concern: communication (2.0)');
    });

    it('shows visits, sessions, feedback and follow-ups on the shelter’s timeline', async () => {
      const viewer = await signedInAs(t, Role.Viewer);
      const shelter = await organization(SHELTER);
      const response = await request(t.http)
        .get(`/api/v1/organizations/${shelter.id}/timeline?limit=100`)
        .set(viewer.auth)
        .expect(200);
      const entries = response.body.data as { type: string; summary: string }[];
      expect(new Set(entries.map((e) => e.type))).toEqual(
        new Set(['visit', 'session', 'feedback', 'task', 'note', 'stage-change']),
      );
      const summaries = entries.map((e) => e.summary);
      expect(summaries).toContain(
        'Visit (invitations) at Harbor House, common room: 25 invitations handed out, 16 people reached',
      );
      expect(summaries).toContain(`${DROP_IN}: 9 attended`);
      expect(summaries).toContain(`${DROP_IN}: cancelled`);
      expect(summaries).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Youth feedback on Wednesday Teen Drop-in with Harbor House: 5\/5 — needs action$/),
        ]),
      );
      expect(summaries).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Partner feedback on .*: 5\/5 — action taken$/)]),
      );
      expect(summaries).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Follow-up: Book the large meeting room .*\(due \d+ \w+ \d{4}\)$/),
        ]),
      );
    });
  });

  describe('on a Tandem with an admin', () => {
    let admin: User;

    beforeAll(async () => {
      await truncateAll(t.dataSource);
      admin = await persistUser(t.dataSource, { role: Role.Admin, name: 'Maya Chen' });
    });

    it('acts as that admin, creates no demo admin and prints no sign-in token', async () => {
      const lines: string[] = [];
      await seedDemo(t.app, (line) => lines.push(line));
      expect(await t.dataSource.getRepository(User).existsBy({ email: DEMO_ADMIN.email })).toBe(false);
      expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);
      const actors = await auditActors();
      expect(new Set(actors.filter((a) => a.actor !== null).map((a) => a.actor))).toEqual(new Set([admin.id]));
      // Anonymous: the youth feedback and the check-in answered through its links (with what its closing made).
      const anonymous = actors.filter((a) => a.actor === null).map((a) => `${a.entity} ${a.action}`);
      expect(anonymous.sort()).toEqual([
        'check-in update',
        'check-in-response update',
        'feedback create',
        'note create',
        'task create',
      ]);
      expect(lines.join('\n')).not.toContain('token');
    });

    it('creates nothing on a later day either, after the session window has moved on', async () => {
      await truncateAll(t.dataSource);
      await persistUser(t.dataSource, { role: Role.Admin });
      const first = await seedDemo(t.app, () => {});
      expect(first.kinds.visits.created).toBe(DEMO_VISITS.length);
      for (const days of [45, 200]) {
        const later = new Date(Date.now() + days * 86_400_000);
        // The daily job has materialized sessions up to the new horizon meanwhile.
        await t.app.get(ProgramService).extendSessionWindows(later);
        const before = await rowCounts();
        // Only Date is faked: the database driver's timers keep running.
        jest.useFakeTimers({
          now: later,
          doNotFake: [
            'nextTick',
            'setImmediate',
            'clearImmediate',
            'setTimeout',
            'clearTimeout',
            'setInterval',
            'clearInterval',
            'queueMicrotask',
            'hrtime',
            'performance',
          ],
        });
        let again: SeedResult;
        try {
          again = await seedDemo(t.app, () => {});
        } finally {
          jest.useRealTimers();
        }
        expect({ days, created: again.created, unchanged: again.unchanged }).toEqual({
          days,
          created: 0,
          unchanged: first.created,
        });
        expect(await rowCounts()).toEqual(before);
      }
    });

    it('leaves an organization already there (matched ignoring case) untouched, and adds only missing contacts', async () => {
      await truncateAll(t.dataSource);
      admin = await persistUser(t.dataSource, { role: Role.Admin });
      const repo = t.dataSource.getRepository(Organization);
      const mine = await repo.save(
        repo.create({ name: SHELTER.toUpperCase(), stage: OrganizationStage.Exploring, mission: 'Our own words.' }),
      );
      const contacts = t.dataSource.getRepository(Contact);
      const dana = await contacts.save(
        contacts.create({ organizationId: mine.id, name: 'dana whitfield', isPrimary: true, language: 'en' }),
      );

      const result = await seedDemo(t.app, () => {});

      // The organization and Dana were already there.
      expect(result.unchanged).toBe(2);
      expect(await repo.findOneByOrFail({ id: mine.id })).toMatchObject({
        version: 1,
        stage: OrganizationStage.Exploring,
        mission: 'Our own words.',
      });
      expect(await repo.countBy({ name: SHELTER })).toBe(0);
      const theirs = await contacts.findBy({ organizationId: mine.id });
      theirs.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
      expect(theirs.map((contact) => [contact.name, contact.isPrimary])).toEqual([
        ['dana whitfield', true],
        ['Keisha Morgan', false],
        ['Luis Ortega', false],
      ]);
      expect(await contacts.findOneByOrFail({ id: dana.id })).toMatchObject({ version: 1 });
    });
  });
});
