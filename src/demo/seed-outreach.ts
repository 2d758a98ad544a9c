import type { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ClosureService } from '../closure/closure.service';
import { Clock } from '../common/clock/clock';
import { MAX_PAGE_SIZE, Page } from '../common/dto/pagination.dto';
import { ContactService } from '../contact/contact.service';
import { FeedbackLink } from '../feedback/feedback-link.entity';
import { FeedbackLinkService } from '../feedback/feedback-link.service';
import { FeedbackSource } from '../feedback/feedback.entity';
import { FeedbackService } from '../feedback/feedback.service';
import { offeredLanguage } from '../library/library-language';
import { LibrarySettingsService } from '../library/library-settings.service';
import { ProgramSession } from '../program/program-session.entity';
import { Program, ProgramStatus } from '../program/program.entity';
import { ProgramService } from '../program/program.service';
import { TaskStatus } from '../task/task.entity';
import { TaskService } from '../task/task.service';
import { ReminderTriggerType } from '../reminder/reminder.entity';
import { ReminderService } from '../reminder/reminder.service';
import { VisitService } from '../visit/visit.service';
import {
  DEMO_CLOSURE_ANCHOR,
  DEMO_FEEDBACK,
  DEMO_PROGRAMS,
  DEMO_REMINDERS,
  DEMO_TASKS,
  DEMO_VISITS,
  DemoFeedback,
  DemoProgram,
  demoClosures,
  demoProgramDates,
  demoSchedule,
  localToday,
  resolveWhen,
} from './demo-outreach';

export interface Tally {
  created: number;
  unchanged: number;
}

/**
 * Where the seed finds the app's services: the Nest application context of `npm run seed:demo`,
 * or the running app (POST /api/v1/demo-data, through ModuleRef).
 */
export interface DemoServices {
  get<TInput = unknown, TResult = TInput>(typeOrToken: Type<TInput> | string | symbol): TResult;
}

/**
 * The demo's language for a record when the library offers it, else undefined (the library's
 * default): a library that speaks only English still gets the whole demo.
 */
export async function demoLanguage(app: DemoServices, language: string | undefined): Promise<string | undefined> {
  if (language === undefined) return undefined;
  const { settings } = await app.get(LibrarySettingsService).current();
  return offeredLanguage(settings, language) ?? undefined;
}

/** What the directory half of the seed hands on. Maps are keyed by lower-cased name or email. */
export interface OutreachContext {
  app: DemoServices;
  actor: AuthUser;
  log: (line: string) => void;
  /** Reports one kind of record: its progress line and its share of the totals. */
  report: (kind: string, label: string, tally: Tally, extra?: string) => void;
  /** Demo staff email → user id, or null when that user is inactive. */
  staffIds: ReadonlyMap<string, string | null>;
  organizationIds: ReadonlyMap<string, string>;
  audienceIds: ReadonlyMap<string, string>;
}

const DAY_MS = 86_400_000;
const key = (name: string) => name.trim().toLowerCase();

async function allPages<T>(fetch: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await fetch(offset);
    all.push(...page.data);
    if (page.data.length < MAX_PAGE_SIZE) return all;
  }
}

/**
 * The outreach story (demo-outreach.ts): programs with a season of sessions, closure days,
 * visits, feedback and follow-up tasks, through the app's services like the rest of the seed.
 *
 * Idempotent on keys that do not depend on the day the seed runs. Only a program's start date
 * comes from today, when the seed creates the program; every other date is counted from the
 * program's stored sessions (`DemoWhen`), so a re-run on any later day computes the same
 * instants. The keys:
 * - programs by name (ignoring case); the attendance, staff cancellations and notes of their
 *   past sessions, and a completed program's final status, are recorded only when the seed
 *   creates the program (anything else would change a session someone may have edited);
 * - closures by date (one per day is all the schema allows);
 * - visits by organization and `visitedAt` (to the minute, as computed);
 * - feedback by program, source and its "what worked" answer (ignoring case);
 * - feedback links: a program with demo youth feedback needs one; any link of it will do;
 * - tasks by title (ignoring case).
 * Answers the programs' ids by name (lower case). What already exists is left as it is. A record whose anchor session does not exist (a
 * program of the same name that someone else made, with a shorter history) is skipped.
 */
