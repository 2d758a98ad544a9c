import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { GoalResponseDto } from '../goal/dto/goal.dto';
import { toGoalResponse } from '../goal/goal.mapper';
import { GoalService } from '../goal/goal.service';
import { toMatchResponse } from '../matching/matching.mapper';
import { MatchingService } from '../matching/matching.service';
import type { MatchResponseDto } from '../matching/dto/match.dto';
import { OrganizationStage, STAGES } from '../organization/organization-stage';
import {
  AudienceCoverageRow,
  audienceCoverageRows,
  DashboardAsk,
  DashboardRow,
  dashboardRow,
  organizationStageRows,
  PortfolioCountRow,
  PortfolioFilter,
} from '../read-side/dashboard.query';
import { HealthScoreStore } from './health-score-store.service';
import { HEALTH_BANDS, HealthBand } from './health-settings';
import { HealthSnapshotService, RECENT_SNAPSHOT_DAYS } from './health-snapshot.service';
import { HealthTrend, healthTrend } from './health-trend';

/** Lowest score first, unscored after every scored one, then name, then id. */
export function worstFirst(
  a: { score: number | null; name: string; organizationId: string },
  b: { score: number | null; name: string; organizationId: string },
): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return a.score - b.score;
  }
  return (
    a.name.localeCompare(b.name) ||
    (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0)
  );
}

/**
 * How many organizations of the portfolio (not ended, scored or unscored) match a filter of bands
 * and stages, from the counts by stage and stored band; one not in health_scores yet (band null)
 * is in no page. An owner in the filter needs a count of its own.
 */
export function portfolioTotal(counts: PortfolioCountRow[], filter: Pick<PortfolioFilter, 'bands' | 'stages'>): number {
  return counts
    .filter(
      (row) =>
        (row.stage as OrganizationStage) !== OrganizationStage.Ended &&
        row.band !== null &&
        (filter.bands === null || filter.bands.includes(row.band)) &&
        (filter.stages === null || filter.stages.includes(row.stage)),
    )
    .reduce((sum, row) => sum + row.count, 0);
}

/** How far ahead the dashboard looks for sessions, and how many of each list it returns. */
export const DASHBOARD_RULES = Object.freeze({ upcomingDays: 14, listLimit: 20, introductions: 3 });

export interface PortfolioEntry {
  organizationId: string;
  name: string;
  stage: OrganizationStage;
  ownerId: string | null;
  /** Null while unscored. */
  score: number | null;
  band: HealthBand;
  drivers: string[];
  /** From the weekly snapshots (see healthTrend); null without two at least a week apart. */
  trend: HealthTrend | null;
}
export interface AudienceCoverage {
  audienceId: string;
  name: string;
  priority: number;
  activePartners: number;
}
export interface UpcomingSession {
  id: string;
  programId: string;
  programName: string;
  startsAt: string;
}
export interface OverdueTask {
  id: string;
  title: string;
  dueAt: string;
  assigneeId: string;
  organizationId: string | null;
}
export interface HealthDashboardQuery {
  limit: number;
  offset: number;
  band?: HealthBand[];
  stage?: OrganizationStage[];
  ownerId?: string;
}

export interface HealthDashboard {
  data: PortfolioEntry[];
  /** Organizations matching the filters. */
  total: number;
  summary: { byBand: Record<HealthBand, number>; byStage: Record<OrganizationStage, number> };
  audienceCoverage: AudienceCoverage[];
  upcomingSessions: { total: number; data: UpcomingSession[] };
  overdueTasks: { total: number; data: OverdueTask[] };
  introductions: { total: number; data: MatchResponseDto[] };
  /** Current work-plan goals with their progress, off track first (GoalService). */
  goals: GoalResponseDto[];
}

const toAudienceCoverage = (row: AudienceCoverageRow): AudienceCoverage => ({
  audienceId: row.id,
  name: row.name,
  priority: row.priority,
  activePartners: row.active_partners,
});

