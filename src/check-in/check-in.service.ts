import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock/clock';
import { isUniqueViolation } from '../common/database-errors';
import { Page } from '../common/dto/pagination.dto';
import { ContactService, type PrimaryContactGap } from '../contact/contact.service';
import { dueDateIn, endOfDayAfter, LibraryCalendar } from '../library/library-calendar';
import { OrganizationStage } from '../organization/organization-stage';
import { OrganizationNotFoundError } from '../organization/organization.errors';
import { OrganizationService } from '../organization/organization.service';
import { DeliveryKind, SkipReason } from '../outbox/delivery-state';
import type { Delivery } from '../outbox/delivery.entity';
import { OutboxService } from '../outbox/outbox.service';
import { TaskService } from '../task/task.service';
import { checkInCandidateRows } from '../read-side/check-in-round.query';
import { UserService } from '../user/user.service';
import { CheckInRespondent, CheckInResponse } from './check-in-response.entity';
import { firstCheckInFrom, notDueReason } from './check-in-due';
import { CheckInSettingsService } from './check-in-settings.service';
import { AreaResult, areaResults, CheckInAnswers, concernAreas, statementResults } from './check-in-survey';
import { CheckIn, CheckInStatus } from './check-in.entity';
import {
  CheckInAlreadyClosedError,
  CheckInAlreadyOpenError,
  CheckInNoRespondentError,
  CheckInNotFoundError,
  CheckInOrganizationEndedError,
} from './check-in.errors';

const DAY_MS = 86_400_000;
/** A concern's follow-up task is due by the end of the library day this many days after the check-in closes. */
export const CONCERN_TASK_DUE_DAYS = 14;
/** The most organizations one round request may name. */
export const MAX_ROUND_ORGANIZATIONS = 1000;
/** Expired check-ins closed per run of the daily job (the rest on the next run). */
const CLOSE_BATCH = 1000;

/** A check-in with its respondents' rows, as the API shows it. */
export interface CheckInView {
  checkIn: CheckIn;
  responses: CheckInResponse[];
}

/**
 * Why a round left an organization out. `too-new` (not yet active for `firstAfterDays`) and
 * `not-active` (no longer active when its turn came) only in a round that picks the partners
 * itself; `recent` there too, when a check-in was opened between the pick and the start.
 */
export type RoundSkipReason = 'not-found' | 'ended' | 'open' | 'recent' | 'too-new' | 'not-active' | 'no-respondent';

/** Why one side of a partnership is not asked: no owner / an inactive one; no primary contact / none with an email / unsubscribed. */
export type RespondentGap =
  | { respondent: CheckInRespondent.Owner; reason: 'no-owner' | 'owner-inactive' }
  | { respondent: CheckInRespondent.Partner; reason: PrimaryContactGap };

export interface RoundStarted {
  organizationId: string;
  name: string;
  checkInId: string;
  respondents: CheckInRespondent[];
  /** Survey emails queued in the outbox (one per respondent; whether each goes out shows on the check-in). */
  emailsQueued: number;
  /** The side not asked, and why. */
  notAsked: RespondentGap[];
}

export interface RoundSkipped {
  organizationId: string;
  /** Null when there is no such organization. */
  name: string | null;
  reason: RoundSkipReason;
  /** For `no-respondent`: why neither side can be asked. Empty otherwise. */
  notAsked: RespondentGap[];
  /** For `too-new`: from when a round will ask it. Null otherwise. */
  firstCheckInFrom: Date | null;
}

/**
 * What a round did, per organization: started (with the emails queued and the side not asked),
 * or skipped with why. Active partners a round that picks them itself leaves out because of their
 * last check-in (one open, one within the interval) are only counted: they are simply not due.
 */
export interface RoundResult {
  started: RoundStarted[];
  skipped: RoundSkipped[];
  notDue: { open: number; recent: number };
  /** Due partners the daily job leaves for the next days (its `dailyLimit` reached); 0 in a round a person sends. */
  deferred: number;
}

/** What one run of the daily job did. */
export interface DailyCheckInResult {
  closed: number;
  started: number;
  skipped: number;
  deferred: number;
}

/** How a check-in came to close (recorded in the audit log). */
export type CloseReason = 'early' | 'deadline' | 'complete';

export interface ClosedCheckIn {
  checkInId: string;
  organizationId: string;
  concerns: AreaResult[];
  taskIds: string[];
}