export async function seedOutreach(ctx: OutreachContext): Promise<Map<string, string>> {
  const { app, actor } = ctx;
  const programs = app.get(ProgramService);

  // Programs, and the sessions every later date is counted from.
  const existing = new Map(
    (await allPages((offset) => programs.list({ limit: MAX_PAGE_SIZE, offset }))).map((program) => [
      key(program.name),
      program,
    ]),
  );
  const programTally: Tally = { created: 0, unchanged: 0 };
  const session = { count: 0, attended: 0, cancelled: 0 };
  const programIds = new Map<string, string>();
  const sessionsOf = new Map<string, ProgramSession[]>();
  for (const demo of DEMO_PROGRAMS) {
    const found = existing.get(key(demo.name));
    if (found) {
      programTally.unchanged += 1;
      programIds.set(key(demo.name), found.id);
      sessionsOf.set(key(demo.name), await sessionsFromStart(programs, found));
      continue;
    }
    const program = await createProgram(ctx, demo);
    const sessions = await sessionsFromStart(programs, program);
    const recorded = await recordSessions(ctx, demo, sessions);
    if (demo.status === ProgramStatus.Completed) {
      await programs.update(program.id, { version: program.version, status: ProgramStatus.Completed }, actor);
    }
    programTally.created += 1;
    session.count += sessions.length;
    session.attended += recorded.attended;
    session.cancelled += recorded.cancelled;
    programIds.set(key(demo.name), program.id);
    sessionsOf.set(key(demo.name), await sessionsFromStart(programs, program));
  }
  ctx.report(
    'programs',
    'Programs',
    programTally,
    programTally.created > 0
      ? ` (with ${session.count} sessions: attendance recorded for ${session.attended}, ${session.cancelled} cancelled by staff)`
      : '',
  );
  const sessionDates = new Map([...sessionsOf].map(([name, sessions]) => [name, sessions.map((s) => s.localDate)]));

  await seedClosures(ctx, sessionDates);
  const visitIds = await seedVisits(ctx, programIds, sessionDates);
  await seedFeedback(ctx, programIds, sessionsOf, sessionDates);
  await seedTasks(ctx, programIds, visitIds, sessionDates);
  await seedReminders(ctx, programIds);
  return programIds;
}

async function createProgram(ctx: OutreachContext, demo: DemoProgram): Promise<Program> {
  const ids = (names: readonly string[], from: ReadonlyMap<string, string>, kind: string) =>
    names.map((name) => {
      const id = from.get(key(name));
      if (!id) throw new Error(`demo data refers to the unknown ${kind} "${name}"`);
      return id;
    });
  const { startDate, endDate } = demoProgramDates(demo, localToday(ctx.app.get(Clock).now()));
  const partnerIds = ids(
    demo.partners.map((p) => p.organization),
    ctx.organizationIds,
    'organization',
  );
  return ctx.app.get(ProgramService).create(
    {
      name: demo.name,
      description: demo.description,
      // A completed program's sessions are made while it runs; it is completed afterwards.
      status: demo.status === ProgramStatus.Completed ? ProgramStatus.Running : demo.status,
      partners: demo.partners.map((partner, index) => ({ organizationId: partnerIds[index], role: partner.role })),
      audienceIds: ids(demo.audiences, ctx.audienceIds, 'audience'),
      libraryGoal: demo.libraryGoal,
      partnerGoal: demo.partnerGoal,
      schedule: demoSchedule(demo),
      startDate,
      endDate,
      language: await demoLanguage(ctx.app, demo.language),
    },
    ctx.actor,
  );
}

/** Every materialized session of the program, in start order. */
async function sessionsFromStart(programs: ProgramService, program: Program): Promise<ProgramSession[]> {
  // Two days before the start date covers any zone offset; two years is the longest range the
  // service reads, far past any session a DemoWhen counts to.
  const from = new Date(new Date(`${program.startDate}T00:00:00Z`).getTime() - 2 * DAY_MS);
  return programs.listSessions(program.id, from, new Date(from.getTime() + 730 * DAY_MS));
}

