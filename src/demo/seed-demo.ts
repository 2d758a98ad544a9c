import { DataSource, IsNull, MoreThan } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Role } from '../auth/role.enum';
import { Clock } from '../common/clock/clock';
import { MAX_PAGE_SIZE, Page } from '../common/dto/pagination.dto';
import { randomToken, sha256 } from '../common/crypto';
import { authConfig, AuthConfig } from '../config/configuration';
import { LibrarySettingsService } from '../library/library-settings.service';
import { DEFAULTS_VERSION } from '../settings/versioned-setting.store';
import { ContactService } from '../contact/contact.service';
import { Organization } from '../organization/organization.entity';
import { StageChange } from '../organization/stage-change.entity';
import { OrganizationService } from '../organization/organization.service';
import { Invitation } from '../user/invitation.entity';
import { User } from '../user/user.entity';
import { normalizeEmail, UserService } from '../user/user.service';
import { AudienceService, CapabilityService } from '../vocabulary/vocabulary.service';
import {
  DEMO_ADMIN,
  DEMO_AUDIENCES,
  DEMO_CAPABILITIES,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  DemoOrganization,
  DemoStageStep,
  DemoUser,
} from './demo-data';
import { DEMO_LIBRARY_NAME, DEMO_TIMEZONE } from './demo-outreach';
import { seedCheckIns } from './seed-check-ins';
import { seedGoals } from './seed-goals';
import { demoLanguage, seedOutreach, type DemoServices, type Tally } from './seed-outreach';

export interface SeedResult {
  created: number;
  unchanged: number;
  /** The same, per kind of record (see SEED_KINDS). */
  kinds: Record<SeedKind, Tally>;
}

/** The kinds of record the seed reports, in the order it loads them, with their names in the summary. */
export const SEED_KINDS = {
  admin: ['admin', 'admins'],
  staff: ['staff member', 'staff'],
  audiences: ['audience', 'audiences'],
  capabilities: ['capability', 'capabilities'],
  organizations: ['organization', 'organizations'],
  contacts: ['contact', 'contacts'],
  programs: ['program', 'programs'],
  closures: ['closure', 'closures'],
  visits: ['visit', 'visits'],
  feedbackLinks: ['feedback link', 'feedback links'],
  feedback: ['feedback', 'feedback'],
  tasks: ['task', 'tasks'],
  reminders: ['reminder', 'reminders'],
  checkIns: ['check-in', 'check-ins'],
  goals: ['goal', 'goals'],
} as const;
export type SeedKind = keyof typeof SEED_KINDS;

/** Every page of a paginated service list. */
async function allPages<T>(fetch: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await fetch(offset);
    all.push(...page.data);
    if (page.data.length < MAX_PAGE_SIZE) return all;
  }
}

const key = (name: string) => name.trim().toLowerCase();

function asActor(user: User): AuthUser {
  // The seed acts outside any sign-in session; the services only record the actor's id.
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: 'demo-seed' };
}

/**
 * Loads the demo data set (src/demo/demo-data.ts, then the outreach story of
 * src/demo/demo-outreach.ts through seedOutreach, then the answered check-in round of
 * src/demo/demo-check-ins.ts through seedCheckIns) through the app's own services, so it is
 * validated, audited and on the timelines like anything a user enters.
 *
 * Idempotent by natural keys: users by email, audiences, capabilities and organizations by
 * name (ignoring case), contacts by organization and name; programs, closures, visits,
 * feedback and tasks by the keys described in seed-outreach.ts; the check-in by its
 * organization (one with any check-in is left alone); none of which depends on the day the seed
 * runs. Whatever already exists is left exactly as it is, never updated; an
 * organization's stage history and timeline notes, and a program's attendance, are written
 * only when the seed creates it. A second run, on any day, therefore creates and changes nothing.
 *
 * The changes are made as `options.actor` (the admin who asked for them in the app), else as
 * the first active admin. When there is none, the seed creates `demo-admin@example.org` (admin,
 * no password) and prints a one-time invitation token to choose its password: Tandem then has a
 * user, so POST /auth/setup is closed, and that token is the only way in.
 */