type StartOutcome =
  | {
      started: CheckIn;
      name: string;
      respondents: CheckInRespondent[];
      emailsQueued: number;
      notAsked: RespondentGap[];
    }
  | {
      skipped: RoundSkipReason;
      name: string | null;
      openCheckInId?: string;
      notAsked?: RespondentGap[];
      firstCheckInFrom?: Date;
    };

interface StartOptions {
  now: Date;
  openedById: string | null;
  respondWithinDays: number;
  /**
   * In a round that picks the partners itself: checked again under the row lock, the partner must
   * still be active and due (no check-in within `intervalMonths`, active for `firstAfterDays`).
   * Null when someone named the organization.
   */
  due: { intervalMonths: number; firstAfterDays: number } | null;
  /** Queue the respondents' emails (false only for the demo seed, whose fictional respondents answer at once). */
  email: boolean;
}

/**
 * Partnership check-ins: starting one (or a round of them), closing them (early, at the
 * deadline, or once everyone answered) and reading them. Answers arrive through
 * PublicCheckInService.
 *
 * Race safety: starting locks the organization's row (`FOR NO KEY UPDATE`, so it does not block
 * the foreign-key checks of other writes) and checks for an open or recent check-in under that
 * lock; the partial unique index `uq_check_ins_open_per_organization` is the backstop. Closing
 * is one guarded `UPDATE … WHERE status = 'open' RETURNING`, so whichever of the deadline job,
 * the last answer or an early close gets there first closes it, exactly once, and makes the
 * concern tasks; the others find nothing to close. Two workers running the daily job at once
 * therefore start and close nothing twice.
 */