/** Attendance, staff cancellations and notes on the first past sessions of a program just created. */
async function recordSessions(
  ctx: OutreachContext,
  demo: DemoProgram,
  sessions: ProgramSession[],
): Promise<{ attended: number; cancelled: number }> {
  const now = ctx.app.get(Clock).now();
  const past = sessions.filter((s) => s.startsAt < now);
  let attended = 0;
  let cancelled = 0;
  for (const [index, record] of demo.sessions.entries()) {
    const target = past[index];
    if (!target) break;
    const change = typeof record === 'number' ? { attendance: record } : { ...record };
    await ctx.app.get(ProgramService).updateSession(target.id, { ...change, version: target.version }, ctx.actor);
    if (change.attendance !== undefined) attended += 1;
    if ('cancelled' in change && change.cancelled) cancelled += 1;
  }
  return { attended, cancelled };
}

async function seedClosures(ctx: OutreachContext, sessionDates: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const closures = ctx.app.get(ClosureService);
  const tally: Tally = { created: 0, unchanged: 0 };
  const anchor = resolveWhen(DEMO_CLOSURE_ANCHOR, sessionDates);
  if (anchor) {
    const anchorDate = localToday(anchor);
    const planned = demoClosures(anchorDate);
    const taken = new Set(
      (await closures.list({ from: planned[0].date, to: planned[planned.length - 1].date })).map((c) => c.date),
    );
    for (const closure of planned) {
      if (taken.has(closure.date)) {
        tally.unchanged += 1;
        continue;
      }
      await closures.create(closure, ctx.actor);
      tally.created += 1;
    }
  }
  ctx.report('closures', 'Closures', tally);
}

