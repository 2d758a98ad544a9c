import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../auth/role.enum';
import { Clock } from '../common/clock/clock';
import { GoalService } from '../goal/goal.service';
import { scopeOf } from '../goal/goal.rules';
import { LibraryCalendar } from '../library/library-calendar';
import { MatchingService } from '../matching/matching.service';
import { DashboardService } from '../partnership/dashboard.service';
import { HealthSnapshotService } from '../partnership/health-snapshot.service';
import { DeliveryKind } from '../outbox/delivery-state';
import { OutboxService } from '../outbox/outbox.service';
import { UserService } from '../user/user.service';
import { catchUpDecision, composeDigest, DIGEST_RULES, DigestContent, weekOf } from './digest.rules';

const DAY_MS = 86_400_000;

/** Roles that get the digest (those holding dashboard.read). */
export const DIGEST_ROLES: readonly Role[] = [Role.Manager, Role.Admin];

export interface StoredDigest {
  id: string;
  weekOf: string;
  content: DigestContent;
  createdAt: Date;
}

export interface DigestPreview extends DigestContent {
  /** Always present in the preview (an empty list for a digest stored before goals existed). */
  goalsOffTrack: NonNullable<DigestContent['goalsOffTrack']>;
  stored: boolean;
  composedAt: string;
}

export interface SendDigestResult {
  weekOf: string;
  digestId: string;
  /** Emails queued by this run (0 when an earlier run already queued them). */
  queued: number;
}

/** What a catch-up run did: sent this week's digest (the run's result), or why not. */
export type CatchUpResult =
  | ({ caughtUp: true } & SendDigestResult)
  | { caughtUp: false; weekOf: string; reason: 'not-due' | 'already-stored' | 'never-sent' };

