import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { reminderConfig, ReminderConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { ReminderPlanner } from './reminder-planner.service';
import { errorReason } from '../common/logging/safe-error';

/**
 * Each worker reconciles at start-up and every REMINDER_RECONCILE_SECONDS on a plain timer — not
 * a BullMQ scheduler, which a flushed Redis would lose along with everything it should rebuild.
 * The planner's advisory lock lets one process at a time do the work. It also runs the moment
 * Redis is reachable again after an outage, so a restarted (empty) Redis gets its wake-ups back
 * before the reminders they were for fall due.
 */
@Injectable()
export class ReconcileLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileLoop.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private again = false;

  constructor(
    private readonly planner: ReminderPlanner,
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
    this.running = this.planner
      .reconcile()
      .then(() => undefined)
      .catch((error: Error) =>
        this.logger.warn({ reason: errorReason(error) }, 'reminder reconcile failed; retrying next tick'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.redis.client.off('ready', this.onRedisReady);
    while (this.running) await this.running;
  }
}
