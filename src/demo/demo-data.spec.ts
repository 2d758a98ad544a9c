import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DateTime } from 'luxon';
import { compileSchedule, Occurrence } from '@tandem/shared';
import { DEFAULT_CHECK_IN_SETTINGS } from '../check-in/check-in-settings';
import { CreateClosureDto } from '../closure/dto/closure.dto';
import { CreateContactDto } from '../contact/dto/contact.dto';
import { CreateFeedbackDto, PublicFeedbackDto } from '../feedback/dto/feedback.dto';
import { FeedbackSource } from '../feedback/feedback.entity';
import { CreateOrganizationDto, UpdateOrganizationDto } from '../organization/dto/organization.dto';
import { OrganizationStage, STAGES } from '../organization/organization-stage';
import { VisitPurpose } from '../visit/visit.entity';
import { CreateProgramDto } from '../program/dto/program.dto';
import { UpdateSessionDto } from '../program/dto/session.dto';
import { ProgramStatus } from '../program/program.entity';
import { CreateTaskDto } from '../task/dto/task.dto';
import { CreateUserDto } from '../user/dto/user.dto';
import { CreateVisitDto } from '../visit/dto/visit.dto';
import { CreateAudienceDto, CreateCapabilityDto } from '../vocabulary/dto/vocabulary.dto';
import {
  COLLEGE_PREP,
  currentStage,
  DEMO_ADMIN,
  DEMO_AUDIENCES,
  DEMO_CAPABILITIES,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  INTERNSHIP_AGENCY,
  SHELTER,
} from './demo-data';
import { DEMO_CHECK_INS } from './demo-check-ins';
import {
  CODING_CLUB,
  DEMO_CLOSURE_ANCHOR,
  DEMO_FEEDBACK,
  DEMO_PROGRAMS,
  DEMO_REMINDERS,
  DEMO_TASKS,
  DEMO_TIMEZONE,
  DEMO_VISITS,
  DemoProgram,
  DemoWhen,
  DROP_IN,
  demoClosures,
  demoProgramDates,
  demoSchedule,
  FAFSA_NIGHT,
  libraryHolidays,
  resolveWhen,
  TECH_WORKSHOP,
  TRAINING_DAY,
} from './demo-outreach';

const lower = (values: readonly string[]) => values.map((value) => value.toLowerCase());

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return lower(values).filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

/** The field paths class-validator rejects, as the API's ValidationPipe would. */
function invalidFields(dto: object, plain: object): string[] {
  const instance = plainToInstance(dto as new () => object, plain);
  const flatten = (errors: ReturnType<typeof validateSync>, prefix = ''): string[] =>
    errors.flatMap((error) => [
      ...(error.constraints ? [`${prefix}${error.property}: ${Object.values(error.constraints).join('; ')}`] : []),
      ...flatten(error.children ?? [], `${prefix}${error.property}.`),
    ]);
  return flatten(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }));
}

