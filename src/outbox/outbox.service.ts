import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page } from '../common/dto/pagination.dto';
import { pageWithTotal } from '../common/query';
import { reminderConfig, ReminderConfig } from '../config/configuration';
import { Delivery } from './delivery.entity';
import { DeliveryApiStatus, DeliveryKind, DeliveryStatus, SkipReason } from './delivery-state';
import { EmailKindRegistry } from './email-kind.registry';
import { OutboxQueue } from './outbox-queue.service';

/** What an email is about: the kind and the row of its own domain it refers to. */
export type DeliverySubject =
  | { kind: DeliveryKind.Reminder; reminderId: string; sessionId: string | null }
  | { kind: DeliveryKind.Invitation; invitationId: string }
  | { kind: DeliveryKind.CheckIn; checkInResponseId: string }
  | { kind: DeliveryKind.Digest; digestId: string };

/** One email to enqueue. */
export type NewDelivery = DeliverySubject & {
  recipient: { userId: string } | { contactId: string };
  /** Which occurrence of its subject (unique with the subject and recipient for reminders), e.g. `session:<id>`. */
  occurrenceKey: string;
  /** The time the email is about (a session's start, a task's due time; for the others, when it was made). */
  occurrenceAt: Date;
  dueAt: Date;
  /** Recorded as skipped at once (the log shows an occurrence that was missed). */
  skipReason?: SkipReason | null;
};

/** Which rows: those about these reminders, invitations, check-in responses or digests, or to these contacts. */
export type DeliveryScope =
  | { reminderIds: readonly string[] }
  | { invitationIds: readonly string[] }
  | { checkInResponseIds: readonly string[] }
  | { digestIds: readonly string[] }
  | { recipientContactIds: readonly string[] };

const SCOPE_COLUMNS = {
  reminderIds: 'reminder_id',
  invitationIds: 'invitation_id',
  checkInResponseIds: 'check_in_response_id',
  digestIds: 'digest_id',
  recipientContactIds: 'recipient_contact_id',
} as const;

/** The column and ids of a scope (a constant column name, never input, so it may be written into SQL). */
function scopeOf(scope: DeliveryScope): { column: string; ids: readonly string[] } {
  const [key, ids] = Object.entries(scope)[0] as [keyof typeof SCOPE_COLUMNS, readonly string[]];
  return { column: SCOPE_COLUMNS[key], ids };
}

/** The subject columns a kind's rows fill; the others stay null (the table's `ck_deliveries_kind`). */
const SUBJECT_COLUMNS: Readonly<Record<DeliveryKind, readonly string[]>> = {
  [DeliveryKind.Reminder]: ['reminder_id', 'session_id'],
  [DeliveryKind.Invitation]: ['invitation_id'],
  [DeliveryKind.CheckIn]: ['check_in_response_id'],
  [DeliveryKind.Digest]: ['digest_id'],
};
const ALL_SUBJECT_COLUMNS = ['reminder_id', 'session_id', 'invitation_id', 'check_in_response_id', 'digest_id'];

/**
 * The outbox's functions for the modules that own email kinds: enqueue emails inside the
 * caller's transaction, wake a worker after it commits, skip or refresh unsent rows when what they
 * are about changes, and read the delivery log. Every write to `deliveries` outside the worker
 * goes through here.
 */