/**
 * The weekly health digest for managers (see digest.rules.ts for what it says). Its inputs come
 * from the services that own them — the dashboard's portfolio and audience coverage, last week's
 * bands from the snapshots, the ranked introductions from matching — so the digest never scores
 * or ranks anything itself.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dashboard: DashboardService,
    private readonly snapshots: HealthSnapshotService,
    private readonly matching: MatchingService,
    private readonly outbox: OutboxService,
    private readonly users: UserService,
    private readonly clock: Clock,
    private readonly calendar: LibraryCalendar,
    private readonly goals: GoalService,
  ) {}

  /**
   * What the digest for the week of `now` says, computed now and not stored. Set-based: the
   * portfolio (3 statements when no stored score is stale), the coverage (1), last week's bands
   * (1) and the introductions (the matching version, then a page from the ranking thread),
   * whatever the number of organizations; plus the current goals measured now and a week ago
   * (GoalService: a report measurement per distinct period and scope).
   */
  async composeWeekly(now: Date, zone?: string): Promise<DigestContent> {
    const week = weekOf(now, zone ?? (await this.calendar.zone()));
    const previousAt = new Date(now.getTime() - DIGEST_RULES.previousMinDays * DAY_MS);
    const [portfolio, audiences, previous, introductions, goals] = await Promise.all([
      this.dashboard.portfolio(now),
      this.dashboard.audienceCoverage(),
      this.snapshots.latestBandsAt(previousAt),
      this.matching.strongest(DIGEST_RULES.introductions),
      this.goals.currentWithLastWeek(now),
    ]);
    return composeDigest({
      weekOf: week,
      organizations: portfolio.data.map((entry) => ({
        ...entry,
        previousBand: previous.get(entry.organizationId) ?? null,
      })),
      audiences,
      introductions: introductions.data,
      goals: goals.map(({ goal, scopeName, progress, onTrackWeekBefore }) => ({
        goalId: goal.id,
        title: goal.title,
        metric: goal.metric,
        target: goal.target,
        from: goal.from,
        to: goal.to,
        scope: { ...scopeOf(goal), name: scopeName },
        progress,
        onTrackWeekBefore,
      })),
    });
  }

  /**
   * What this week's digest says: the stored one once it has been sent (it no longer changes),
   * else composed now as it would be sent.
   */
  async preview(): Promise<DigestPreview> {
    const now = this.clock.now();
    const zone = await this.calendar.zone();
    const stored = await this.stored(weekOf(now, zone));
    if (stored)
      return {
        ...stored.content,
        goalsOffTrack: stored.content.goalsOffTrack ?? [],
        stored: true,
        composedAt: stored.createdAt.toISOString(),
      };
    const content = await this.composeWeekly(now, zone);
    return { ...content, goalsOffTrack: content.goalsOffTrack ?? [], stored: false, composedAt: now.toISOString() };
  }

  /**
   * Sends this week's digest (the week of the clock's now, its Monday in the library's time zone) to
   * every active manager and admin, once. Safe to run again, on a retry, on two workers at once,
   * or as the cron and a catch-up together: in one transaction the content is stored once per
   * week (ON CONFLICT on week_of: a second run waits for the first's commit, then stores nothing)
   * and read back, and the emails are queued as one delivery row per (digest, recipient) (ON
   * CONFLICT DO NOTHING), sent by the delivery worker exactly once each. So a stored digest
   * always has its emails queued, and every run sends the same content. A manager added later in
   * the week gets it on the next run of this job.
   */
  async sendWeekly(now = this.clock.now()): Promise<SendDigestResult> {
    const zone = await this.calendar.zone();
    const week = weekOf(now, zone);
    // Composed outside the transaction (14 statements), and only while the week has none stored.
    const content = (await this.stored(week)) ? null : await this.composeWeekly(now, zone);
    const { digestId, queued } = await this.dataSource.transaction(async (manager) => {
      if (content)
        await manager.query(
          `INSERT INTO health_digests (week_of, content, created_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (week_of) DO NOTHING`,
          [week, JSON.stringify(content), now],
        );
      // Whichever run stored it first, every run sends that content.
      const digest = await this.stored(week, manager);
      if (!digest) throw new Error(`health digest for ${week} not found after storing it`);
      const rows = await this.outbox.enqueueWithin(
        manager,
        (await this.users.activeIdsWithRoles(DIGEST_ROLES, manager)).map((userId) => ({
          kind: DeliveryKind.Digest,
          digestId: digest.id,
          recipient: { userId },
          occurrenceKey: `digest:${week}`,
          occurrenceAt: now,
          dueAt: now,
        })),
      );
      return { digestId: digest.id, queued: rows.length };
    });
    // Always, not only when rows were added: a run that stopped after its commit left them unwoken.
    await this.outbox.wake([now]);
    const result = { weekOf: week, digestId, queued };
    this.logger.log(result, 'health digest queued');
    return result;
  }

  /**
   * Sends this week's digest if the worker missed it: run at every worker start and hourly (see
   * catchUpDecision). Only when this week's Monday 07:00 has passed, no digest is stored for this
   * week, and one was stored for an earlier week (the installation has sent digests before).
   * Whatever runs at the same time (the cron, another worker's catch-up), sendWeekly stores and
   * queues the week once.
   */
  async catchUp(): Promise<CatchUpResult> {
    const now = this.clock.now();
    const [{ latest }] = await this.dataSource.query<{ latest: string | null }[]>(
      `SELECT max(week_of)::text AS latest FROM health_digests`,
    );
    const decision = catchUpDecision(now, await this.calendar.zone(), latest);
    if (decision.action === 'skip') return { caughtUp: false, weekOf: decision.weekOf, reason: decision.reason };
    this.logger.log({ weekOf: decision.weekOf, lastStored: latest }, 'health digest missed on Monday: catching up');
    return { caughtUp: true, ...(await this.sendWeekly(now)) };
  }

  private async stored(week: string, manager: EntityManager = this.dataSource.manager): Promise<StoredDigest | null> {
    const [row] = await manager.query<{ id: string; week_of: string; content: DigestContent; created_at: Date }[]>(
      `SELECT id, week_of::text AS week_of, content, created_at FROM health_digests WHERE week_of = $1`,
      [week],
    );
    return row ? { id: row.id, weekOf: row.week_of, content: row.content, createdAt: row.created_at } : null;
  }
}
