import type { JobsOptions } from 'bullmq';

/** Every BullMQ queue Tandem uses. */
export enum QueueName {
  Maintenance = 'maintenance',
  /** The outbox's: wake-ups for due deliveries (emails) and requests to reconcile them. */
  Outbox = 'outbox',
}

/** Every job name, with the queue it runs on. */
export enum JobName {
  PurgeExpiredAuth = 'auth.purge-expired',
  ExtendSessionWindows = 'programs.extend-session-windows',
  DeliverDue = 'outbox.deliver-due',
  ReconcileOutbox = 'outbox.reconcile',
  SnapshotHealth = 'health.snapshot',
  SendHealthDigest = 'health.digest',
  /** Sends this week's digest if the Monday run was missed (worker down): see DigestService.catchUp. */
  CatchUpHealthDigest = 'health.digest.catch-up',
  CheckInsDaily = 'check-ins.daily',
  RefreshHealthScores = 'health.scores.refresh',
}

/** The payload of each job: ids and small values only; handlers reload state from Postgres. */
export interface JobPayloads {
  [JobName.PurgeExpiredAuth]: Record<string, never>;
  [JobName.ExtendSessionWindows]: Record<string, never>;
  /** `at`: the time (epoch ms) the wake-up was planned for; the worker sends whatever is due. */
  [JobName.DeliverDue]: { at: number };
  [JobName.ReconcileOutbox]: { reason: string };
  [JobName.SnapshotHealth]: Record<string, never>;
  [JobName.SendHealthDigest]: Record<string, never>;
  [JobName.CatchUpHealthDigest]: Record<string, never>;
  [JobName.CheckInsDaily]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredAuth]: QueueName.Maintenance,
  [JobName.ExtendSessionWindows]: QueueName.Maintenance,
  [JobName.DeliverDue]: QueueName.Outbox,
  [JobName.ReconcileOutbox]: QueueName.Outbox,
  [JobName.SnapshotHealth]: QueueName.Maintenance,
  [JobName.SendHealthDigest]: QueueName.Maintenance,
  [JobName.CatchUpHealthDigest]: QueueName.Maintenance,
  [JobName.CheckInsDaily]: QueueName.Maintenance,
  [JobName.RefreshHealthScores]: QueueName.Maintenance,
};

/** Retries and retention per job, next to its name. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.PurgeExpiredAuth]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 50 },
  },
  [JobName.ExtendSessionWindows]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 50 },
  },
  // Wake-ups carry no state (PostgreSQL has it) and are removed when done, so the same wake-up
  // id can be queued again; a failed one is rebuilt by the reconciler.
  [JobName.DeliverDue]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: true,
  },
  [JobName.ReconcileOutbox]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: true,
    removeOnFail: { count: 20 },
  },
  [JobName.SnapshotHealth]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 50 },
  },
  // A retry sends nothing twice: the week's content is stored once and each email is one delivery row.
  [JobName.SendHealthDigest]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 50 },
  },
  // As the weekly run's: it sends through the same sendWeekly, so nothing goes twice.
  [JobName.CatchUpHealthDigest]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 50 },
  },
  // Safe to retry or to run on two workers: closing and starting are guarded in PostgreSQL.
  [JobName.CheckInsDaily]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 50 },
  },
  // Every minute, so a dashboard read rarely has more than a few scores to bring up to date; a
  // missed run only leaves that work to the next read (HealthScoreStore is safe to run anywhere, at once).
  // (BullMQ trims the queue's whole completed list to `count`, so it is not lower than the others'.)
  [JobName.RefreshHealthScores]: {
    attempts: 1,
    removeOnComplete: { count: 20 },
    removeOnFail: { count: 20 },
  },
};

/**
 * A recurring job: `every` ms (which also runs once at start-up), or a cron `pattern` (5 fields),
 * which runs only at its times, in the library's time zone (the library settings; the digest is the only cron job so far).
 */
export type RecurringJob = { id: string; name: JobName } & ({ every: number } | { pattern: string });

/** Recurring jobs the worker keeps scheduled (idempotent upserts of BullMQ job schedulers). */
export const RECURRING_JOBS: ReadonlyArray<RecurringJob> = [
  { id: 'auth.purge-expired.hourly', name: JobName.PurgeExpiredAuth, every: 3_600_000 },
  // Daily, and once at start-up (an `every` scheduler runs at once): programs' session windows move on.
  { id: 'programs.extend-session-windows.daily', name: JobName.ExtendSessionWindows, every: 86_400_000 },
  // Weekly, and at start-up: the run skips organizations snapshotted in the last 6 days, so restarts add nothing.
  { id: 'health.snapshot.weekly', name: JobName.SnapshotHealth, every: 7 * 86_400_000 },
  // Mondays at 07:00 in the library's time zone (digest.rules.ts DIGEST_SCHEDULE; moved when the zone changes, see
  // MaintenanceProcessor.followLibraryZone); not at start-up: the catch-up below covers a missed Monday.
  { id: 'health.digest.weekly', name: JobName.SendHealthDigest, pattern: '0 7 * * 1' },
  // Hourly, and at start-up (also queued at every worker start, see STARTUP_JOBS): sends this week's digest if Monday's was missed.
  { id: 'health.digest.catch-up.hourly', name: JobName.CatchUpHealthDigest, every: 3_600_000 },
  // Daily, and at start-up: closes check-ins past their deadline and, when the settings say so, starts the round for partners that are due.
  { id: 'check-ins.daily', name: JobName.CheckInsDaily, every: 86_400_000 },
  // Every minute: the stored health scores whose facts changed or whose time ran out (HealthScoreStore).
  { id: 'health.scores.refresh.minutely', name: JobName.RefreshHealthScores, every: 60_000 },
];

/**
 * Jobs the worker queues once each time it starts, besides its schedulers: an `every` scheduler
 * runs at once only when it is new (a restart against the same Redis keeps its next run), and a
 * missed Monday digest must be caught up when the worker comes back.
 */
export const STARTUP_JOBS: readonly JobName[] = [JobName.CatchUpHealthDigest];
