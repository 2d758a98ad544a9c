import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { SessionService } from '../sign-in/session.service';
import { CheckInService, DailyCheckInResult } from '../check-in/check-in.service';
import { digestConfig, DigestConfig } from '../config/configuration';
import { LibraryCalendar } from '../library/library-calendar';
import { CatchUpResult, DigestService, SendDigestResult } from '../digest/digest.service';
import { HealthRefreshResult, HealthScoreStore } from '../partnership/health-score-store.service';
import { HealthSnapshotService, SnapshotResult } from '../partnership/health-snapshot.service';
import { ExtendResult, ProgramService } from '../program/program.service';
import { RedisService } from '../redis/redis.module';
import { UserService } from '../user/user.service';
import { JOB_OPTIONS, JobName, QueueName, RECURRING_JOBS, RecurringJob, STARTUP_JOBS } from '../queue/queue.constants';
import { errorReason } from '../common/logging/safe-error';

export interface PurgeResult {
  refreshTokens: number;
  sessions: number;
  invitations: number;
}

/** Housekeeping on the `maintenance` queue: removes expired auth records, moves programs' session windows on, snapshots health scores weekly, sends the weekly health digest (and catches it up when Monday's was missed), closes and starts partnership check-ins daily. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly sessions: SessionService,
    private readonly users: UserService,
    private readonly redis: RedisService,
    private readonly programs: ProgramService,
    private readonly healthSnapshots: HealthSnapshotService,
    private readonly digests: DigestService,
    @Inject(digestConfig.KEY) private readonly digest: DigestConfig,
    private readonly checkIns: CheckInService,
    private readonly healthScores: HealthScoreStore,
    private readonly calendar: LibraryCalendar,
  ) {
    super();
  }

  /** The zone the cron schedulers were last upserted in (the library's), or null before the first upsert. */
  private cronZone: string | null = null;

  /**
   * Keeps the recurring jobs scheduled, the cron ones in the library's time zone, and queues the
   * start-up jobs (STARTUP_JOBS: the digest catch-up). Not awaited: while Redis is down the
   * upsert waits for it without holding up start-up.
   */
  onApplicationBootstrap(): void {
    this.queue.on('error', () => undefined); // the shared Redis client already logs outages
    void this.libraryZone()
      .then((zone) => this.scheduleRecurring(RECURRING_JOBS, zone))
      .then(() => this.logger.log({ schedulers: RECURRING_JOBS.map((job) => job.id) }, 'recurring jobs scheduled'))
      .catch((error: Error) => this.logger.warn({ reason: errorReason(error) }, 'could not schedule recurring jobs'));
    void Promise.all(STARTUP_JOBS.map((name) => this.queue.add(name, {}, JOB_OPTIONS[name]))).catch((error: Error) =>
      this.logger.warn({ reason: errorReason(error) }, 'could not queue the start-up jobs'),
    );
  }

  /**
   * Moves the cron schedulers (the Monday digest) to the library's time zone when an admin has
   * changed it since they were upserted (another process may have: the API). Run with the hourly
   * digest catch-up, which also sends a Monday digest the move made this worker miss.
   */
  async followLibraryZone(): Promise<void> {
    // Not libraryZone(): while the database cannot say, the job fails (its catch-up could not run either).
    const zone = await this.calendar.zone();
    if (zone === this.cronZone) return;
    await this.scheduleRecurring(
      RECURRING_JOBS.filter((job) => 'pattern' in job),
      zone,
    );
    this.logger.log({ zone }, 'cron jobs moved to the library time zone');
  }

  /** The library's zone, or at start-up while the database cannot say, DIGEST_TIMEZONE (the setting's default). */
  private libraryZone(): Promise<string> {
    return this.calendar.zone().catch((error: Error) => {
      this.logger.warn({ reason: errorReason(error) }, 'could not read the library time zone');
      return this.digest.timezone;
    });
  }

  private async scheduleRecurring(jobs: ReadonlyArray<RecurringJob>, zone: string): Promise<void> {
    await Promise.all(
      jobs
        .filter((job) => job.name in JOB_OPTIONS)
        .map((job) =>
          this.queue.upsertJobScheduler(
            job.id,
            'every' in job ? { every: job.every } : { pattern: job.pattern, tz: zone },
            {
              name: job.name,
              data: {},
              opts: JOB_OPTIONS[job.name],
            },
          ),
        ),
    );
    this.cronZone = zone;
  }

  /**
   * With Redis reachable, Nest's BullMQ hooks close the worker after its jobs finish. Without
   * it BullMQ's graceful close waits forever for a connection, and no job can be in flight,
   * so the worker is closed by force (the later graceful close then finds it closed).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.redis.client.status === 'ready') return;
    await this.worker.close(true);
  }

  async process(
    job: Job,
  ): Promise<
    | PurgeResult
    | ExtendResult
    | SnapshotResult
    | SendDigestResult
    | CatchUpResult
    | DailyCheckInResult
    | HealthRefreshResult
  > {
    const name = job.name as JobName;
    switch (name) {
      case JobName.PurgeExpiredAuth:
        return this.purgeExpiredAuth();
      case JobName.ExtendSessionWindows:
        return this.programs.extendSessionWindows();
      case JobName.SnapshotHealth:
        return this.healthSnapshots.takeSnapshots();
      case JobName.SendHealthDigest:
        return this.digests.sendWeekly();
      case JobName.CatchUpHealthDigest:
        await this.followLibraryZone();
        return this.digests.catchUp();
      case JobName.CheckInsDaily:
        return this.checkIns.runDaily();
      case JobName.RefreshHealthScores:
        return this.healthScores.refresh();
      default:
        throw new Error(`no handler for job ${job.name} on the maintenance queue`);
    }
  }

  async purgeExpiredAuth(): Promise<PurgeResult> {
    const { refreshTokens, sessions } = await this.sessions.purgeExpired();
    const invitations = await this.users.purgeStaleInvitations();
    const result = { refreshTokens, sessions, invitations };
    this.logger.log(result, 'expired auth records purged');
    return result;
  }

  /** `err` is written through safeError: codes and names, never the values a query failed on. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error },
      'maintenance job failed',
    );
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.debug({ reason: errorReason(error) }, 'maintenance worker error');
  }
}
