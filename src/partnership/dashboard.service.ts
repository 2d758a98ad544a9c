import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { toMatchResponse } from '../matching/matching.mapper';
import { MatchingService } from '../matching/matching.service';
import type { MatchResponseDto } from '../matching/dto/match.dto';
import { OrganizationStage, STAGES } from '../organization/organization-stage';
import { HealthFactsService } from './health-facts.service';
import { computeHealthScore } from './health-score';
import { HEALTH_BANDS, HealthBand } from './health-settings';
import { HealthSettingsService } from './health-settings.service';
import { HealthSnapshotService } from './health-snapshot.service';
import { HealthTrend, healthTrend } from './health-trend';

/** How far ahead the dashboard looks for sessions, and how many of each list it returns. */
export const DASHBOARD_RULES = Object.freeze({ upcomingDays: 14, listLimit: 20, introductions: 3 });

export interface PortfolioEntry {
  organizationId: string;
  name: string;
  stage: OrganizationStage;
  score: number;
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
export interface HealthDashboard {
  data: PortfolioEntry[];
  summary: { byBand: Record<HealthBand, number>; byStage: Record<OrganizationStage, number> };
  audienceCoverage: AudienceCoverage[];
  upcomingSessions: { total: number; data: UpcomingSession[] };
  overdueTasks: { total: number; data: OverdueTask[] };
  introductions: { total: number; data: MatchResponseDto[] };
}

interface OrganizationRow {
  id: string;
  name: string;
  stage: OrganizationStage;
}
interface AudienceRow {
  id: string;
  name: string;
  priority: number;
  active_partners: number;
}
interface SessionRow {
  id: string;
  program_id: string;
  program_name: string;
  starts_at: Date;
  total: number;
}
interface TaskRow {
  id: string;
  title: string;
  due_at: Date;
  assignee_id: string;
  organization_id: string | null;
  total: number;
}

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
 *
 * Fifteen set-based statements whatever the size of the portfolio, never one per organization:
 * the health facts (5, see HealthFactsService), organizations (1), recent snapshots (1),
 * audiences with their active partner counts (1), upcoming sessions (1), overdue tasks (1),
 * the settings (1) and matching's four (organizations, the two vocabularies, pairs left out).
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: HealthFactsService,
    private readonly settings: HealthSettingsService,
    private readonly snapshots: HealthSnapshotService,
    private readonly matching: MatchingService,
    private readonly clock: Clock,
  ) {}

  async health(): Promise<HealthDashboard> {
    const now = this.clock.now();
    const { upcomingDays, listLimit } = DASHBOARD_RULES;
    const [{ data, byBand, byStage }, audienceCoverage, introductions, sessions, tasks] = await Promise.all([
      this.portfolio(now),
      this.audienceCoverage(),
      this.matching.list({ offset: 0, limit: DASHBOARD_RULES.introductions }),
      this.dataSource.query(
        `
        SELECT s.id, s.program_id, p.name AS program_name, s.starts_at, count(*) OVER ()::int AS total
        FROM program_sessions s JOIN programs p ON p.id = s.program_id
        WHERE s.starts_at > $1 AND s.starts_at <= $1::timestamptz + make_interval(days => $2)
          AND NOT s.cancelled AND s.closure_id IS NULL AND p.status IN ('planned', 'running')
        ORDER BY s.starts_at, s.id
        LIMIT $3`,
        [now, upcomingDays, listLimit],
      ) as Promise<SessionRow[]>,
      this.dataSource.query(
        `
        SELECT t.id, t.title, t.due_at, t.assignee_id, t.organization_id, count(*) OVER ()::int AS total
        FROM tasks t
        WHERE t.status = 'open' AND t.due_at < $1
        ORDER BY t.due_at, t.id
        LIMIT $2`,
        [now, listLimit],
      ) as Promise<TaskRow[]>,
    ]);

    return {
      data,
      summary: { byBand, byStage },
      audienceCoverage,
      upcomingSessions: {
        total: sessions[0]?.total ?? 0,
        data: sessions.map((s) => ({
          id: s.id,
          programId: s.program_id,
          programName: s.program_name,
          startsAt: s.starts_at.toISOString(),
        })),
      },
      overdueTasks: {
        total: tasks[0]?.total ?? 0,
        data: tasks.map((t) => ({
          id: t.id,
          title: t.title,
          dueAt: t.due_at.toISOString(),
          assigneeId: t.assignee_id,
          organizationId: t.organization_id,
        })),
      },
      introductions: { total: introductions.meta.total, data: introductions.data.map(toMatchResponse) },
    };
  }

  /**
   * The portfolio scored at `now`, worst first, with the counts by band (portfolio) and by
   * stage (every organization); see the class comment. Eight statements: the facts (5), the
   * settings, the recent snapshots and the organizations. Also used by the weekly digest.
   */
  async portfolio(now: Date): Promise<{
    data: PortfolioEntry[];
    byBand: Record<HealthBand, number>;
    byStage: Record<OrganizationStage, number>;
  }> {
    const [facts, { settings }, snapshots, organizations] = await Promise.all([
      this.facts.factsFor('all', now),
      this.settings.current(),
      this.snapshots.recentByOrganization(now),
      this.dataSource.query(`SELECT id, name, stage FROM organizations`) as Promise<OrganizationRow[]>,
    ]);

    const byBand = Object.fromEntries(HEALTH_BANDS.map((band) => [band, 0])) as Record<HealthBand, number>;
    const byStage = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<OrganizationStage, number>;
    const data: PortfolioEntry[] = [];
    for (const org of organizations) {
      byStage[org.stage] += 1;
      const orgFacts = facts.get(org.id);
      // An organization added between the statements has no facts yet: it shows on the next look.
      if (org.stage === OrganizationStage.Ended || !orgFacts) continue;
      const health = computeHealthScore(orgFacts, settings, now);
      byBand[health.band] += 1;
      const trend = healthTrend(snapshots.get(org.id) ?? []);
      data.push({
        organizationId: org.id,
        name: org.name,
        stage: org.stage,
        score: health.score,
        band: health.band,
        drivers: health.drivers,
        trend: trend.change === null ? null : trend,
      });
    }
    data.sort(
      (a, b) => a.score - b.score || a.name.localeCompare(b.name) || (a.organizationId < b.organizationId ? -1 : 1),
    );
    return { data, byBand, byStage };
  }

  /**
   * Every audience with the number of organizations at stage `active` that serve it, priority
   * first (1 high), then fewest active partners, then name: an uncovered priority-1 audience
   * is the first row. One statement. Also used by the weekly digest.
   */
  async audienceCoverage(): Promise<AudienceCoverage[]> {
    const audiences = (await this.dataSource.query(`
      SELECT a.id, a.name, a.priority,
             (SELECT count(*)::int FROM organizations o WHERE o.stage = 'active' AND a.id = ANY(o.audience_ids)) AS active_partners
      FROM audiences a
      ORDER BY a.priority, active_partners, lower(a.name), a.id`)) as AudienceRow[];
    return audiences.map((a) => ({
      audienceId: a.id,
      name: a.name,
      priority: a.priority,
      activePartners: a.active_partners,
    }));
  }
}
