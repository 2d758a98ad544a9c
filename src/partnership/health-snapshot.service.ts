import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { HealthScoreStore } from './health-score-store.service';
import { HealthBand, ScoredBand } from './health-settings';
import { HealthSnapshot, TREND_RULES } from './health-trend';

const DAY_MS = 86_400_000;

/**
 * The weekly snapshots of every health score.
 * - An organization is snapshotted unless it has ended or is unscored (its history starts with
 *   the evidence), at most once a week: one that has a
 *   snapshot less than 6 days old is skipped, so a job that runs again at start-up, on a retry
 *   or on a second worker adds nothing (and the primary key allows one per day anyway).
 * - `takenAt` is the start (00:00 UTC) of the day of the run.
 * - From the stored scores (HealthScoreStore, brought up to date first): one INSERT … SELECT of
 *   every row, whatever the number of organizations.
 */
export const SNAPSHOT_RULES = Object.freeze({ minDaysBetween: 6, historyLimit: 53 });

/** The snapshots a trend is computed from: the last four weeks healthTrend looks at, and a week's margin before them. */
export const RECENT_SNAPSHOT_DAYS = TREND_RULES.lookbackDays + 7;

export interface PortfolioWeek {
  /** The Monday (UTC) of the week, YYYY-MM-DD. */
  weekOf: string;
  byBand: Record<ScoredBand, number>;
  averageScore: number;
  organizations: number;
}

export interface SnapshotResult {
  takenAt: string;
  snapshots: number;
}

interface PortfolioWeekRow {
  week: string;
  thriving: number;
  steady: number;
  at_risk: number;
  dormant: number;
  average_score: number;
  organizations: number;
}

@Injectable()
export class HealthSnapshotService {
  private readonly logger = new Logger(HealthSnapshotService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: HealthScoreStore,
    private readonly clock: Clock,
  ) {}

  async takeSnapshots(): Promise<SnapshotResult> {
    const now = this.clock.now();
    const takenAt = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
    // The stored scores, brought up to date: they equal the from-scratch score at `now`.
    await this.store.refresh(now);
    const inserted = await this.dataSource.query<unknown[]>(
      `
      INSERT INTO health_snapshots (organization_id, taken_at, score, band)
      SELECT h.organization_id, $1, h.score, h.band
      FROM health_scores h JOIN organizations o ON o.id = h.organization_id
      WHERE o.stage <> 'ended'
        -- The history starts with the evidence: nothing to record while unscored.
        AND h.score IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM health_snapshots s
                        WHERE s.organization_id = h.organization_id AND s.taken_at > $1::timestamptz - make_interval(days => $2))
      ON CONFLICT DO NOTHING
      RETURNING organization_id`,
      [takenAt, SNAPSHOT_RULES.minDaysBetween],
    );
    const result = { takenAt: takenAt.toISOString(), snapshots: inserted.length };
    this.logger.log(result, 'health scores snapshotted');
    return result;
  }

  /** One organization's latest snapshots (about a year), oldest first. */
  async historyOf(organizationId: string): Promise<HealthSnapshot[]> {
    const rows = await this.dataSource.query<{ taken_at: Date; score: number }[]>(
      `SELECT taken_at, score FROM (
         SELECT taken_at, score FROM health_snapshots WHERE organization_id = $1 ORDER BY taken_at DESC LIMIT $2
       ) latest ORDER BY taken_at`,
      [organizationId, SNAPSHOT_RULES.historyLimit],
    );
    return rows.map((row) => ({ at: row.taken_at, score: row.score }));
  }

  /**
   * The portfolio week by week (the latest 53 weeks with snapshots, about a year), oldest first:
   * per week (Monday, UTC), how many organizations were in each band and their mean score. An
   * organization snapshotted twice in one week counts once, with the later snapshot. One
   * statement, whatever the size of the portfolio.
   */
  async portfolioHistory(): Promise<PortfolioWeek[]> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<PortfolioWeekRow[]>(
      `WITH weekly AS (
         SELECT DISTINCT ON (organization_id, week) organization_id, week, score, band
         FROM (SELECT organization_id, taken_at, score, band, date_trunc('week', taken_at AT TIME ZONE 'UTC')::date AS week
               FROM health_snapshots
               WHERE taken_at <= $1 AND taken_at > $1::timestamptz - make_interval(days => $2)) s
         ORDER BY organization_id, week, taken_at DESC
       )
       SELECT to_char(week, 'YYYY-MM-DD') AS week,
              count(*) FILTER (WHERE band = 'thriving')::int AS thriving,
              count(*) FILTER (WHERE band = 'steady')::int AS steady,
              count(*) FILTER (WHERE band = 'at-risk')::int AS at_risk,
              count(*) FILTER (WHERE band = 'dormant')::int AS dormant,
              round(avg(score))::int AS average_score,
              count(*)::int AS organizations
       FROM weekly GROUP BY week ORDER BY week DESC LIMIT $3`,
      [now, SNAPSHOT_RULES.historyLimit * 7 + 7, SNAPSHOT_RULES.historyLimit],
    );
    return rows.reverse().map((row) => ({
      weekOf: row.week,
      byBand: { thriving: row.thriving, steady: row.steady, 'at-risk': row.at_risk, dormant: row.dormant },
      averageScore: row.average_score,
      organizations: row.organizations,
    }));
  }

  /**
   * Every organization's band in its latest snapshot taken at or before `before`, in one
   * statement; organizations with none are absent. The weekly digest compares bands with these.
   */
  async latestBandsAt(before: Date): Promise<Map<string, HealthBand>> {
    const rows = await this.dataSource.query<{ organization_id: string; band: HealthBand }[]>(
      `SELECT DISTINCT ON (organization_id) organization_id, band FROM health_snapshots
       WHERE taken_at <= $1
       ORDER BY organization_id, taken_at DESC`,
      [before],
    );
    return new Map(rows.map((row) => [row.organization_id, row.band]));
  }

  /** Every organization's snapshots of the span healthTrend looks at (RECENT_SNAPSHOT_DAYS), in one statement. */
  async recentByOrganization(now: Date): Promise<Map<string, HealthSnapshot[]>> {
    const rows = await this.dataSource.query<{ organization_id: string; taken_at: Date; score: number }[]>(
      `SELECT organization_id, taken_at, score FROM health_snapshots
       WHERE taken_at > $1::timestamptz - make_interval(days => $2) AND taken_at <= $1
       ORDER BY organization_id, taken_at`,
      [now, RECENT_SNAPSHOT_DAYS],
    );
    const byOrg = new Map<string, HealthSnapshot[]>();
    for (const row of rows) {
      const list = byOrg.get(row.organization_id) ?? [];
      list.push({ at: row.taken_at, score: row.score });
      byOrg.set(row.organization_id, list);
    }
    return byOrg;
  }
}