@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(Delivery) private readonly deliveries: Repository<Delivery>,
    private readonly queue: OutboxQueue,
    private readonly kinds: EmailKindRegistry,
    @Inject(reminderConfig.KEY) private readonly config: ReminderConfig,
  ) {}

  /**
   * Inside the caller's transaction: adds these emails, `scheduled` at their due time (or
   * `skipped` with their reason). An email already there (the same unique key) is left as it is.
   * Returns the ids added. Call `wake` once the transaction has committed.
   */
  async enqueueWithin(manager: EntityManager, deliveries: readonly NewDelivery[]): Promise<string[]> {
    if (deliveries.length === 0) return [];
    return this.insert(
      manager,
      `SELECT * FROM unnest($1::delivery_kind[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[],
                             $8::uuid[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::delivery_skip_reason[])
         AS x(kind, reminder_id, session_id, invitation_id, check_in_response_id, digest_id, recipient_user_id,
              recipient_contact_id, occurrence_key, occurrence_at, due_at, skip_reason)`,
      [
        deliveries.map((delivery) => delivery.kind),
        deliveries.map((delivery) => (delivery.kind === DeliveryKind.Reminder ? delivery.reminderId : null)),
        deliveries.map((delivery) => (delivery.kind === DeliveryKind.Reminder ? delivery.sessionId : null)),
        deliveries.map((delivery) => (delivery.kind === DeliveryKind.Invitation ? delivery.invitationId : null)),
        deliveries.map((delivery) => (delivery.kind === DeliveryKind.CheckIn ? delivery.checkInResponseId : null)),
        deliveries.map((delivery) => (delivery.kind === DeliveryKind.Digest ? delivery.digestId : null)),
        deliveries.map(({ recipient }) => ('userId' in recipient ? recipient.userId : null)),
        deliveries.map(({ recipient }) => ('contactId' in recipient ? recipient.contactId : null)),
        deliveries.map((delivery) => delivery.occurrenceKey),
        deliveries.map((delivery) => delivery.occurrenceAt),
        deliveries.map((delivery) => delivery.dueAt),
        deliveries.map((delivery) => delivery.skipReason ?? null),
      ],
    );
  }

  /**
   * `enqueueWithin` for a set computed in SQL (a planner's occurrences): `select` yields one row
   * per email of `kind`, with the kind's subject columns (`reminder_id, session_id` for
   * reminders; `invitation_id`, `check_in_response_id` or `digest_id`), `recipient_user_id`,
   * `recipient_contact_id`, `occurrence_key`, `occurrence_at`, `due_at` and `skip_reason`.
   * Returns how many were added.
   */
  async enqueueSelectWithin(
    manager: EntityManager,
    kind: DeliveryKind,
    select: string,
    params: readonly unknown[],
  ): Promise<number> {
    const subjects = ALL_SUBJECT_COLUMNS.map((column) =>
      SUBJECT_COLUMNS[kind].includes(column) ? `s.${column}` : `NULL::uuid AS ${column}`,
    );
    const ids = await this.insert(
      manager,
      `SELECT $${params.length + 1}::delivery_kind AS kind, ${subjects.join(', ')}, s.recipient_user_id,
              s.recipient_contact_id, s.occurrence_key, s.occurrence_at, s.due_at, s.skip_reason
       FROM (${select}) AS s`,
      [...params, kind],
    );
    return ids.length;
  }

  /** One INSERT from a source with every column `enqueueWithin` names. */
  private async insert(manager: EntityManager, source: string, params: readonly unknown[]): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO deliveries (kind, reminder_id, session_id, invitation_id, check_in_response_id, digest_id,
                               recipient_user_id, recipient_contact_id, recipient_key, occurrence_key, occurrence_at,
                               due_at, next_attempt_at, status, skip_reason)
       SELECT x.kind, x.reminder_id, x.session_id, x.invitation_id, x.check_in_response_id, x.digest_id,
              x.recipient_user_id, x.recipient_contact_id,
              coalesce('user:' || x.recipient_user_id, 'contact:' || x.recipient_contact_id),
              x.occurrence_key, x.occurrence_at, x.due_at, x.due_at,
              CASE WHEN x.skip_reason IS NULL THEN 'scheduled' ELSE 'skipped' END::delivery_status, x.skip_reason
       FROM (${source}) AS x
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [...params],
    );
    return rows.map((row) => row.id);
  }

  /**
   * After the caller's commit: wakes a worker for these due times. Best effort and never throws:
   * while Redis is down the reconciler queues the wake-up once it is back.
   */
  wake(times: readonly Date[]): Promise<boolean> {
    return this.queue.wakeAt(times);
  }

  /**
   * After a change to something an email kind reads (a program, session, closure, task or user):
   * asks a worker to reconcile, so unsent emails are planned, skipped, revived or moved to match.
   * Best effort, like `wake`: the periodic reconcile catches up.
   */
  requestReconcile(reason: string): Promise<boolean> {
    return this.queue.requestReconcile(reason);
  }

  /**
   * Inside the caller's transaction: skips the unsent emails in `scope` (a check-in closed, a
   * respondent answered, a contact unsubscribed). A row a worker is sending right now is left to
   * it. Returns how many were skipped.
   */
  async skipWithin(manager: EntityManager, scope: DeliveryScope, reason: SkipReason): Promise<number> {
    const { column, ids } = scopeOf(scope);
    if (ids.length === 0) return 0;
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE deliveries SET status = 'skipped', skip_reason = $2::delivery_skip_reason, updated_at = now()
       WHERE ${column} = ANY($1::uuid[]) AND status = 'scheduled'
       RETURNING id`,
      [ids, reason],
    );
    return count;
  }

  /**
   * Brings the unsent rows of a kind (all, or those in `scope`) in line with the kind's rules as
   * they are now: skips what should no longer go, moves due times, and revives future rows whose
   * reason to skip has gone (a closure removed, a rule switched back on). Rows being sent are
   * left alone: the `status` and `attempts` re-check in the UPDATE sees a concurrent claim.
   */
  async refreshWithin(
    manager: EntityManager,
    kind: DeliveryKind,
    now: Date,
    scope: DeliveryScope | null = null,
  ): Promise<number> {
    const rules = this.kinds.get(kind);
    const { column, ids } = scope ? scopeOf(scope) : { column: 'id', ids: null };
    const [, count] = await manager.query<[unknown[], number]>(
      `WITH st AS (
         SELECT d.id, d.status, d.skip_reason, d.due_at, d.attempts,
                (${rules.voidWhen})::delivery_skip_reason AS state_skip_reason, ${rules.dueAt} AS state_due_at
         ${rules.from}
         WHERE d.kind = $2::delivery_kind
           AND (d.status = 'scheduled' OR (d.status = 'skipped' AND d.skip_reason <> 'too-late' AND d.due_at > $1))
           AND ($3::uuid[] IS NULL OR d.${column} = ANY($3::uuid[]))
       ), next AS (
         SELECT st.*,
           CASE WHEN state_skip_reason IS NOT NULL OR (status = 'skipped' AND state_due_at <= $1) THEN 'skipped'
                ELSE 'scheduled' END::delivery_status AS new_status,
           CASE WHEN state_skip_reason IS NOT NULL THEN state_skip_reason
                WHEN status = 'skipped' AND state_due_at <= $1 THEN skip_reason END AS new_skip_reason
         FROM st
       )
       UPDATE deliveries d
       SET status = n.new_status, skip_reason = n.new_skip_reason, due_at = n.state_due_at,
           next_attempt_at = CASE WHEN d.attempts = 0 THEN n.state_due_at ELSE d.next_attempt_at END,
           updated_at = now()
       FROM next n
       WHERE d.id = n.id AND d.status = n.status AND d.attempts = n.attempts
         AND (n.new_status <> n.status OR n.new_skip_reason IS DISTINCT FROM n.skip_reason OR n.state_due_at <> n.due_at)
       RETURNING d.id`,
      [now, kind, ids],
    );
    return count;
  }

  /**
   * Queues a wake-up for every distinct time a scheduled row (of `kind`, in `scope`, or all) is
   * due within the lookahead; returns how many times. Never throws for Redis.
   */
  async wakeScheduledWithin(
    manager: EntityManager,
    now: Date,
    filter: { kind?: DeliveryKind; scope?: DeliveryScope | null } = {},
  ): Promise<number> {
    const { column, ids } = filter.scope ? scopeOf(filter.scope) : { column: 'id', ids: null };
    const rows = await manager.query<{ at: Date }[]>(
      `SELECT DISTINCT next_attempt_at AS at FROM deliveries
       WHERE status = 'scheduled' AND next_attempt_at <= $1
         AND ($2::delivery_kind IS NULL OR kind = $2::delivery_kind)
         AND ($3::uuid[] IS NULL OR ${column} = ANY($3::uuid[]))`,
      [new Date(now.getTime() + this.config.lookaheadMs), filter.kind ?? null, ids],
    );
    await this.queue.wakeAt(rows.map((row) => row.at));
    return rows.length;
  }

  /** The rows in `scope` (the delivery log of an invitation, a check-in response …). */
  find(scope: DeliveryScope): Promise<Delivery[]> {
    const { column, ids } = scopeOf(scope);
    return this.deliveries.createQueryBuilder('d').where(`d.${column} = ANY(:ids)`, { ids }).getMany();
  }

  /** One page of the delivery log in `scope`, latest due first; `scheduled` includes rows a worker is sending right now. */
  page(
    scope: DeliveryScope,
    query: { status?: DeliveryApiStatus; limit: number; offset: number },
  ): Promise<Page<Delivery>> {
    const { column, ids } = scopeOf(scope);
    const qb = this.deliveries.createQueryBuilder('d').where(`d.${column} = ANY(:ids)`, { ids });
    if (query.status === DeliveryStatus.Scheduled) {
      qb.andWhere('d.status IN (:...statuses)', { statuses: [DeliveryStatus.Scheduled, DeliveryStatus.Sending] });
    } else if (query.status) {
      qb.andWhere('d.status = :status', { status: query.status });
    }
    qb.orderBy('d.due_at', 'DESC').addOrderBy('d.id', 'DESC');
    return pageWithTotal(qb, query);
  }
}
