import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { reminderConfig, ReminderConfig } from '../config/configuration';
import { ReminderPlanner } from './reminder-planner.service';

/**
 * Each worker reconciles at start-up and every REMINDER_RECONCILE_SECONDS on a plain timer — not
 * a BullMQ scheduler, which a flushed Redis would lose along with everything it should rebuild.
 * The planner's advisory lock lets one process at a time do the work.
 */
@Injectable()
export class ReconcileLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileLoop.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly planner: ReminderPlanner,
    @Inject(reminderConfig.KEY) private readonly config: ReminderConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.config.reconcileEveryMs);
    this.timer.unref();
  }

  /** One reconcile unless the previous is still running; failures are logged and retried next tick. */
  tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.planner
      .reconcile()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn({ reason: error.message }, 'reminder reconcile failed; retrying next tick'))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
