import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { errorReason } from '../common/logging/safe-error';
import { reminderConfig, ReminderConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { EmailKindRegistry } from './email-kind.registry';
import { OutboxService } from './outbox.service';

/** Only one process takes back claims and queues every wake-up at a time (pg_try_advisory_lock). */
export const OUTBOX_RECONCILE_LOCK_KEY = 727_011;

export interface ReconcileResult {
  /** Claims taken back from workers that stopped while sending (null: another process was reconciling). */
  reclaimed: number | null;
  /** Distinct wake-up times queued (null: another process was reconciling). */
  wakeUps: number | null;
}

/**
 * Rebuilds everything Redis may have lost, from PostgreSQL. Each worker reconciles at start-up,
 * every REMINDER_RECONCILE_SECONDS on a plain timer — not a BullMQ scheduler, which a flushed Redis
 * would lose along with everything it should rebuild — the moment Redis is reachable again after an
 * outage (so a restarted, empty Redis gets its wake-ups back before the emails they were for fall
 * due), and when asked (`outbox.reconcile`, after a change to what the kinds read). A run lets
 * each kind that plans from standing rules re-plan (reminders), then takes back claims older than
 * the lease and queues a wake-up per distinct due time. Every step is idempotent; the advisory lock
 * only keeps the workers from doing the same work at once.
 */
@Injectable()
export class OutboxReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private again = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly kinds: EmailKindRegistry,
    private readonly outbox: OutboxService,
    private readonly redis: RedisService,
    @Inject(reminderConfig.KEY) private readonly config: ReminderConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.redis.client.on('ready', this.onRedisReady);
    this.tick();
    this.timer = setInterval(() => this.tick(), this.config.reconcileEveryMs);
    this.timer.unref();
  }

  private readonly onRedisReady = (): void => this.tick();

  /**
   * One reconcile; asked while one runs, another follows it (the running one may have started
   * before the change it is asked for). Failures are logged and retried next time.
   */
  tick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.reconcile({ wait: false })
      .then(() => undefined)
      .catch((error: Error) =>
        this.logger.warn({ reason: errorReason(error) }, 'outbox reconcile failed; retrying next tick'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  /** One run (see the class); with `wait`, the kinds' planning waits for a run in progress elsewhere. */
  async reconcile(options: { wait: boolean }): Promise<ReconcileResult> {
    for (const kind of this.kinds.all()) await kind.reconcile?.(options);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        OUTBOX_RECONCILE_LOCK_KEY,
      ])) as { locked: boolean }[];
      if (!locked) return { reclaimed: null, wakeUps: null };
      try {
        const now = this.clock.now();
        const reclaimed = await this.reclaimExpired(runner.manager, now);
        const wakeUps = await this.outbox.wakeScheduledWithin(runner.manager, now);
        return { reclaimed, wakeUps };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [OUTBOX_RECONCILE_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Claims older than the lease belong to a worker that stopped (killed, or cut off from the
   * database) before it could record the outcome: they are sent again — with the same
   * Message-ID, so a mail store that already has the first copy drops the second (see
   * docs/architecture.md, "Exactly once"). After the attempt limit they are `failed`.
   */
  private async reclaimExpired(manager: EntityManager, now: Date): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE deliveries
       SET status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'scheduled' END::delivery_status,
           next_attempt_at = $1, claim_token = NULL, claimed_at = NULL,
           last_error = 'The worker sending it stopped before recording the result.', updated_at = now()
       WHERE status = 'sending' AND claimed_at < $2
       RETURNING id`,
      [now, new Date(now.getTime() - this.config.claimLeaseMs), this.config.maxAttempts],
    );
    if (count > 0) this.logger.warn({ deliveries: count }, 'took back deliveries whose worker stopped while sending');
    return count;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.redis.client.off('ready', this.onRedisReady);
    while (this.running) await this.running;
  }
}