export async function seedDemo(
  app: DemoServices,
  log: (line: string) => void,
  options: { actor?: AuthUser } = {},
): Promise<SeedResult> {
  const dataSource = app.get(DataSource);
  const users = app.get(UserService);
  const audiences = app.get(AudienceService);
  const capabilities = app.get(CapabilityService);
  const organizations = app.get(OrganizationService);
  const contacts = app.get(ContactService);
  const kinds = Object.fromEntries(
    Object.keys(SEED_KINDS).map((kind) => [kind, { created: 0, unchanged: 0 }]),
  ) as Record<SeedKind, Tally>;
  const total: SeedResult = { created: 0, unchanged: 0, kinds };
  const count = (kind: SeedKind, tally: Tally) => {
    total.created += tally.created;
    total.unchanged += tally.unchanged;
    kinds[kind].created += tally.created;
    kinds[kind].unchanged += tally.unchanged;
  };
  const report = (kind: SeedKind, label: string, tally: Tally, extra = '') => {
    count(kind, tally);
    log(`${label}: ${tally.created} created, ${tally.unchanged} already there${extra}`);
  };

  let actor: AuthUser;
  if (options.actor) {
    actor = options.actor;
    log('Acting as the signed-in admin');
  } else {
    actor = await resolveActor(app, dataSource, users, log, (tally) => count('admin', tally));
  }

  // A library never set up (its settings still the defaults) becomes the demo's library: its name,
  // and the zone the demo's programs run in, so due dates and times read as the story means them.
  const library = app.get(LibrarySettingsService);
  const { version } = await library.current();
  if (version === DEFAULTS_VERSION) {
    await library.update({ version, name: DEMO_LIBRARY_NAME, timezone: DEMO_TIMEZONE }, actor);
    log(`Library: named ${DEMO_LIBRARY_NAME}, time zone ${DEMO_TIMEZONE} (it was not set up yet)`);
  } else {
    log('Library: its settings are left as they are');
  }

  // Library staff. UserService.create would either need a password or email an invitation;
  // these people are fictional, so they are added with no password (invitation pending) and
  // email nobody. An admin can send a real invitation later if one of them becomes real.
  const staff: Tally = { created: 0, unchanged: 0 };
  const staffIds = new Map<string, string | null>();
  for (const demo of DEMO_USERS) {
    const existing = await users.findByEmail(demo.email);
    if (existing) {
      staff.unchanged += 1;
      staffIds.set(key(demo.email), existing.active ? existing.id : null);
    } else {
      const user = await insertUserWithoutPassword(dataSource, demo);
      staff.created += 1;
      staffIds.set(key(demo.email), user.id);
    }
  }
  report('staff', 'Staff', staff);

  const audienceIds = new Map((await audiences.list()).map((term) => [key(term.name), term.id]));
  const audienceTally: Tally = { created: 0, unchanged: 0 };
  for (const demo of DEMO_AUDIENCES) {
    if (audienceIds.has(key(demo.name))) {
      audienceTally.unchanged += 1;
      continue;
    }
    const term = await audiences.create({ ...demo }, actor);
    audienceIds.set(key(term.name), term.id);
    audienceTally.created += 1;
  }
  report('audiences', 'Audiences', audienceTally);

  const capabilityIds = new Map((await capabilities.list()).map((term) => [key(term.name), term.id]));
  const capabilityTally: Tally = { created: 0, unchanged: 0 };
  for (const demo of DEMO_CAPABILITIES) {
    if (capabilityIds.has(key(demo.name))) {
      capabilityTally.unchanged += 1;
      continue;
    }
    const term = await capabilities.create({ ...demo }, actor);
    capabilityIds.set(key(term.name), term.id);
    capabilityTally.created += 1;
  }
  report('capabilities', 'Capabilities', capabilityTally);

  const idsOf = (names: readonly string[], ids: Map<string, string>, kind: string) =>
    names.map((name) => {
      const id = ids.get(key(name));
      if (!id) throw new Error(`demo data refers to the unknown ${kind} "${name}"`);
      return id;
    });

  const existingOrgs = new Map(
    (await allPages((offset) => organizations.list({ limit: MAX_PAGE_SIZE, offset, sort: 'name' }))).map((org) => [
      key(org.name),
      org,
    ]),
  );
  const orgTally: Tally = { created: 0, unchanged: 0 };
  let stageChanges = 0;
  let notes = 0;
  const seeded: { demo: DemoOrganization; org: Organization }[] = [];
  for (const demo of DEMO_ORGANIZATIONS) {
    const existing = existingOrgs.get(key(demo.name));
    if (existing) {
      orgTally.unchanged += 1;
      seeded.push({ demo, org: existing });
      continue;
    }
    const [first, ...later] = demo.stages;
    let org = await organizations.create(
      {
        name: demo.name,
        type: demo.type,
        website: demo.website,
        email: demo.email ?? null,
        phone: demo.phone ?? null,
        address: demo.address ?? null,
        mission: demo.mission,
        notes: demo.notes,
        stage: first.stage,
        ownerId: staffIds.get(key(demo.owner)) ?? null,
        audienceIds: idsOf(demo.audiences, audienceIds, 'audience'),
        capabilityIds: idsOf(demo.offers, capabilityIds, 'capability'),
        seeksCapabilityIds: idsOf(demo.seeks, capabilityIds, 'capability'),
        tags: [...demo.tags],
        fit: { ...demo.fit },
      },
      actor,
    );
    for (const step of later) {
      org = await organizations.update(
        org.id,
        { version: org.version, stage: step.stage, stageReason: step.reason ?? null },
        actor,
      );
      stageChanges += 1;
    }
    await dateStageHistory(dataSource, org.id, demo.stages, app.get(Clock).now());
    for (const body of demo.timelineNotes ?? []) {
      await organizations.addNote(org.id, { body }, actor);
      notes += 1;
    }
    orgTally.created += 1;
    seeded.push({ demo, org });
  }
  report(
    'organizations',
    'Organizations',
    orgTally,
    orgTally.created > 0 ? ` (with ${stageChanges} stage changes and ${notes} notes on their timelines)` : '',
  );

  const contactTally: Tally = { created: 0, unchanged: 0 };
  for (const { demo, org } of seeded) {
    const present = await allPages((offset) =>
      contacts.list({ organizationId: org.id, limit: MAX_PAGE_SIZE, offset }, actor),
    );
    const names = new Set(present.map((contact) => key(contact.name)));
    // Never take the primary flag from someone already there: that would change their record.
    let hasPrimary = present.some((contact) => contact.isPrimary);
    for (const person of demo.contacts) {
      if (names.has(key(person.name))) {
        contactTally.unchanged += 1;
        continue;
      }
      const isPrimary = person.primary === true && !hasPrimary;
      await contacts.create(
        {
          organizationId: org.id,
          name: person.name,
          title: person.title,
          email: person.email,
          phone: person.phone,
          preferredChannel: person.preferredChannel,
          isPrimary,
          notes: person.notes ?? null,
          language: await demoLanguage(app, person.language),
        },
        actor,
      );
      hasPrimary ||= isPrimary;
      contactTally.created += 1;
    }
  }
  report('contacts', 'Contacts', contactTally);

  const programIds = await seedOutreach({
    app,
    actor,
    log,
    report: (kind, label, tally, extra) => report(kind as SeedKind, label, tally, extra),
    staffIds,
    organizationIds: new Map(seeded.map(({ demo, org }) => [key(demo.name), org.id])),
    audienceIds,
  });

  await seedCheckIns({
    app,
    actor,
    log,
    report: (label, tally, extra) => report('checkIns', label, tally, extra),
    organizationIds: new Map(seeded.map(({ demo, org }) => [key(demo.name), org.id])),
  });

  await seedGoals({
    app,
    actor,
    report: (tally) => report('goals', 'Work-plan goals', tally),
    ids: {
      audiences: audienceIds,
      programs: programIds,
      organizations: new Map(seeded.map(({ demo, org }) => [key(demo.name), org.id])),
    },
  });

  return total;
}

