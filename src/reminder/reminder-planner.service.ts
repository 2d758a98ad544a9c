import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { reminderConfig, ReminderConfig } from '../config/configuration';
import { DeliveryKind } from '../outbox/delivery-state';
import { OutboxService } from '../outbox/outbox.service';
import { AT_PAST_TOLERANCE_MS } from './reminder.rules';

/** Only one process plans every rule at a time (pg_try_advisory_lock). */
export const RECONCILE_LOCK_KEY = 727_010;

/** How far past the late limit missed occurrences are still recorded (as skipped). */
const MISSED_LOOKBACK_MS = 7 * 86_400_000;

export interface PlanResult {
  /** Delivery rows created for newly planned occurrences. */
  created: number;
  /** Rows whose status or due time changed (skipped, revived, moved). */
  refreshed: number;
  /** Distinct wake-up times queued. */
  wakeUps: number;
}

/**
 * Turns reminder rules into emails in the outbox and queues their wake-ups. PostgreSQL is the
 * source of truth and every step is idempotent, so planning runs often and anywhere: after each
 * rule edit (in the API process, for that rule), and for all rules under an advisory lock whenever
 * the outbox reconciles (a worker's start-up, every REMINDER_RECONCILE_SECONDS, on request after
 * program, session, closure, task and user changes: ReminderEmailKind.reconcile). Nothing is
 * planned twice: the unique key (reminder, occurrence, recipient) absorbs repeats from any number
 * of processes.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger(ReminderPlanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    @Inject(reminderConfig.KEY) private readonly config: ReminderConfig,
  ) {}

  /** Plans these rules now (after an edit). Never throws for Redis: the reconciler catches up. */
  async planRules(ruleIds: readonly string[]): Promise<PlanResult> {
    return this.plan([...ruleIds]);
  }

  /**
   * Plans every rule and queues their wake-ups in the window — if no other process is doing so
   * right now (then `null`). With `wait`, after the one running now (for a change made since it
   * started).
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
    const scope = ruleIds && { reminderIds: ruleIds };
    const created = await this.createOccurrences(manager, ruleIds, now);
    // Against the rule, session, task and recipient as they are now (ReminderEmailKind's rules).
    const refreshed = await this.outbox.refreshWithin(manager, DeliveryKind.Reminder, now, scope);
    const wakeUps = await this.outbox.wakeScheduledWithin(manager, now, { kind: DeliveryKind.Reminder, scope });
    const result = { created, refreshed, wakeUps };
    if (created + refreshed > 0) this.logger.log({ ...result, rules: ruleIds?.length ?? 'all' }, 'reminders planned');
    return result;
  }

  /**
   * A row per (rule, occurrence, recipient) falling due between the late limit ago and the
   * lookahead — but never before the rule was last saved, so a new or edited rule does not send
   * for occurrences already past. A `once` time may be saved up to AT_PAST_TOLERANCE_MS after it
   * (a slow form, a busy server), and is then still sent. Occurrences missed by more than the late limit (Tandem was down
   * that long) get a row too, `skipped` as too late, so the log shows them.
   */
  private async createOccurrences(manager: EntityManager, ruleIds: string[] | null, now: Date): Promise<number> {
    const tooLate = new Date(now.getTime() - this.config.lateLimitMs);
    const from = new Date(tooLate.getTime() - MISSED_LOOKBACK_MS);
    const to = new Date(now.getTime() + this.config.lookaheadMs);
    return this.outbox.enqueueSelectWithin(
      manager,
      DeliveryKind.Reminder,
      `WITH rules AS (
         SELECT r.* FROM reminders r WHERE r.active AND ($3::uuid[] IS NULL OR r.id = ANY($3::uuid[]))
       ), occurrences AS (
         SELECT r.id AS reminder_id, 'session:' || s.id AS occurrence_key, s.starts_at AS occurrence_at,
                s.starts_at + make_interval(mins => r.offset_minutes) AS due_at, s.id AS session_id, r.updated_at AS planned_from
         FROM rules r JOIN program_sessions s ON s.program_id = r.program_id
         WHERE r.trigger_type = 'session'
           AND s.starts_at BETWEEN $1::timestamptz - make_interval(mins => r.offset_minutes) AND $2::timestamptz - make_interval(mins => r.offset_minutes)
         UNION ALL
         SELECT r.id, 'task:' || t.id || ':' || (extract(epoch FROM t.due_at) * 1000)::bigint, t.due_at,
                t.due_at + make_interval(mins => r.offset_minutes), NULL::uuid, r.updated_at
         FROM rules r JOIN tasks t ON t.id = r.task_id
         WHERE r.trigger_type = 'task-due'
         UNION ALL
         SELECT r.id, 'once:' || (extract(epoch FROM r.at) * 1000)::bigint, r.at, r.at, NULL::uuid,
                r.updated_at - make_interval(secs => $5)
         FROM rules r WHERE r.trigger_type = 'once'
       ), recipients AS (
         SELECT ru.reminder_id, ru.user_id, NULL::uuid AS contact_id
         FROM reminder_users ru JOIN rules r ON r.id = ru.reminder_id
         UNION ALL
         SELECT rc.reminder_id, NULL::uuid, rc.contact_id
         FROM reminder_contacts rc JOIN rules r ON r.id = rc.reminder_id
       )
       SELECT o.reminder_id, o.session_id, x.user_id AS recipient_user_id, x.contact_id AS recipient_contact_id,
              o.occurrence_key, o.occurrence_at, o.due_at,
              CASE WHEN o.due_at < $4 THEN 'too-late' END::delivery_skip_reason AS skip_reason
       FROM occurrences o JOIN recipients x ON x.reminder_id = o.reminder_id
       WHERE o.due_at BETWEEN greatest($1::timestamptz, o.planned_from) AND $2::timestamptz`,
      [from, to, ruleIds, tooLate, AT_PAST_TOLERANCE_MS / 1000],
    );
  }
}
