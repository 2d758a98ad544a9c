import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../common/clock/clock';
import { JOB_OPTIONS, JobName, QueueName } from '../queue/queue.constants';
import { errorReason } from '../common/logging/safe-error';

/** How long a producer waits for Redis before leaving the work to the reconciler. */
const PRODUCER_TIMEOUT_MS = 2000;

/**
 * Puts outbox work on the `outbox` queue. The jobs hold no state: a wake-up says "look for due
 * deliveries now", so queueing one twice, late or never is safe — PostgreSQL decides what is
 * sent, and each worker's reconciler rebuilds missing wake-ups. Hence every method here is
 * best-effort: while Redis is down it gives up after two seconds instead of holding a request.
 */
@Injectable()
export class OutboxQueue {
  private readonly logger = new Logger(OutboxQueue.name);

  constructor(
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  /**
   * Wake-ups at these times: one job per distinct millisecond (`due-<ms>`, so queueing it again
   * is a no-op), or one immediate job for times already past. `fresh` gives the wake-ups new
   * ids (for a time whose job is running right now and would swallow the repeat).
   */
  async wakeAt(times: readonly Date[], fresh = false): Promise<boolean> {
    const now = this.clock.now().getTime();
    const distinct = [...new Set(times.map((time) => time.getTime()))];
    if (distinct.length === 0) return true;
    const future = distinct.filter((ms) => ms > now);
    const jobs = future.map((ms) => ({
      name: JobName.DeliverDue,
      data: { at: ms },
      opts: {
        ...JOB_OPTIONS[JobName.DeliverDue],
        jobId: fresh ? `due-${ms}-${randomUUID()}` : `due-${ms}`,
        delay: ms - now,
      },
    }));
    if (future.length < distinct.length) {
      jobs.push({
        name: JobName.DeliverDue,
        data: { at: now },
        opts: { ...JOB_OPTIONS[JobName.DeliverDue], jobId: `now-${randomUUID()}`, delay: 0 },
      });
    }
    return this.withTimeout('queue wake-ups', async () => {
      for (let i = 0; i < jobs.length; i += 1000) await this.queue.addBulk(jobs.slice(i, i + 1000));
    });
  }

  /** Asks a worker to reconcile (after a change to what the email kinds read: a program, session, closure, task or user). */
  requestReconcile(reason: string): Promise<boolean> {
    return this.withTimeout('request an outbox reconcile', () =>
      this.queue.add(JobName.ReconcileOutbox, { reason }, JOB_OPTIONS[JobName.ReconcileOutbox]),
    );
  }

  private async withTimeout(what: string, work: () => Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PRODUCER_TIMEOUT_MS);
      timer.unref();
    });
    const done = work().then(
      () => true,
      (error: Error) => {
        this.logger.warn({ reason: errorReason(error) }, `could not ${what}; the reconciler will`);
        return false;
      },
    );
    const ok = await Promise.race([done, timeout]);
    clearTimeout(timer);
    if (!ok) this.logger.warn(`could not ${what} (Redis did not answer); the reconciler will when it is back`);
    return ok;
  }
}