@Injectable()
export class CheckInService {
  private readonly logger = new Logger(CheckInService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: CheckInSettingsService,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
    private readonly tasks: TaskService,
    private readonly users: UserService,
    private readonly calendar: LibraryCalendar,
    private readonly contacts: ContactService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Opens a check-in for one organization and queues its emails (to the owner and the primary
   * contact, whoever of them can be asked). 404 unknown organization, 409 one already open,
   * 422 ended or nobody to ask. With `email: false` nobody is emailed: the demo seed answers
   * through the links itself, and a worker must not race it to the fictional addresses.
   */
  async start(
    organizationId: string,
    actor: AuthUser,
    { email = true }: { email?: boolean } = {},
  ): Promise<CheckInView> {
    const now = this.clock.now();
    const { settings } = await this.settings.current();
    const outcome = await this.startOne(organizationId, {
      now,
      openedById: actor.id,
      respondWithinDays: settings.respondWithinDays,
      due: null,
      email,
    });
    if ('skipped' in outcome) {
      switch (outcome.skipped) {
        case 'not-found':
          throw new OrganizationNotFoundError();
        case 'ended':
          throw new CheckInOrganizationEndedError();
        case 'no-respondent':
          throw new CheckInNoRespondentError();
        default:
          throw new CheckInAlreadyOpenError(outcome.openCheckInId ?? '');
      }
    }
    this.logger.log(
      { checkInId: outcome.started.id, organizationId, respondents: outcome.respondents, actorId: actor.id, email },
      'check-in started',
    );
    if (email) await this.outbox.wake([now]);
    return this.get(outcome.started.id);
  }

  /**
   * A round: with `organizationIds`, those organizations (whatever their stage, unless ended,
   * however recent their last check-in and however new: a manager naming them asks on purpose);
   * without, every active organization that is due (check-in-due.ts: no open check-in, none
   * opened within the settings' interval, active for `firstAfterDays`). Each organization is
   * started in a transaction of its own; the result says which started, with how many emails,
   * and why the others did not. `actor` is null for the schedule.
   */
  async startRound(organizationIds: string[] | undefined, actor: AuthUser | null): Promise<RoundResult> {
    const now = this.clock.now();
    const { settings } = await this.settings.current();
    const explicit = organizationIds !== undefined;
    const result: RoundResult = { started: [], skipped: [], notDue: { open: 0, recent: 0 }, deferred: 0 };
    let candidates: string[];
    if (explicit) {
      candidates = [...new Set(organizationIds.map((id) => id.toLowerCase()))];
    } else {
      candidates = [];
      const rows = await checkInCandidateRows(this.dataSource, { now, intervalMonths: settings.intervalMonths });
      for (const row of rows) {
        const reason = notDueReason(row, settings.firstAfterDays, now);
        if (reason === null) candidates.push(row.id);
        else if (reason === 'too-new') {
          result.skipped.push({
            organizationId: row.id,
            name: row.name,
            reason,
            notAsked: [],
            firstCheckInFrom: firstCheckInFrom(row.activeSince, settings.firstAfterDays),
          });
        } else result.notDue[reason] += 1;
      }
      if (actor === null) {
        // The daily job opens at most `dailyLimit` a day (any 24 hours), those active longest first;
        // the rest wait for the next days. A round a person sends asks everyone due.
        const [{ opened }] = await this.dataSource.query<{ opened: number }[]>(
          `SELECT count(*)::int AS opened FROM check_ins
           WHERE opened_by_id IS NULL AND opened_at > $1::timestamptz - interval '24 hours'`,
          [now],
        );
        const since = new Map(rows.map((row) => [row.id, row.activeSince.getTime()]));
        candidates.sort((a, b) => since.get(a)! - since.get(b)! || (a < b ? -1 : 1));
        const room = Math.max(0, settings.dailyLimit - opened);
        result.deferred = Math.max(0, candidates.length - room);
        candidates = candidates.slice(0, room);
      }
    }
    const options: StartOptions = {
      now,
      openedById: actor?.id ?? null,
      respondWithinDays: settings.respondWithinDays,
      due: explicit ? null : { intervalMonths: settings.intervalMonths, firstAfterDays: settings.firstAfterDays },
      email: true,
    };
    for (const organizationId of candidates) {
      const outcome = await this.startOne(organizationId, options);
      if ('started' in outcome) {
        result.started.push({
          organizationId,
          name: outcome.name,
          checkInId: outcome.started.id,
          respondents: outcome.respondents,
          emailsQueued: outcome.emailsQueued,
          notAsked: outcome.notAsked,
        });
      } else {
        result.skipped.push({
          organizationId,
          name: outcome.name,
          reason: outcome.skipped,
          notAsked: outcome.notAsked ?? [],
          firstCheckInFrom: outcome.firstCheckInFrom ?? null,
        });
      }
    }
    if (result.started.length > 0) await this.outbox.wake([now]);
    if (result.started.length + result.skipped.length + result.deferred > 0) {
      this.logger.log(
        {
          started: result.started.length,
          emailsQueued: result.started.reduce((sum, entry) => sum + entry.emailsQueued, 0),
          skipped: result.skipped.length,
          tooNew: result.skipped.filter((entry) => entry.reason === 'too-new').length,
          deferred: result.deferred,
          automatic: actor === null,
          actorId: actor?.id ?? null,
        },
        'check-in round',
      );
    }
    return result;
  }

  /** One organization's check-in, with its respondents, deliveries and audit, in one transaction. */
  private async startOne(organizationId: string, options: StartOptions): Promise<StartOutcome> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const org = await this.organizations.lockWithin(manager, organizationId, 'no-key-update');
        if (!org) return { skipped: 'not-found', name: null };
        const name = org.name;
        if (org.stage === OrganizationStage.Ended) return { skipped: 'ended', name };
        const [open] = await manager.query<{ id: string }[]>(
          `SELECT id FROM check_ins WHERE organization_id = $1 AND status = 'open'`,
          [organizationId],
        );
        if (open) return { skipped: 'open', name, openCheckInId: open.id };
        if (options.due) {
          // Picked before the lock: the same rule again, on what is committed now.
          const [row] = await checkInCandidateRows(manager, {
            now: options.now,
            intervalMonths: options.due.intervalMonths,
            organizationIds: [organizationId],
          });
          if (!row) return { skipped: 'not-active', name };
          const reason = notDueReason(row, options.due.firstAfterDays, options.now);
          if (reason === 'too-new')
            return {
              skipped: reason,
              name,
              firstCheckInFrom: firstCheckInFrom(row.activeSince, options.due.firstAfterDays),
            };
          if (reason) return { skipped: reason, name, openCheckInId: row.openCheckInId ?? undefined };
        }

        const { respondents, notAsked } = await this.respondentsOf(manager, org.id, org.ownerId);
        if (respondents.length === 0) return { skipped: 'no-respondent', name, notAsked };

        const checkIn = await manager.save(
          manager.create(CheckIn, {
            organizationId,
            status: CheckInStatus.Open,
            openedAt: options.now,
            closesAt: new Date(options.now.getTime() + options.respondWithinDays * DAY_MS),
            closedAt: null,
            openedById: options.openedById,
            areaScores: null,
            responseCount: 0,
            lastResponseAt: null,
          }),
        );
        for (const respondent of respondents) {
          const response = await manager.save(
            manager.create(CheckInResponse, {
              checkInId: checkIn.id,
              ...respondent,
              answers: null,
              comment: null,
              answeredAt: null,
            }),
          );
          if (!options.email) continue;
          await this.outbox.enqueueWithin(manager, [
            {
              kind: DeliveryKind.CheckIn,
              checkInResponseId: response.id,
              recipient: respondent.userId ? { userId: respondent.userId } : { contactId: respondent.contactId! },
              occurrenceKey: 'check-in',
              occurrenceAt: options.now,
              dueAt: options.now,
            },
          ]);
        }
        await this.audit.record(manager, {
          actorId: options.openedById,
          entityType: 'check-in',
          entityId: checkIn.id,
          action: 'create',
          changes: {
            organizationId: { before: null, after: organizationId },
            closesAt: { before: null, after: checkIn.closesAt.toISOString() },
            respondents: { before: null, after: respondents.map((r) => r.respondent) },
          },
        });
        return {
          started: checkIn,
          name,
          respondents: respondents.map((r) => r.respondent),
          emailsQueued: options.email ? respondents.length : 0,
          notAsked,
        };
      });
    } catch (error) {
      // The backstop: an open check-in inserted by a writer that did not take the row lock.
      if (isUniqueViolation(error, 'uq_check_ins_open_per_organization')) return { skipped: 'open', name: null };
      throw error;
    }
  }

  /**
   * Who is asked: the organization's owner when an active user, and its primary contact when
   * they have an email address and have not unsubscribed (an erased contact no longer exists);
   * and, for the side that is not, why.
   */
  private async respondentsOf(
    manager: EntityManager,
    organizationId: string,
    ownerId: string | null,
  ): Promise<{
    respondents: { respondent: CheckInRespondent; userId: string | null; contactId: string | null }[];
    notAsked: RespondentGap[];
  }> {
    const respondents: { respondent: CheckInRespondent; userId: string | null; contactId: string | null }[] = [];
    const notAsked: RespondentGap[] = [];
    if (!ownerId) notAsked.push({ respondent: CheckInRespondent.Owner, reason: 'no-owner' });
    else if (!(await this.users.activeIds([ownerId], manager)).has(ownerId))
      notAsked.push({ respondent: CheckInRespondent.Owner, reason: 'owner-inactive' });
    else respondents.push({ respondent: CheckInRespondent.Owner, userId: ownerId, contactId: null });
    const partner = await this.contacts.primaryReach(organizationId, manager);
    if (partner.contactId === null) notAsked.push({ respondent: CheckInRespondent.Partner, reason: partner.reason });
    else respondents.push({ respondent: CheckInRespondent.Partner, userId: null, contactId: partner.contactId });
    return { respondents, notAsked };
  }

  /** Closes an open check-in before its deadline. 404 unknown, 409 already closed. */
  async close(id: string, actor: AuthUser): Promise<CheckInView> {
    const now = this.clock.now();
    const closed = await this.dataSource.transaction((manager) =>
      this.closeInTransaction(manager, id, { actorId: actor.id, now, reason: 'early' }),
    );
    if (!closed) {
      const exists = await this.dataSource.getRepository(CheckIn).existsBy({ id });
      throw exists ? new CheckInAlreadyClosedError() : new CheckInNotFoundError();
    }
    this.logClosed(closed, 'early', actor.id);
    return this.get(id);
  }

  /**
   * Inside the caller's transaction: closes the check-in if it is still open (null when it was
   * not: closed already, or unknown) — the guarded UPDATE makes this happen once whoever calls
   * it. Emails not yet sent are skipped; each area whose average is a concern becomes a
   * follow-up task about the organization, assigned to its owner (else whoever opened the
   * check-in; with neither active, no task is made and a warning is logged), with an
   * organization note saying what was asked.
   */
  async closeInTransaction(
    manager: EntityManager,
    id: string,
    options: { actorId: string | null; now: Date; reason: CloseReason },
  ): Promise<ClosedCheckIn | null> {
    const [rows] = await manager.query<
      [{ id: string; organization_id: string; opened_by_id: string | null; response_count: number }[], number]
    >(
      `UPDATE check_ins SET status = 'closed', closed_at = $2, version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'open'
       RETURNING id, organization_id, opened_by_id, response_count`,
      [id, options.now],
    );
    const closed = rows[0];
    if (!closed) return null;

    const responses = await manager.find(CheckInResponse, { where: { checkInId: id } });
    await this.outbox.skipWithin(
      manager,
      { checkInResponseIds: responses.map((response) => response.id) },
      SkipReason.CheckInClosed,
    );

    const answered = responses.filter((response) => response.answeredAt !== null).map((response) => response.answers);
    const concerns = concernAreas(areaResults(answered));
    const taskIds =
      concerns.length > 0
        ? await this.recordConcerns(manager, closed.organization_id, closed.opened_by_id, concerns, answered, options)
        : [];

    await this.audit.record(manager, {
      actorId: options.actorId,
      entityType: 'check-in',
      entityId: id,
      action: 'update',
      changes: {
        status: { before: CheckInStatus.Open, after: CheckInStatus.Closed },
        closedAt: { before: null, after: options.now.toISOString() },
        closedBecause: { before: null, after: options.reason },
      },
    });
    return { checkInId: id, organizationId: closed.organization_id, concerns, taskIds };
  }

  /** The concern tasks and the note that explains them (see closeInTransaction). */
  private async recordConcerns(
    manager: EntityManager,
    organizationId: string,
    openedById: string | null,
    concerns: AreaResult[],
    answered: ReadonlyArray<CheckInAnswers | null>,
    options: { actorId: string | null; now: Date },
  ): Promise<string[]> {
    // The organization's owner when active, else whoever opened the check-in when active.
    const ownerId = (await this.organizations.findWithin(manager, organizationId))?.ownerId ?? null;
    const candidates = [ownerId, openedById].filter((id): id is string => id !== null);
    const active = await this.users.activeIds(candidates, manager);
    const assigneeId = candidates.find((id) => active.has(id)) ?? null;
    // Due by the end of the library day CONCERN_TASK_DUE_DAYS from now.
    const zone = await this.calendar.zone(manager);
    const dueAt = endOfDayAfter(options.now, CONCERN_TASK_DUE_DAYS, zone);
    const taskIds: string[] = [];
    if (assigneeId) {
      for (const concern of concerns) {
        const task = await this.tasks.createWithin(
          manager,
          {
            title: concernTaskTitle(concern),
            dueAt,
            assigneeId,
            organizationId,
            programId: null,
            visitId: null,
          },
          options.actorId,
        );
        taskIds.push(task.id);
      }
    } else {
      this.logger.warn(
        { organizationId, concerns: concerns.length },
        'check-in concerns without an active owner or opener to assign them to; no follow-up tasks made',
      );
    }
    await this.organizations.addNoteWithin(
      manager,
      {
        organizationId,
        body: concernNote(concerns, answered, assigneeId ? dueDateIn(dueAt, zone) : null),
        authorId: null,
      },
      options.actorId,
    );
    return taskIds;
  }

  /**
   * The daily job: closes the check-ins whose deadline has passed, then, when the settings say
   * so, starts the round for organizations that are due. Safe to run twice or on two workers
   * at once.
   */
  async runDaily(): Promise<DailyCheckInResult> {
    const closed = await this.closeExpired();
    const { settings } = await this.settings.current();
    const round = settings.automatic
      ? await this.startRound(undefined, null)
      : { started: [], skipped: [], deferred: 0 };
    // `skipped` counts the partners not yet active long enough too.
    return { closed, started: round.started.length, skipped: round.skipped.length, deferred: round.deferred };
  }

  /** Closes every open check-in past its deadline, one transaction each; returns how many this call closed. */
  async closeExpired(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM check_ins WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at, id LIMIT ${CLOSE_BATCH}`,
      [now],
    );
    let count = 0;
    for (const { id } of due) {
      const closed = await this.dataSource.transaction((manager) =>
        this.closeInTransaction(manager, id, { actorId: null, now, reason: 'deadline' }),
      );
      if (closed) {
        count += 1;
        this.logClosed(closed, 'deadline', null);
      }
    }
    return count;
  }

  logClosed(closed: ClosedCheckIn, reason: CloseReason, actorId: string | null): void {
    this.logger.log(
      {
        checkInId: closed.checkInId,
        organizationId: closed.organizationId,
        reason,
        concerns: closed.concerns.map((c) => c.area),
        taskIds: closed.taskIds,
        actorId,
      },
      'check-in closed',
    );
  }

  /**
   * One respondent's place in a check-in, for the answer page: the response, its check-in, the
   * organization's name and the zone its owner reads times in (UTC without an owner); null for
   * an unknown response.
   */
  async respondentView(responseId: string): Promise<{
    response: CheckInResponse;
    checkIn: CheckIn;
    organizationName: string;
    /** The partner contact's language (null for the library's own respondent). */
    language: string | null;
  } | null> {
    const response = await this.dataSource
      .getRepository(CheckInResponse)
      .findOne({ where: { id: responseId }, relations: { checkIn: true, contact: true } });
    if (!response?.checkIn) return null;
    const organization = await this.organizations.get(response.checkIn.organizationId);
    return {
      response,
      checkIn: response.checkIn,
      organizationName: organization.name,
      language: response.contact?.language ?? null,
    };
  }

  /**
   * The survey email of each response of these check-ins, by response id (one query however
   * many): the latest, should there be more than one.
   */
  async emails(views: readonly CheckInView[]): Promise<Map<string, Delivery>> {
    const ids = views.flatMap((view) => view.responses.map((response) => response.id));
    if (ids.length === 0) return new Map();
    const byResponse = new Map<string, Delivery>();
    for (const delivery of await this.outbox.find({ checkInResponseIds: ids })) {
      const key = delivery.checkInResponseId!;
      const seen = byResponse.get(key);
      if (!seen || seen.createdAt < delivery.createdAt) byResponse.set(key, delivery);
    }
    return byResponse;
  }

  async get(id: string): Promise<CheckInView> {
    const checkIn = await this.dataSource.getRepository(CheckIn).findOneBy({ id });
    if (!checkIn) throw new CheckInNotFoundError();
    const responses = await this.dataSource.getRepository(CheckInResponse).find({ where: { checkInId: id } });
    return { checkIn, responses: sortResponses(responses) };
  }

  /** An organization's check-ins, latest first (404 for an unknown organization). */
  async listForOrganization(organizationId: string, limit: number, offset: number): Promise<Page<CheckInView>> {
    await this.organizations.get(organizationId);
    const [checkIns, total] = await this.dataSource.getRepository(CheckIn).findAndCount({
      where: { organizationId },
      order: { openedAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    const responses =
      checkIns.length === 0
        ? []
        : await this.dataSource
            .getRepository(CheckInResponse)
            .find({ where: { checkInId: In(checkIns.map((c) => c.id)) } });
    return {
      data: checkIns.map((checkIn) => ({
        checkIn,
        responses: sortResponses(responses.filter((r) => r.checkInId === checkIn.id)),
      })),
      meta: { total, limit, offset },
    };
  }
}

const RESPONDENT_ORDER = [CheckInRespondent.Owner, CheckInRespondent.Partner];
function sortResponses(responses: CheckInResponse[]): CheckInResponse[] {
  return [...responses].sort((a, b) => RESPONDENT_ORDER.indexOf(a.respondent) - RESPONDENT_ORDER.indexOf(b.respondent));
}

/** "Check-in concern: communication (2.5)" — the same words as the health score's driver. */
export function concernTaskTitle(concern: AreaResult): string {
  return `Check-in concern: ${concern.label} (${(concern.average as number).toFixed(1)})`;
}

/** The organization note made when a check-in closes with concerns: what was asked, and how it was answered. */
export function concernNote(
  concerns: readonly AreaResult[],
  answered: ReadonlyArray<CheckInAnswers | null>,
  /** The library date the follow-up tasks are due by (the end of), or null when none were made. */
  tasksDueOn: string | null,
): string {
  const statements = statementResults(answered);
  const lines = [
    `The partnership check-in closed with ${concerns.length === 1 ? 'a concern' : `${concerns.length} concerns`} (averages on 1–5 from ${answered.length} ${answered.length === 1 ? 'respondent' : 'respondents'}).`,
  ];
  for (const concern of concerns) {
    lines.push('', `${concern.label} (${(concern.average as number).toFixed(1)}). We asked:`);
    for (const statement of statements.filter((s) => s.area === concern.area)) {
      const result =
        statement.average === null
          ? 'nobody answered'
          : `average ${statement.average.toFixed(1)} from ${statement.answers} ${statement.answers === 1 ? 'answer' : 'answers'}`;
      lines.push(`- "${statement.text}" (${result})`);
    }
  }
  lines.push(
    '',
    tasksDueOn
      ? `A follow-up task for each concern is due ${tasksDueOn}.`
      : 'No follow-up tasks were made: the organization has no active owner. Give it one and add the follow-ups by hand.',
  );
  return lines.join('\n');
}