/**
 * The manager's health dashboard in one screen of JSON.
 *
 * - Portfolio: every organization except those at stage `ended` (prospects included: a
 *   prospect we have gone quiet on is worth seeing), scored with the settings in force, worst
 *   first (lowest score, then name, then id). `trend` compares the weekly snapshots of the last
 *   four weeks (healthTrend); null without two snapshots at least a week apart.
 * - summary.byBand counts the portfolio per band; summary.byStage counts every organization
 *   per stage (ended included, so the directory adds up). Every band and stage key is present.
 * - audienceCoverage: every audience with the number of organizations at stage `active` that
 *   serve it, priority first (1 high), then fewest active partners, then name — so an
 *   uncovered priority-1 audience is the first row.
 * - upcomingSessions: sessions starting in the next 14 days, not cancelled, not on a closure
 *   day, of programs that are planned or running; soonest first, at most 20, with the total.
 * - overdueTasks: open tasks whose due time has passed, oldest due first, at most 20, with the total.
 * - introductions: the three strongest suggested introductions (GET /matches, dismissed ones
 *   hidden), with the total: the first one is the introduction to make first.
 * - goals: the work-plan goals whose period contains the library's today, with their progress,
 *   off track first, then the soonest to end (GET /goals?current=true; measured by GoalService).
 *
 * Set-based statements whatever the size of the portfolio, never one per organization (the read
 * side's, read-side/dashboard.query.ts): the stale stored scores (1, HealthScoreStore; more when
 * some must be rescored), the page with its snapshots (1), the counts (1), audiences with their
 * active partner counts (1), upcoming sessions (1), overdue tasks (1), and what the introductions
 * (MatchingService.strongest) and the goals (GoalService.current) read. Every look costs the
 * event loop CPU that other users wait for (issue 20), so each statement saved counts.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly snapshots: HealthSnapshotService,
    private readonly matching: MatchingService,
    private readonly store: HealthScoreStore,
    private readonly clock: Clock,
    private readonly goals: GoalService,
  ) {}

  /**
   * One page of the portfolio (filtered) with the whole portfolio's counts and the rest of the
   * dashboard, read from the stored scores in one statement (dashboardRow); when it finds a stored
   * score stale, the store refreshes them (HealthScoreStore.refresh: only the organizations whose
   * facts changed or whose time ran out) and the statement runs again, so what is shown equals the
   * from-scratch score at the time it is read. The page's rows bring their own recent snapshots
   * for the trends.
   */
  async health(query: HealthDashboardQuery = { limit: 50, offset: 0 }): Promise<HealthDashboard> {
    const now = this.clock.now();
    const ask: DashboardAsk = {
      filter: {
        bands: query.band && query.band.length > 0 ? query.band : null,
        stages: query.stage && query.stage.length > 0 ? query.stage : null,
        ownerId: query.ownerId ?? null,
      },
      limit: query.limit,
      offset: query.offset,
      now,
      snapshotDays: RECENT_SNAPSHOT_DAYS,
      upcomingDays: DASHBOARD_RULES.upcomingDays,
      listLimit: DASHBOARD_RULES.listLimit,
    };
    const [{ page, counts, owned, coverage, upcoming, overdue }, introductions, goals] = await Promise.all([
      this.ownRow(ask),
      this.matching.strongest(DASHBOARD_RULES.introductions),
      this.goals.current(),
    ]);

    const byBand = Object.fromEntries(HEALTH_BANDS.map((band) => [band, 0])) as Record<HealthBand, number>;
    const byStage = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<OrganizationStage, number>;
    for (const row of counts) {
      const stage = row.stage as OrganizationStage;
      byStage[stage] += row.count;
      if (stage !== OrganizationStage.Ended && row.band !== null) byBand[row.band as HealthBand] += row.count;
    }
    const data: PortfolioEntry[] = page.map((row) => {
      const trend = healthTrend(row.snapshots.map(([at, score]) => ({ at: new Date(at), score })));
      return {
        organizationId: row.id,
        name: row.name,
        stage: row.stage as OrganizationStage,
        ownerId: row.owner_id,
        score: row.score,
        band: row.band as HealthBand,
        drivers: row.drivers,
        trend: trend.change === null ? null : trend,
      };
    });

    return {
      data,
      total: owned ?? portfolioTotal(counts, ask.filter),
      summary: { byBand, byStage },
      audienceCoverage: coverage.map(toAudienceCoverage),
      upcomingSessions: {
        total: upcoming[0]?.total ?? 0,
        data: upcoming.map((s) => ({
          id: s.id,
          programId: s.program_id,
          programName: s.program_name,
          startsAt: new Date(s.starts_at).toISOString(),
        })),
      },
      overdueTasks: {
        total: overdue[0]?.total ?? 0,
        data: overdue.map((t) => ({
          id: t.id,
          title: t.title,
          dueAt: new Date(t.due_at).toISOString(),
          assigneeId: t.assignee_id,
          organizationId: t.organization_id,
        })),
      },
      introductions: { total: introductions.meta.total, data: introductions.data.map(toMatchResponse) },
      goals: goals.map(toGoalResponse),
    };
  }

  /** The dashboard's own reads (see health), with the stored scores refreshed first when any is stale. */
  private async ownRow(ask: DashboardAsk): Promise<DashboardRow> {
    const row = await dashboardRow(this.dataSource, ask);
    if (!row.stale) return row;
    await this.store.refresh(ask.now);
    return dashboardRow(this.dataSource, ask);
  }

  /**
   * The portfolio scored at `now`, worst first, with the counts by band (portfolio) and by
   * stage (every organization); see the class comment. The stored scores, brought up to date
   * first (HealthScoreStore.refresh), so they equal the from-scratch score at `now` — scoring
   * the whole portfolio here would hold the event loop for hundreds of milliseconds. Three
   * statements when nothing is stale: the stale rows, the organizations with their scores, and
   * the recent snapshots. Used by the weekly digest.
   */
  async portfolio(now: Date): Promise<{
    data: PortfolioEntry[];
    byBand: Record<HealthBand, number>;
    byStage: Record<OrganizationStage, number>;
  }> {
    await this.store.refresh(now);
    const [organizations, snapshots] = await Promise.all([
      organizationStageRows(this.dataSource),
      this.snapshots.recentByOrganization(now),
    ]);

    const byBand = Object.fromEntries(HEALTH_BANDS.map((band) => [band, 0])) as Record<HealthBand, number>;
    const byStage = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<OrganizationStage, number>;
    const data: PortfolioEntry[] = [];
    for (const row of organizations) {
      const stage = row.stage as OrganizationStage;
      byStage[stage] += 1;
      // An organization added since the refresh has no stored score yet: it shows on the next look.
      if (stage === OrganizationStage.Ended || row.band === null) continue;
      const band = row.band as HealthBand;
      byBand[band] += 1;
      const trend = healthTrend(snapshots.get(row.id) ?? []);
      data.push({
        organizationId: row.id,
        name: row.name,
        stage,
        ownerId: row.owner_id,
        score: row.score,
        band,
        drivers: row.drivers ?? [],
        trend: trend.change === null ? null : trend,
      });
    }
    data.sort(worstFirst);
    return { data, byBand, byStage };
  }

  /**
   * Every audience with the number of organizations at stage `active` that serve it, priority
   * first (1 high), then fewest active partners, then name: an uncovered priority-1 audience
   * is the first row. One statement. The weekly digest's (a dashboard look reads it within dashboardRow).
   */
  async audienceCoverage(): Promise<AudienceCoverage[]> {
    return (await audienceCoverageRows(this.dataSource)).map(toAudienceCoverage);
  }
}
