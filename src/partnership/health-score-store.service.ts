import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { healthFactsOf, HealthFactsService } from './health-facts.service';
import { scoreInSlices, StoredHealth } from './health-scoring';
import { HealthSettingsService } from './health-settings.service';

/**
 * Organizations scored per batch of a refresh. A batch's facts are some 200 kB of rows, which `pg`
 * parses in about 10 ms without yielding, and so is its upsert's array parameters; reading the
 * facts of a thousand at a time costs the database 10–30 % more than all at once (a change to the
 * health settings rescores every organization), which is rare enough.
 */
export const HEALTH_REFRESH_BATCH = 1_000;

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
 * every read and the worker every minute, so a read rarely has more than a few rows to do. When
 * it has thousands (a change to the health settings rescores them all), it works through them in
 * batches and slices (HEALTH_REFRESH_BATCH, scoreInSlices) so that the request never holds the
 * event loop for long.
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
    // The change log's entries (with their id, to remove them after) and the rows time has overtaken (no id).
    const entries = await db.query<{ id: string | null; organization_id: string }[]>(
      `SELECT id, organization_id FROM health_changes
       UNION ALL
       SELECT NULL, organization_id FROM health_scores WHERE valid_until <= $1 OR computed_at > $1`,
      [now],
    );
    const changes = entries.filter((row) => row.id !== null);
    const changed = new Set(changes.map((row) => row.organization_id));
    const stale = [...new Set(entries.map((row) => row.organization_id))];
    if (stale.length === 0) return { refreshed: 0, changed: 0 };

    const [{ seq }] = await db.query<{ seq: string }[]>(`SELECT nextval('health_refresh_seq')::text AS seq`);
    // In batches: the facts of thousands of organizations arrive as megabytes that `pg` parses
    // without yielding, and their upsert is serialized the same way (see HEALTH_REFRESH_BATCH).
    const settingsRead = this.settings.current();
    let refreshed = 0;
    for (let from = 0; from < stale.length; from += HEALTH_REFRESH_BATCH) {
      const [rows, { settings }] = await Promise.all([
        this.facts.rowsFor(stale.slice(from, from + HEALTH_REFRESH_BATCH), now),
        settingsRead,
      ]);
      const scored = await scoreInSlices(healthFactsOf(rows), settings, now);
      await this.upsert(scored, seq, now);
      refreshed += scored.length;
    }
    if (changes.length > 0) {
      await db.query(`DELETE FROM health_changes WHERE id = ANY($1::bigint[])`, [changes.map((row) => row.id)]);
    }
    const result = { refreshed, changed: changed.size };
    if (result.refreshed > 100) this.logger.log(result, 'health scores refreshed');
    return result;
  }

  /** Stores scores computed by the refresh numbered `seq`, unless a later refresh already stored a row. */
  private async upsert(scored: StoredHealth[], seq: string, now: Date): Promise<void> {
    // Joined with organizations: one deleted since the facts were read is skipped, not an error.
    await this.dataSource.query(
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
      [
        scored.map((row) => row.organizationId),
        scored.map((row) => row.score),
        scored.map((row) => row.band),
        scored.map((row) => JSON.stringify(row.drivers)),
        seq,
        now,
        scored.map((row) => row.validUntil),
      ],
    );
  }
}