/**
 * The closing line: totals, then what was created per kind (or, when nothing was, what was
 * already there), and where Tandem is when `publicUrl` is given (the command's last line).
 */
export function summaryLine(result: SeedResult, publicUrl?: string): string {
  const field = result.created > 0 ? 'created' : 'unchanged';
  const parts = (Object.keys(SEED_KINDS) as SeedKind[])
    .filter((kind) => result.kinds[kind][field] > 0)
    .map((kind) => {
      const n = result.kinds[kind][field];
      return `${n} ${SEED_KINDS[kind][n === 1 ? 0 : 1]}`;
    });
  const detail = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  const where = publicUrl ? ` (Tandem at ${publicUrl})` : '';
  return result.created > 0
    ? `Demo data loaded: ${result.created} records created${detail}; ${result.unchanged} already there${where}`
    : `Demo data loaded: nothing new, ${result.unchanged} records already there${detail}${where}`;
}

/**
 * The first active admin, or the demo admin (created on first need). While the demo admin
 * still has no password and no usable invitation, a new one-time token is issued and printed.
 */
async function resolveActor(
  app: DemoServices,
  dataSource: DataSource,
  users: UserService,
  log: (line: string) => void,
  count: (tally: Tally) => void,
): Promise<AuthUser> {
  const admins = await users.list({ role: Role.Admin, active: true, sort: 'createdAt', limit: 1, offset: 0 });
  let admin = admins.data[0];
  if (admin) {
    log(`Acting as the first admin, ${admin.email}`);
    if (normalizeEmail(admin.email) === DEMO_ADMIN.email) count({ created: 0, unchanged: 1 });
  } else {
    if (await users.findByEmail(DEMO_ADMIN.email)) {
      throw new Error(
        `Tandem has no active admin, and ${DEMO_ADMIN.email} exists but is not one: make a user an active admin first (PATCH /api/v1/users/:id)`,
      );
    }
    admin = await insertUserWithoutPassword(dataSource, DEMO_ADMIN);
    count({ created: 1, unchanged: 0 });
    log(`No admin yet: created ${DEMO_ADMIN.email} (admin, no password) to own the demo changes`);
  }
  if (normalizeEmail(admin.email) === DEMO_ADMIN.email && admin.passwordHash === null) {
    await printSignInToken(app, dataSource, admin, log);
  }
  return asActor(admin);
}

