import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { errorReason } from '../common/logging/safe-error';
import { mailConfig, MailConfig } from '../config/configuration';
import { JobName, JobPayloads, QueueName } from '../queue/queue.constants';
import { RedisService } from '../redis/redis.module';
import { DeliverResult, DeliverySender } from './delivery-sender.service';
import { OutboxReconciler, ReconcileResult } from './outbox-reconciler.service';

/**
 * The `outbox` queue: wake-ups that send due deliveries, and reconcile requests. Job slots match
 * the SMTP pool so a burst of due emails keeps every connection busy.
 */
@Processor(QueueName.Outbox)
export class OutboxProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxProcessor.name);

  constructor(
    private readonly sender: DeliverySender,
    private readonly reconciler: OutboxReconciler,
    private readonly redis: RedisService,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = Math.max(2, this.mail.concurrency);
  }

  /** As in MaintenanceProcessor: without Redis no job can be running, so close at once. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.redis.client.status === 'ready') return;
    await this.worker.close(true);
  }

  async process(job: Job): Promise<DeliverResult | ReconcileResult> {
    const name = job.name as JobName;
    switch (name) {
      case JobName.DeliverDue:
        return this.sender.deliverDue((job.data as JobPayloads[JobName.DeliverDue]).at);
      case JobName.ReconcileOutbox:
        return this.reconciler.reconcile({ wait: true });
      default:
        throw new Error(`no handler for job ${job.name} on the outbox queue`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'outbox job failed');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.debug({ reason: errorReason(error) }, 'outbox worker error');
  }
}
