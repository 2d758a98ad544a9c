import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { reminderConfig, ReminderConfig } from '../config/configuration';
import { ReminderQueue } from '../queue/reminder-queue.service';
import { DELIVERY_STATE_COLUMNS, DELIVERY_STATE_JOINS } from './delivery-state.sql';

/** Only one process reconciles at a time (pg_try_advisory_lock). */
export const RECONCILE_LOCK_KEY = 727_010;

/** How far past the late limit missed occurrences are still recorded (as skipped). */
const MISSED_LOOKBACK_MS = 7 * 86_400_000;

export interface PlanResult {
  /** Delivery rows created for newly planned occurrences. */
  created: number;
  /** Rows whose status or due time changed (skipped, revived, moved). */
  refreshed: number;
  /** Claims taken back from workers that stopped while sending. */
  reclaimed: number;
  /** Distinct wake-up times queued. */
  wakeUps: number;
}

/**
 * Turns reminder rules into delivery rows and queues their wake-ups. PostgreSQL is the source of
 * truth and every step is idempotent, so planning runs often and anywhere: after each rule edit
 * (in the API process, for that rule), on a worker's start-up and every REMINDER_RECONCILE_SECONDS
 * (for all rules, under an advisory lock), and on request after program, session and closure
 * changes. A flushed or replaced Redis is thereby rebuilt, and nothing is planned twice: the
 * unique key (reminder, occurrence, recipient) absorbs repeats from any number of processes.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger(ReminderPlanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly queue: ReminderQueue,
    @Inject(reminderConfig.KEY) private readonly config: ReminderConfig,
  ) {}

  /** Plans these rules now (after an edit). Never throws for Redis: the reconciler catches up. */
  async planRules(ruleIds: readonly string[]): Promise<PlanResult> {
    return this.plan([...ruleIds]);
  }

  /**
   * Plans every rule, takes back expired claims and queues every wake-up in the window — if no
   * other process is doing so right now (then `null`). With `wait`, after the one running now
   * (for a change made since it started).
   */
  async reconcile(options: { wait?: boolean } = {}): Promise<PlanResult | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (options.wait) {
        await runner.query('SELECT pg_advisory_lock($1)', [RECONCILE_LOCK_KEY]);
      } else {
        const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
          RECONCILE_LOCK_KEY,
        ])) as { locked: boolean }[];
        if (!locked) return null;
      }
      try {
        // On the lock's own connection: the holder never waits for the pool that its waiters fill.
        return await this.plan(null, runner.manager);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RECONCILE_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  private async plan(ruleIds: string[] | null, manager: EntityManager = this.dataSource.manager): Promise<PlanResult> {
    const now = this.clock.now();
    const created = await this.createOccurrences(manager, ruleIds, now);
    const refreshed = await this.refresh(manager, ruleIds, now);
    const reclaimed = ruleIds === null ? await this.reclaimExpired(manager, now) : 0;
    const times = await this.dueTimes(manager, ruleIds, now);
    await this.queue.wakeAt(times);
    const result = { created, refreshed, reclaimed, wakeUps: times.length };
    if (created + refreshed + reclaimed > 0)
      this.logger.log({ ...result, rules: ruleIds?.length ?? 'all' }, 'reminders planned');
    return result;
  }

  /**
   * A row per (rule, occurrence, recipient) falling due between the late limit ago and the
   * lookahead — but never before the rule was last saved, so a new or edited rule does not send
   * for occurrences already past. Occurrences missed by more than the late limit (Tandem was down
   * that long) get a row too, `skipped` as too late, so the log shows them.
   */
  private async createOccurrences(manager: EntityManager, ruleIds: string[] | null, now: Date): Promise<number> {
    const tooLate = new Date(now.getTime() - this.config.lateLimitMs);
    const from = new Date(tooLate.getTime() - MISSED_LOOKBACK_MS);
    const to = new Date(now.getTime() + this.config.lookaheadMs);
    const rows = (await manager.query(
      `WITH rules AS (
         SELECT r.* FROM reminders r WHERE r.active AND ($3::uuid[] IS NULL OR r.id = ANY($3::uuid[]))
       ), occurrences AS (
         SELECT r.id AS reminder_id, 'session:' || s.id AS occurrence_key, s.starts_at AS occurrence_at,
                s.starts_at + make_interval(mins => r.offset_minutes) AS due_at, s.id AS session_id, r.updated_at
         FROM rules r JOIN program_sessions s ON s.program_id = r.program_id
         WHERE r.trigger_type = 'session'
           AND s.starts_at BETWEEN $1::timestamptz - make_interval(mins => r.offset_minutes) AND $2::timestamptz - make_interval(mins => r.offset_minutes)
         UNION ALL
         SELECT r.id, 'task:' || t.id || ':' || (extract(epoch FROM t.due_at) * 1000)::bigint, t.due_at,
                t.due_at + make_interval(mins => r.offset_minutes), NULL::uuid, r.updated_at
         FROM rules r JOIN tasks t ON t.id = r.task_id
         WHERE r.trigger_type = 'task-due'
         UNION ALL
         SELECT r.id, 'once:' || (extract(epoch FROM r.at) * 1000)::bigint, r.at, r.at, NULL::uuid, r.updated_at
         FROM rules r WHERE r.trigger_type = 'once'
       ), recipients AS (
         SELECT ru.reminder_id, 'user:' || ru.user_id AS recipient_key, ru.user_id, NULL::uuid AS contact_id
         FROM reminder_users ru JOIN rules r ON r.id = ru.reminder_id
         UNION ALL
         SELECT rc.reminder_id, 'contact:' || rc.contact_id, NULL::uuid, rc.contact_id
         FROM reminder_contacts rc JOIN rules r ON r.id = rc.reminder_id
       )
       INSERT INTO deliveries (kind, reminder_id, occurrence_key, occurrence_at, due_at, next_attempt_at, session_id,
                               recipient_key, recipient_user_id, recipient_contact_id, status, skip_reason)
       SELECT 'reminder', o.reminder_id, o.occurrence_key, o.occurrence_at, o.due_at, o.due_at, o.session_id,
              x.recipient_key, x.user_id, x.contact_id,
              CASE WHEN o.due_at < $4 THEN 'skipped' ELSE 'scheduled' END::delivery_status,
              CASE WHEN o.due_at < $4 THEN 'too-late' END::delivery_skip_reason
       FROM occurrences o JOIN recipients x ON x.reminder_id = o.reminder_id
       WHERE o.due_at BETWEEN greatest($1::timestamptz, o.updated_at) AND $2::timestamptz
       ON CONFLICT (reminder_id, occurrence_key, recipient_key) DO NOTHING
       RETURNING id`,
      [from, to, ruleIds, tooLate],
    )) as unknown[];
    return rows.length;
  }

  /**
   * Brings unsent rows in line with their rule, session, task and recipient as they are now:
   * skips what should no longer go, moves due times, and revives future rows whose reason to
   * skip has gone (a closure removed, a rule switched back on). Rows being sent are left alone:
   * the `status` re-check in the UPDATE sees a concurrent claim.
   */
  private async refresh(manager: EntityManager, ruleIds: string[] | null, now: Date): Promise<number> {
    const rows = (await manager.query(
      `WITH st AS (
         SELECT d.id, d.status, d.skip_reason, d.due_at, d.attempts, ${DELIVERY_STATE_COLUMNS}
         ${DELIVERY_STATE_JOINS}
         WHERE d.kind = 'reminder'
           AND (d.status = 'scheduled' OR (d.status = 'skipped' AND d.skip_reason <> 'too-late' AND d.due_at > $1))
           AND ($2::uuid[] IS NULL OR d.reminder_id = ANY($2::uuid[]))
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
      [now, ruleIds],
    )) as [unknown[], number];
    return rows[1];
  }

  /**
   * Claims older than the lease belong to a worker that stopped (killed, or cut off from the
   * database) before it could record the outcome: they are sent again — with the same
   * Message-ID, so a mail store that already has the first copy drops the second (see
   * docs/architecture.md, "Exactly once"). After the attempt limit they are `failed`.
   */
  private async reclaimExpired(manager: EntityManager, now: Date): Promise<number> {
    const rows = (await manager.query(
      `UPDATE deliveries
       SET status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'scheduled' END::delivery_status,
           next_attempt_at = $1, claim_token = NULL, claimed_at = NULL,
           last_error = 'The worker sending it stopped before recording the result.', updated_at = now()
       WHERE status = 'sending' AND claimed_at < $2
       RETURNING id`,
      [now, new Date(now.getTime() - this.config.claimLeaseMs), this.config.maxAttempts],
    )) as [unknown[], number];
    if (rows[1] > 0)
      this.logger.warn({ deliveries: rows[1] }, 'took back deliveries whose worker stopped while sending');
    return rows[1];
  }

  private async dueTimes(manager: EntityManager, ruleIds: string[] | null, now: Date): Promise<Date[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT next_attempt_at AS at FROM deliveries
       WHERE status = 'scheduled' AND next_attempt_at <= $1 AND ($2::uuid[] IS NULL OR reminder_id = ANY($2::uuid[]))`,
      [new Date(now.getTime() + this.config.lookaheadMs), ruleIds],
    )) as { at: Date }[];
    return rows.map((row) => row.at);
  }
}