/**
 * Issues a one-time invitation for the demo admin and prints its token instead of emailing a
 * link (the address is fictional). Whoever runs the seed can already write to the database,
 * so showing them the token gives nothing away. Skipped while an earlier one is still usable,
 * so a second run adds nothing.
 */
async function printSignInToken(
  app: DemoServices,
  dataSource: DataSource,
  admin: User,
  log: (line: string) => void,
): Promise<void> {
  const invitations = dataSource.getRepository(Invitation);
  const now = app.get(Clock).now();
  const live = await invitations.existsBy({
    userId: admin.id,
    acceptedAt: IsNull(),
    revokedAt: IsNull(),
    expiresAt: MoreThan(now),
  });
  if (live) {
    log(
      `${DEMO_ADMIN.email} has no password yet: use the token printed by an earlier run (once it expires, the next run prints a new one)`,
    );
    return;
  }
  const { invitationTtlHours } = app.get<AuthConfig>(authConfig.KEY);
  const token = randomToken();
  await invitations.save(
    invitations.create({
      userId: admin.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + invitationTtlHours * 3600_000),
      createdById: admin.id,
    }),
  );
  log(
    `To sign in as ${DEMO_ADMIN.email}, choose its password within ${invitationTtlHours} h: ` +
      `POST /api/v1/auth/accept-invitation {"token":"${token}","password":"<12+ characters>"}`,
  );
}

/**
 * A user with no password: "invitation pending" in the API, unable to sign in. Written to the
 * table directly because UserService.create would email an invitation to a fictional address.
 */
const DAY_MS = 86_400_000;

/**
 * Dates the stage history the seed has just written for a new organization as demo-data.ts tells
 * (`daysAgo` before `now`), so a partner that has been active for months reads so on its timeline
 * and to the check-in rounds (which ask a partner only once it has been active `firstAfterDays`).
 * The API cannot date a stage change: it happens when it is made. Undated steps stay as written.
 */
async function dateStageHistory(
  dataSource: DataSource,
  organizationId: string,
  steps: readonly DemoStageStep[],
  now: Date,
): Promise<void> {
  if (steps.some((step) => step.daysAgo === undefined)) return;
  const repository = dataSource.getRepository(StageChange);
  const written = await repository.find({ where: { organizationId }, order: { changedAt: 'ASC', id: 'ASC' } });
  if (written.length !== steps.length) return;
  for (const [index, change] of written.entries()) {
    await repository.update(change.id, { changedAt: new Date(now.getTime() - steps[index].daysAgo! * DAY_MS) });
  }
}

function insertUserWithoutPassword(dataSource: DataSource, demo: DemoUser): Promise<User> {
  const repository = dataSource.getRepository(User);
  return repository.save(
    repository.create({
      email: normalizeEmail(demo.email),
      name: demo.name,
      role: demo.role,
      timezone: 'America/Los_Angeles',
      passwordHash: null,
    }),
  );
}
