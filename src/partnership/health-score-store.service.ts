import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { HealthFactsService } from './health-facts.service';
import { healthValidUntil } from './health-expiry';
import { computeHealthScore } from './health-score';
import { HealthSettingsService } from './health-settings.service';

export interface HealthRefreshResult {
  /** Organizations recomputed. */
  refreshed: number;
  /** Of them, because a write changed their facts (the rest: time moved on). */
  changed: number;
}

/**
 * Keeps `health_scores` right, so the dashboard can page, filter and count the portfolio in SQL
 * instead of scoring every organization on every look.
 *
 * A row is stale when (a) a write touched the organization's facts — the triggers of migration
 * HealthScores1796650100000 append it to `health_changes` — or (b) time alone changed them
 * (`valid_until`, see healthValidUntil, has passed), or (c) it was computed for a later `now`
 * than the clock's (a clock set back). `refresh` recomputes exactly the stale rows with the same
 * facts and score the rest of Tandem uses (HealthFactsService, computeHealthScore), so a row
 * always equals the from-scratch score at the time it is read; the dashboard calls it before
 * every read and the worker every minute, so a read rarely has more than a few rows to do.
 *
 * Concurrency: any number of refreshes may run at once (two tabs, the worker). Each takes a
 * number from `health_refresh_seq` after reading the change log and before reading the facts; a
 * row is only overwritten by a refresh with a higher number, whose facts therefore include every
 * write whose change-log entry a lower one removed. A refresh removes only the entries it read:
 * one appended meanwhile stays for the next.
 */
@Injectable()
export class HealthScoreStore {
  private readonly logger = new Logger(HealthScoreStore.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: HealthFactsService,
    private readonly settings: HealthSettingsService,
    private readonly clock: Clock,
  ) {}

  async refresh(now: Date = this.clock.now()): Promise<HealthRefreshResult> {
    const db = this.dataSource;
    const [changes, expired] = await Promise.all([
      db.query<{ id: string; organization_id: string }[]>(`SELECT id, organization_id FROM health_changes`),
      db.query<{ organization_id: string }[]>(
        `SELECT organization_id FROM health_scores WHERE valid_until <= $1 OR computed_at > $1`,
        [now],
      ),
    ]);
    const changed = new Set(changes.map((row) => row.organization_id));
    const ids = new Set([...changed, ...expired.map((row) => row.organization_id)]);
    if (ids.size === 0) return { refreshed: 0, changed: 0 };

    const [{ seq }] = await db.query<{ seq: string }[]>(`SELECT nextval('health_refresh_seq')::text AS seq`);
    const [facts, { settings }] = await Promise.all([this.facts.factsFor([...ids], now), this.settings.current()]);
    const rows = {
      ids: [] as string[],
      scores: [] as (number | null)[],
      bands: [] as string[],
      drivers: [] as string[],
    };
    const validUntil: Date[] = [];
    for (const [id, orgFacts] of facts) {
      const health = computeHealthScore(orgFacts, settings, now);
      rows.ids.push(id);
      rows.scores.push(health.score);
      rows.bands.push(health.band);
      rows.drivers.push(JSON.stringify(health.drivers));
      validUntil.push(healthValidUntil(orgFacts, now));
    }
    // Joined with organizations: one deleted since the facts were read is skipped, not an error.
    await db.query(
      `
      INSERT INTO health_scores (organization_id, score, band, drivers, refresh_seq, computed_at, valid_until)
      SELECT u.id, u.score, u.band, u.drivers, $5::bigint, $6, u.valid_until
      FROM unnest($1::uuid[], $2::smallint[], $3::varchar[], $4::jsonb[], $7::timestamptz[])
           AS u(id, score, band, drivers, valid_until)
      JOIN organizations o ON o.id = u.id
      ON CONFLICT (organization_id) DO UPDATE
      SET score = EXCLUDED.score, band = EXCLUDED.band, drivers = EXCLUDED.drivers, refresh_seq = EXCLUDED.refresh_seq,
          computed_at = EXCLUDED.computed_at, valid_until = EXCLUDED.valid_until
      WHERE health_scores.refresh_seq < EXCLUDED.refresh_seq`,
      [rows.ids, rows.scores, rows.bands, rows.drivers, seq, now, validUntil],
    );
    if (changes.length > 0) {
      await db.query(`DELETE FROM health_changes WHERE id = ANY($1::bigint[])`, [changes.map((row) => row.id)]);
    }
    const result = { refreshed: rows.ids.length, changed: changed.size };
    if (result.refreshed > 100) this.logger.log(result, 'health scores refreshed');
    return result;
  }
}