describe('demo data', () => {
  const audienceNames = new Set(lower(DEMO_AUDIENCES.map((a) => a.name)));
  const capabilityNames = new Set(lower(DEMO_CAPABILITIES.map((c) => c.name)));

  it('tells the story of the seed text: the shelter, the internship agency and the college-prep nonprofit', () => {
    const names = DEMO_ORGANIZATIONS.map((org) => org.name);
    expect(names).toEqual(expect.arrayContaining([SHELTER, INTERNSHIP_AGENCY, COLLEGE_PREP]));
  });

  it('has about a dozen or more organizations, capabilities and a handful of audiences', () => {
    expect(DEMO_ORGANIZATIONS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_CAPABILITIES.length).toBeGreaterThanOrEqual(10);
    expect(DEMO_AUDIENCES.length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['audiences', DEMO_AUDIENCES.map((a) => a.name)],
    ['capabilities', DEMO_CAPABILITIES.map((c) => c.name)],
    ['organizations', DEMO_ORGANIZATIONS.map((o) => o.name)],
    ['user emails', [DEMO_ADMIN, ...DEMO_USERS].map((u) => u.email)],
  ])('has no two %s whose names differ only in case', (_kind, names) => {
    expect(duplicates(names)).toEqual([]);
  });

  it('refers only to audiences and capabilities it defines', () => {
    for (const org of DEMO_ORGANIZATIONS) {
      expect({ org: org.name, unknown: lower(org.audiences).filter((name) => !audienceNames.has(name)) }).toEqual({
        org: org.name,
        unknown: [],
      });
      const capabilities = lower([...org.offers, ...org.seeks]);
      expect({ org: org.name, unknown: capabilities.filter((name) => !capabilityNames.has(name)) }).toEqual({
        org: org.name,
        unknown: [],
      });
    }
  });

  it('gives every organization an owner from the demo staff', () => {
    const staff = new Set(lower(DEMO_USERS.map((u) => u.email)));
    expect(DEMO_ORGANIZATIONS.filter((org) => !staff.has(org.owner.toLowerCase())).map((org) => org.name)).toEqual([]);
  });

  it('uses every stage of the lifecycle', () => {
    expect(new Set(DEMO_ORGANIZATIONS.map(currentStage))).toEqual(new Set(STAGES));
  });

  it('has stage histories that really change stage, each change with a reason', () => {
    const withHistory = DEMO_ORGANIZATIONS.filter((org) => org.stages.length > 1);
    expect(withHistory.length).toBeGreaterThanOrEqual(3);
    for (const org of withHistory) {
      org.stages.slice(1).forEach((step, index) => {
        expect(step.stage).not.toBe(org.stages[index].stage);
        expect(step.reason?.length).toBeGreaterThan(0);
      });
    }
  });

  it('dates a stage history whole or not at all, each step after the one before', () => {
    for (const org of DEMO_ORGANIZATIONS) {
      const days = org.stages.map((step) => step.daysAgo);
      if (days.every((day) => day === undefined)) continue;
      expect({ name: org.name, days, dated: days.every((day) => Number.isInteger(day) && day! >= 0) }).toEqual({
        name: org.name,
        days,
        dated: true,
      });
      days.slice(1).forEach((day, index) => expect(day!).toBeLessThan(days[index]!));
    }
  });

  it('asks no partner a check-in before it has been active for the default waiting period', () => {
    const activeDays = (name: string) => {
      const org = DEMO_ORGANIZATIONS.find((candidate) => candidate.name === name)!;
      const last = org.stages[org.stages.length - 1];
      return last.stage === OrganizationStage.Active ? (last.daysAgo ?? 0) : null;
    };
    for (const { organization } of DEMO_CHECK_INS) {
      expect({ organization, activeDays: activeDays(organization) }).toEqual({
        organization,
        activeDays: expect.any(Number),
      });
      expect(activeDays(organization)).toBeGreaterThanOrEqual(DEFAULT_CHECK_IN_SETTINGS.firstAfterDays);
    }
    // The partner the demo round is shown with (seed-demo's e2e) is due one too.
    expect(activeDays(INTERNSHIP_AGENCY)).toBeGreaterThanOrEqual(DEFAULT_CHECK_IN_SETTINGS.firstAfterDays);
  });

  it('scores fit as whole numbers from 0 to 5 with a note', () => {
    for (const { name, fit } of DEMO_ORGANIZATIONS) {
      for (const score of [fit.audienceReach, fit.missionOverlap, fit.complementaryResources]) {
        expect({ name, score, valid: Number.isInteger(score) && score >= 0 && score <= 5 }).toEqual({
          name,
          score,
          valid: true,
        });
      }
      expect(fit.notes.length).toBeGreaterThan(0);
    }
  });

  it('gives every organization 1–3 contacts, unique by name, exactly one of them primary', () => {
    for (const org of DEMO_ORGANIZATIONS) {
      expect(org.contacts.length).toBeGreaterThanOrEqual(1);
      expect(org.contacts.length).toBeLessThanOrEqual(3);
      expect(duplicates(org.contacts.map((c) => c.name))).toEqual([]);
      expect({ org: org.name, primaries: org.contacts.filter((c) => c.primary).length }).toEqual({
        org: org.name,
        primaries: 1,
      });
    }
  });

  it('uses only fictional addresses: example.org domains and 555-01xx phone numbers', () => {
    const emails = [
      ...[DEMO_ADMIN, ...DEMO_USERS].map((u) => u.email),
      ...DEMO_ORGANIZATIONS.flatMap((org) => [org.email, ...org.contacts.map((c) => c.email)]).filter(
        (e): e is string => !!e,
      ),
    ];
    expect(emails.filter((email) => !/@([a-z0-9-]+\.)*example\.org$/.test(email))).toEqual([]);
    expect(
      DEMO_ORGANIZATIONS.filter((org) => !/^https:\/\/([a-z0-9-]+\.)+example\.org$/.test(org.website)).map(
        (o) => o.website,
      ),
    ).toEqual([]);
    const phones = DEMO_ORGANIZATIONS.flatMap((org) => [org.phone, ...org.contacts.map((c) => c.phone)]).filter(
      (p): p is string => !!p,
    );
    expect(phones.filter((phone) => !/^\d{3}-555-01\d\d$/.test(phone))).toEqual([]);
  });

  // The seed calls the services directly, past the API's ValidationPipe: hold the data to the
  // same DTO rules here.
  describe('passes the API validation', () => {
    it.each(DEMO_AUDIENCES.map((a) => [a.name, a] as const))('audience %s', (_name, audience) => {
      expect(invalidFields(CreateAudienceDto, audience)).toEqual([]);
    });

    it.each(DEMO_CAPABILITIES.map((c) => [c.name, c] as const))('capability %s', (_name, capability) => {
      expect(invalidFields(CreateCapabilityDto, capability)).toEqual([]);
    });

    it.each([DEMO_ADMIN, ...DEMO_USERS].map((u) => [u.email, u] as const))('user %s', (_email, user) => {
      expect(invalidFields(CreateUserDto, user)).toEqual([]);
    });

    it.each(DEMO_ORGANIZATIONS.map((o) => [o.name, o] as const))(
      'organization %s, its stage changes and contacts',
      (_name, org) => {
        const ids = (names: readonly string[]) => names.map(() => randomUUID());
        const created = {
          name: org.name,
          type: org.type,
          website: org.website,
          email: org.email,
          phone: org.phone,
          address: org.address,
          mission: org.mission,
          notes: org.notes,
          stage: org.stages[0].stage,
          ownerId: randomUUID(),
          audienceIds: ids(org.audiences),
          capabilityIds: ids(org.offers),
          seeksCapabilityIds: ids(org.seeks),
          tags: org.tags,
          fit: org.fit,
        };
        expect(invalidFields(CreateOrganizationDto, created)).toEqual([]);
        // The API lower-cases tags; the data must already be as stored, or a re-run would differ.
        expect(org.tags.filter((tag) => tag !== tag.trim().toLowerCase())).toEqual([]);
        for (const step of org.stages.slice(1)) {
          expect(
            invalidFields(UpdateOrganizationDto, { version: 1, stage: step.stage, stageReason: step.reason }),
          ).toEqual([]);
        }
        for (const { primary, ...contact } of org.contacts) {
          expect(
            invalidFields(CreateContactDto, { ...contact, isPrimary: primary ?? false, organizationId: randomUUID() }),
          ).toEqual([]);
        }
      },
    );
  });
});

describe('demo outreach story', () => {
  const orgs = new Map(DEMO_ORGANIZATIONS.map((org) => [org.name.toLowerCase(), org]));
  const audienceNames = new Set(lower(DEMO_AUDIENCES.map((a) => a.name)));
  const staff = new Set(lower(DEMO_USERS.map((u) => u.email)));
  const programs = new Map(DEMO_PROGRAMS.map((p) => [p.name.toLowerCase(), p]));
  const whens: DemoWhen[] = [
    ...DEMO_VISITS.map((v) => v.when),
    ...DEMO_FEEDBACK.map((f) => f.given),
    ...DEMO_TASKS.map((t) => t.due),
    DEMO_CLOSURE_ANCHOR,
  ];
  const attendance = (program: DemoProgram) =>
    program.sessions.flatMap((s) => (typeof s === 'number' ? [s] : s.attendance !== undefined ? [s.attendance] : []));
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

  it('has the drop-in with the shelter, the interns’ tech workshop, a monthly BYSETPOS college night and a completed program', () => {
    expect(programs.get(DROP_IN.toLowerCase())!.partners.map((p) => p.organization)).toEqual([SHELTER]);
    expect(programs.get(TECH_WORKSHOP.toLowerCase())!.partners.map((p) => p.organization)).toEqual([INTERNSHIP_AGENCY]);
    const night = programs.get(FAFSA_NIGHT.toLowerCase())!;
    expect(night.partners.map((p) => p.organization)).toContain(COLLEGE_PREP);
    expect(night.schedule.rrule).toMatch(/^FREQ=MONTHLY;.*BYSETPOS=/);
    expect(programs.get(CODING_CLUB.toLowerCase())!.status).toBe(ProgramStatus.Completed);
    expect(DEMO_PROGRAMS.length).toBeGreaterThanOrEqual(3);
    expect(DEMO_PROGRAMS.length).toBeLessThanOrEqual(5);
  });

  it('has a thriving drop-in, a fading workshop and two staff cancellations', () => {
    const dropIn = attendance(programs.get(DROP_IN.toLowerCase())!);
    expect(mean(dropIn.slice(-4))).toBeGreaterThan(2 * mean(dropIn.slice(0, 4)));
    const tech = attendance(programs.get(TECH_WORKSHOP.toLowerCase())!);
    expect(mean(tech.slice(-3))).toBeLessThan(0.7 * mean(tech.slice(0, 3)));
    const cancelled = DEMO_PROGRAMS.flatMap((p) => p.sessions).filter((s) => typeof s !== 'number' && s.cancelled);
    expect(cancelled).toHaveLength(2);
  });

  it('has about 15 visits, 10 feedback and 6 tasks, in every mood the story needs', () => {
    expect(DEMO_VISITS.length).toBeGreaterThanOrEqual(13);
    expect(
      DEMO_VISITS.filter(
        (v) =>
          v.organization === SHELTER && v.purpose === VisitPurpose.Invitations && (v.invitationsHandedOut ?? 0) > 0,
      ).length,
    ).toBeGreaterThanOrEqual(5);
    expect(new Set(DEMO_VISITS.map((v) => v.purpose))).toEqual(
      new Set(['invitations', 'planning', 'relationship', 'program-delivery']),
    );
    expect(DEMO_FEEDBACK.length).toBeGreaterThanOrEqual(10);
    expect(DEMO_FEEDBACK.filter((f) => f.source === FeedbackSource.Youth).length).toBeGreaterThanOrEqual(4);
    expect(DEMO_FEEDBACK.filter((f) => f.source === FeedbackSource.Partner).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_FEEDBACK.filter((f) => f.actionTaken).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_FEEDBACK.filter((f) => !f.actionTaken).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_TASKS.length).toBeGreaterThanOrEqual(6);
  });

  it('refers only to organizations, audiences, contacts, staff, programs and visits it defines', () => {
    const known = (name: string) => orgs.has(name.toLowerCase());
    for (const program of DEMO_PROGRAMS) {
      expect(program.partners.filter((p) => !known(p.organization))).toEqual([]);
      expect(lower(program.audiences).filter((a) => !audienceNames.has(a))).toEqual([]);
    }
    for (const visit of DEMO_VISITS) {
      const org = orgs.get(visit.organization.toLowerCase());
      expect({ visit: visit.notes, org: !!org }).toEqual({ visit: visit.notes, org: true });
      const people = new Set(lower(org!.contacts.map((c) => c.name)));
      expect(lower(visit.contacts).filter((name) => !people.has(name))).toEqual([]);
      expect(lower(visit.staff).filter((email) => !staff.has(email))).toEqual([]);
      if (visit.program) expect(programs.has(visit.program.toLowerCase())).toBe(true);
    }
    for (const when of whens) expect(programs.has(when.program.toLowerCase())).toBe(true);
    const refs = DEMO_VISITS.flatMap((v) => (v.ref ? [v.ref] : []));
    expect(duplicates(refs)).toEqual([]);
    for (const task of DEMO_TASKS) {
      expect(staff.has(task.assignee.toLowerCase())).toBe(true);
      if (task.organization) expect(known(task.organization)).toBe(true);
      if (task.program) expect(programs.has(task.program.toLowerCase())).toBe(true);
      if (task.visit) {
        const visit = DEMO_VISITS.find((v) => v.ref === task.visit);
        expect({ task: task.title, visitOrganization: visit?.organization }).toEqual({
          task: task.title,
          visitOrganization: task.organization,
        });
      }
    }
  });

  it('gives youth feedback only what the public form takes, and partner or staff feedback a partner and a session', () => {
    for (const feedback of DEMO_FEEDBACK) {
      const program = programs.get(feedback.program.toLowerCase())!;
      if (feedback.source === FeedbackSource.Youth) {
        expect({ organization: feedback.organization, session: feedback.session }).toEqual({
          organization: undefined,
          session: undefined,
        });
      } else {
        expect(program.partners.map((p) => p.organization)).toContain(feedback.organization);
        expect(feedback.session).toEqual(expect.any(Number));
      }
    }
  });

  it('sends its reminders to demo staff and to contacts of the program’s partners, before running programs', () => {
    expect(duplicates(DEMO_REMINDERS.map((r) => r.title))).toEqual([]);
    for (const reminder of DEMO_REMINDERS) {
      const program = programs.get(reminder.program.toLowerCase())!;
      expect(program.status).not.toBe(ProgramStatus.Completed);
      expect(reminder.offsetMinutes).toBeLessThan(0);
      expect(reminder.staff.length + reminder.contacts.length).toBeGreaterThan(0);
      for (const email of reminder.staff) expect(staff.has(email.toLowerCase())).toBe(true);
      const partnerContacts = DEMO_ORGANIZATIONS.filter((o) =>
        program.partners.some((p) => p.organization === o.name),
      ).flatMap((o) => o.contacts.map((c) => c.name));
      for (const name of reminder.contacts) expect(partnerContacts).toContain(name);
    }
  });

  it('has the keys the seed matches on unique: program names, task titles, feedback per program and source', () => {
    expect(duplicates(DEMO_PROGRAMS.map((p) => p.name))).toEqual([]);
    expect(duplicates(DEMO_TASKS.map((t) => t.title))).toEqual([]);
    expect(duplicates(DEMO_FEEDBACK.map((f) => `${f.program}|${f.source}|${f.worked.trim()}`))).toEqual([]);
  });

  it('knows the library holidays', () => {
    const holidays = new Map(libraryHolidays(2026).map((h) => [h.name, h.date]));
    expect(holidays.get('Martin Luther King Jr. Day')).toBe('2026-01-19');
    expect(holidays.get('Memorial Day')).toBe('2026-05-25');
    expect(holidays.get('Labor Day')).toBe('2026-09-07');
    expect(holidays.get('Thanksgiving')).toBe('2026-11-26');
    expect(demoClosures('2026-12-02')).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-30', name: TRAINING_DAY },
      { date: '2027-01-01', name: 'New Year’s Day' },
    ]);
    // A holiday on the training day takes its place.
    expect(demoClosures('2024-12-04')).toEqual([
      { date: '2024-12-25', name: 'Christmas Day' },
      { date: '2025-01-01', name: 'New Year’s Day' },
    ]);
  });

  // The seed may run on any day: the story must fit whichever day that is. Every fifth day of
  // two years is tried (so every weekday, month position and DST change comes up), with the
  // sessions ProgramService would materialize on it.
  describe('seeded on any day', () => {
    const days = Array.from({ length: 146 }, (_, i) =>
      DateTime.utc(2026, 1, 1)
        .plus({ days: 5 * i })
        .toISODate()!,
    );
    // Expanding a schedule is the slow part; a weekly program starts on the same day all week.
    const expanded = new Map<string, Occurrence[]>();
    const simulated = new Map<string, ReturnType<typeof expand>>();
    const simulate = (today: string) => {
      if (!simulated.has(today)) simulated.set(today, expand(today));
      return simulated.get(today)!;
    };

    function expand(today: string) {
      const todayStart = DateTime.fromISO(today, { zone: DEMO_TIMEZONE }).toJSDate();
      // The seed runs at some time today; sessions before today's midnight are past whenever that is.
      const horizon = new Date(todayStart.getTime() + 120 * 86_400_000);
      const sessions = new Map<string, Occurrence[]>();
      for (const program of DEMO_PROGRAMS) {
        const dates = demoProgramDates(program, today);
        const cacheKey = `${program.name}|${dates.startDate}`;
        if (!expanded.has(cacheKey)) {
          const compiled = compileSchedule({ ...demoSchedule(program), ...dates }, { today: todayStart });
          // Far enough for every day that gives this start date (today ≤ start + startDaysAgo).
          const far = DateTime.fromISO(dates.startDate)
            .plus({ days: program.startDaysAgo + 130 })
            .toJSDate();
          expanded.set(cacheKey, compiled.between(compiled.earliestInstant(), far));
        }
        sessions.set(
          program.name.toLowerCase(),
          expanded.get(cacheKey)!.filter((s) => s.startsAt < horizon),
        );
      }
      const dates = new Map([...sessions].map(([name, list]) => [name, list.map((s) => s.localDate)]));
      const resolved = new Map(whens.map((when) => [when, resolveWhen(when, dates)]));
      const at = (when: DemoWhen) => resolved.get(when) ?? null;
      return { todayStart, sessions, at };
    }

    it('has enough past sessions for the attendance, and a six-week club that has ended', () => {
      for (const today of days) {
        const { todayStart, sessions } = simulate(today);
        for (const program of DEMO_PROGRAMS) {
          const past = sessions.get(program.name.toLowerCase())!.filter((s) => s.startsAt < todayStart);
          expect({ today, program: program.name, enough: past.length >= program.sessions.length }).toEqual({
            today,
            program: program.name,
            enough: true,
          });
        }
        const club = sessions.get(CODING_CLUB.toLowerCase())!;
        expect({ today, club: club.length, ended: club.every((s) => s.startsAt < todayStart) }).toEqual({
          today,
          club: 6,
          ended: true,
        });
      }
    });

    it('dates every visit, feedback, task and closure on a session that exists, every visit in the past', () => {
      const DAY = 86_400_000;
      for (const today of days) {
        const { todayStart, sessions, at } = simulate(today);
        for (const when of whens)
          expect({ today, when, resolved: at(when) !== null }).toEqual({ today, when, resolved: true });
        for (const visit of DEMO_VISITS) {
          const time = at(visit.when)!.getTime();
          // A visit is one made: never dated after the day the seed runs (one planned is a task).
          const ok = time < todayStart.getTime();
          expect({ today, visit: visit.notes, ok }).toEqual({ today, visit: visit.notes, ok: true });
        }
        const instants = DEMO_VISITS.map((v) => `${v.organization}|${at(v.when)!.toISOString()}`);
        expect(duplicates(instants)).toEqual([]);
        for (const feedback of DEMO_FEEDBACK) {
          const given = at(feedback.given)!;
          const about = sessions.get(feedback.program.toLowerCase())![feedback.session ?? feedback.given.session];
          const ok = given < todayStart && given >= about.endsAt;
          expect({ today, feedback: feedback.worked, ok }).toEqual({ today, feedback: feedback.worked, ok: true });
        }
        const due = DEMO_TASKS.map((task) => ({ task, at: at(task.due)! }));
        const overdue = due.filter(({ task, at }) => !task.done && at < todayStart);
        const ahead = due.filter(({ task, at }) => !task.done && at.getTime() > todayStart.getTime() + DAY);
        const done = due.filter(({ task }) => task.done);
        expect({ today, overdue: overdue.length >= 2, ahead: ahead.length >= 1, done: done.length >= 2 }).toEqual({
          today,
          overdue: true,
          ahead: true,
          done: true,
        });
        const closures = demoClosures(
          DateTime.fromJSDate(at(DEMO_CLOSURE_ANCHOR)!, { zone: DEMO_TIMEZONE }).toISODate()!,
        );
        const dropIns = new Set(sessions.get(DROP_IN.toLowerCase())!.map((s) => s.localDate));
        const upcoming = closures.filter(
          (c) => c.date >= today && c.date <= DateTime.fromISO(today).plus({ days: 110 }).toISODate()!,
        );
        expect({ today, all: closures.length, upcoming: upcoming.length >= 2 }).toEqual({
          today,
          all: closures.length,
          upcoming: true,
        });
        expect({ today, cancelsADropIn: closures.some((c) => dropIns.has(c.date)) }).toEqual({
          today,
          cancelsADropIn: true,
        });
      }
    });
  });

  describe('passes the API validation', () => {
    const today = '2026-11-18';

    it.each(DEMO_PROGRAMS.map((p) => [p.name, p] as const))('program %s and its sessions', (_name, program) => {
      const created = {
        name: program.name,
        description: program.description,
        status: program.status,
        partners: program.partners.map((p) => ({ organizationId: randomUUID(), role: p.role })),
        audienceIds: program.audiences.map(() => randomUUID()),
        libraryGoal: program.libraryGoal,
        partnerGoal: program.partnerGoal,
        schedule: demoSchedule(program),
        ...demoProgramDates(program, today),
      };
      expect(invalidFields(CreateProgramDto, created)).toEqual([]);
      for (const session of program.sessions) {
        const change = typeof session === 'number' ? { attendance: session } : session;
        expect(invalidFields(UpdateSessionDto, { ...change, version: 1 })).toEqual([]);
      }
    });

    it.each(DEMO_VISITS.map((v) => [`${v.organization}: ${v.notes.slice(0, 40)}`, v] as const))(
      'visit at %s',
      (_name, visit) => {
        const body = {
          organizationId: randomUUID(),
          programId: visit.program ? randomUUID() : null,
          visitedAt: new Date().toISOString(),
          location: visit.location,
          purpose: visit.purpose,
          staffIds: visit.staff.map(() => randomUUID()),
          contactIds: visit.contacts.map(() => randomUUID()),
          invitationsHandedOut: visit.invitationsHandedOut ?? 0,
          peopleReached: visit.peopleReached ?? 0,
          notes: visit.notes,
        };
        expect(invalidFields(CreateVisitDto, body)).toEqual([]);
      },
    );

    it.each(DEMO_FEEDBACK.map((f) => [`${f.source}: ${f.worked}`, f] as const))('feedback %s', (_name, feedback) => {
      const answers = {
        rating: feedback.rating,
        outcomes: feedback.outcomes,
        worked: feedback.worked,
        didntWork: feedback.didntWork,
        suggestions: feedback.suggestions,
      };
      if (feedback.source === FeedbackSource.Youth) expect(invalidFields(PublicFeedbackDto, answers)).toEqual([]);
      const body = {
        ...answers,
        source: feedback.source,
        programId: randomUUID(),
        organizationId: randomUUID(),
        sessionId: randomUUID(),
        actionTaken: feedback.actionTaken,
      };
      expect(invalidFields(CreateFeedbackDto, body)).toEqual([]);
    });

    it.each(DEMO_TASKS.map((t) => [t.title, t] as const))('task %s', (_title, task) => {
      const body = {
        title: task.title,
        dueAt: new Date().toISOString(),
        assigneeId: randomUUID(),
        organizationId: randomUUID(),
        programId: randomUUID(),
        visitId: randomUUID(),
        status: task.done ? 'done' : 'open',
      };
      expect(invalidFields(CreateTaskDto, body)).toEqual([]);
    });

    it('closures', () => {
      for (const closure of demoClosures(today)) expect(invalidFields(CreateClosureDto, closure)).toEqual([]);
    });
  });
});