/** Returns the ids of the visits that have a `ref`, by ref. */
async function seedVisits(
  ctx: OutreachContext,
  programIds: ReadonlyMap<string, string>,
  sessionDates: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, string>> {
  const visits = ctx.app.get(VisitService);
  const contacts = ctx.app.get(ContactService);
  const tally: Tally = { created: 0, unchanged: 0 };
  const refs = new Map<string, string>();
  // Per organization: its visits by instant, and its contacts by name.
  const visitsAt = new Map<string, Map<number, string>>();
  const contactIds = new Map<string, Map<string, string>>();
  for (const demo of DEMO_VISITS) {
    const organizationId = ctx.organizationIds.get(key(demo.organization));
    const visitedAt = resolveWhen(demo.when, sessionDates);
    if (!organizationId || !visitedAt) continue;
    if (!visitsAt.has(organizationId)) {
      const present = await allPages((offset) => visits.list({ organizationId, limit: MAX_PAGE_SIZE, offset }));
      visitsAt.set(organizationId, new Map(present.map(({ visit }) => [visit.visitedAt.getTime(), visit.id])));
      const people = await allPages((offset) =>
        contacts.list({ organizationId, limit: MAX_PAGE_SIZE, offset }, ctx.actor),
      );
      contactIds.set(organizationId, new Map(people.map((contact) => [key(contact.name), contact.id])));
    }
    const already = visitsAt.get(organizationId)!.get(visitedAt.getTime());
    if (already) {
      tally.unchanged += 1;
      if (demo.ref) refs.set(demo.ref, already);
      continue;
    }
    const staffIds = demo.staff.map((email) => ctx.staffIds.get(key(email))).filter((id): id is string => !!id);
    const people = contactIds.get(organizationId)!;
    const { visit } = await visits.recordVisit(
      {
        organizationId,
        programId: demo.program ? (programIds.get(key(demo.program)) ?? null) : null,
        visitedAt: visitedAt.toISOString(),
        location: demo.location,
        purpose: demo.purpose,
        staffIds: staffIds.length > 0 ? staffIds : [ctx.actor.id],
        contactIds: demo.contacts.map((name) => people.get(key(name))).filter((id): id is string => !!id),
        invitationsHandedOut: demo.invitationsHandedOut ?? 0,
        peopleReached: demo.peopleReached ?? 0,
        notes: demo.notes,
      },
      ctx.actor,
    );
    visitsAt.get(organizationId)!.set(visitedAt.getTime(), visit.id);
    if (demo.ref) refs.set(demo.ref, visit.id);
    tally.created += 1;
  }
  ctx.report('visits', 'Visits', tally);
  return refs;
}

const feedbackKey = (source: FeedbackSource, worked: string | null) => `${source}|${key(worked ?? '')}`;

async function seedFeedback(
  ctx: OutreachContext,
  programIds: ReadonlyMap<string, string>,
  sessionsOf: ReadonlyMap<string, readonly ProgramSession[]>,
  sessionDates: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  const feedback = ctx.app.get(FeedbackService);
  const links = ctx.app.get(FeedbackLinkService);
  const dataSource = ctx.app.get(DataSource);

  // Youth feedback comes in through the program's public link, as it would from a phone.
  const linkTally: Tally = { created: 0, unchanged: 0 };
  const linkOf = new Map<string, FeedbackLink>();
  for (const name of new Set(
    DEMO_FEEDBACK.filter((f) => f.source === FeedbackSource.Youth).map((f) => key(f.program)),
  )) {
    const programId = programIds.get(name);
    if (!programId) continue;
    const [newest] = (await links.listLinks(programId, 1, 0)).data;
    if (newest) {
      linkTally.unchanged += 1;
      linkOf.set(name, newest);
      continue;
    }
    const created = await links.createLink(programId, ctx.actor);
    linkOf.set(name, created.link);
    linkTally.created += 1;
    const program = DEMO_PROGRAMS.find((p) => key(p.name) === name)!;
    ctx.log(`Youth feedback form for ${program.name} (share it as a QR code; shown only now): ${created.url}`);
  }
  ctx.report('feedbackLinks', 'Feedback links', linkTally);

  const tally: Tally = { created: 0, unchanged: 0 };
  const present = new Map<string, Set<string>>();
  for (const demo of DEMO_FEEDBACK) {
    const programId = programIds.get(key(demo.program));
    const given = resolveWhen(demo.given, sessionDates);
    if (!programId || !given) continue;
    if (!present.has(programId)) {
      const rows = await allPages((offset) => feedback.list({ programId, limit: MAX_PAGE_SIZE, offset }));
      present.set(programId, new Set(rows.map((row) => feedbackKey(row.source, row.worked))));
    }
    if (present.get(programId)!.has(feedbackKey(demo.source, demo.worked))) {
      tally.unchanged += 1;
      continue;
    }
    const id = await recordOne(
      ctx,
      demo,
      programId,
      linkOf.get(key(demo.program)),
      sessionsOf.get(key(demo.program)) ?? [],
    );
    if (!id) continue;
    // The API has no field for when feedback was given: created_at is when it was entered.
    // The demo's feedback is a season's worth, so it is dated to when it was given, after the
    // session it is about; the audit log still says when the seed entered it.
    await dataSource.query(`UPDATE feedback SET created_at = $2 WHERE id = $1`, [id, given]);
    present.get(programId)!.add(feedbackKey(demo.source, demo.worked));
    tally.created += 1;
  }
  ctx.report('feedback', 'Feedback', tally);
}

/** Records one demo feedback; returns its id, or null when what it refers to is not there. */
async function recordOne(
  ctx: OutreachContext,
  demo: DemoFeedback,
  programId: string,
  link: FeedbackLink | undefined,
  sessions: readonly ProgramSession[],
): Promise<string | null> {
  const feedback = ctx.app.get(FeedbackService);
  const answers = {
    rating: demo.rating,
    outcomes: demo.outcomes,
    worked: demo.worked,
    didntWork: demo.didntWork ?? null,
    suggestions: demo.suggestions ?? null,
    language: await demoLanguage(ctx.app, demo.language),
  };
  if (demo.source === FeedbackSource.Youth) {
    if (!link) return null;
    const row = await feedback.recordPublicFeedback(link, answers);
    // Closing the loop: what the team did about it, entered by staff afterwards.
    if (demo.actionTaken)
      await feedback.update(row.id, { version: row.version, actionTaken: demo.actionTaken }, ctx.actor);
    return row.id;
  }
  const session = demo.session === undefined ? undefined : sessions[demo.session];
  if (demo.session !== undefined && !session) return null;
  const organizationId = demo.organization ? ctx.organizationIds.get(key(demo.organization)) : undefined;
  const row = await feedback.recordFeedback(
    {
      source: demo.source,
      organizationId: organizationId ?? null,
      programId,
      sessionId: session?.id ?? null,
      ...answers,
      actionTaken: demo.actionTaken ?? null,
    },
    ctx.actor,
  );
  return row.id;
}

async function seedTasks(
  ctx: OutreachContext,
  programIds: ReadonlyMap<string, string>,
  visitIds: ReadonlyMap<string, string>,
  sessionDates: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  const tasks = ctx.app.get(TaskService);
  const tally: Tally = { created: 0, unchanged: 0 };
  const titles = new Set(
    (await allPages((offset) => tasks.list({ limit: MAX_PAGE_SIZE, offset }))).map((task) => key(task.title)),
  );
  for (const demo of DEMO_TASKS) {
    if (titles.has(key(demo.title))) {
      tally.unchanged += 1;
      continue;
    }
    const dueAt = resolveWhen(demo.due, sessionDates);
    if (!dueAt) continue;
    const visitId = demo.visit ? visitIds.get(demo.visit) : undefined;
    await tasks.create(
      {
        title: demo.title,
        dueAt: dueAt.toISOString(),
        assigneeId: ctx.staffIds.get(key(demo.assignee)) ?? ctx.actor.id,
        organizationId: demo.organization ? (ctx.organizationIds.get(key(demo.organization)) ?? null) : null,
        programId: demo.program ? (programIds.get(key(demo.program)) ?? null) : null,
        visitId: visitId ?? null,
        status: demo.done ? TaskStatus.Done : TaskStatus.Open,
      },
      ctx.actor,
    );
    titles.add(key(demo.title));
    tally.created += 1;
  }
  ctx.report('tasks', 'Tasks', tally);
}

/** Reminder rules for the recurring programs, matched by title (ignoring case). */
async function seedReminders(ctx: OutreachContext, programIds: ReadonlyMap<string, string>): Promise<void> {
  const reminders = ctx.app.get(ReminderService);
  const contacts = ctx.app.get(ContactService);
  const programs = ctx.app.get(ProgramService);
  const tally: Tally = { created: 0, unchanged: 0 };
  const titles = new Set(
    (await allPages((offset) => reminders.list({ limit: MAX_PAGE_SIZE, offset }))).map((record) =>
      key(record.reminder.title),
    ),
  );
  for (const demo of DEMO_REMINDERS) {
    if (titles.has(key(demo.title))) {
      tally.unchanged += 1;
      continue;
    }
    const programId = programIds.get(key(demo.program));
    if (!programId) continue;
    // The named contacts, looked up among the program's partner organizations.
    const partners = (await programs.get(programId)).partners ?? [];
    const people = new Map<string, string>();
    for (const partner of partners) {
      for (const contact of await allPages((offset) =>
        contacts.list({ organizationId: partner.organizationId, limit: MAX_PAGE_SIZE, offset }, ctx.actor),
      )) {
        people.set(key(contact.name), contact.id);
      }
    }
    const recipientIds = demo.staff.map((email) => ctx.staffIds.get(key(email))).filter((id): id is string => !!id);
    const recipientContactIds = demo.contacts.map((name) => people.get(key(name))).filter((id): id is string => !!id);
    if (recipientIds.length + recipientContactIds.length === 0) continue;
    await reminders.create(
      {
        title: demo.title,
        message: demo.message,
        trigger: { type: ReminderTriggerType.Session, programId, offsetMinutes: demo.offsetMinutes },
        recipientIds,
        recipientContactIds,
      },
      ctx.actor,
    );
    titles.add(key(demo.title));
    tally.created += 1;
  }
  ctx.report('reminders', 'Reminders', tally);
}
