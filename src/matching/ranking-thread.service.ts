import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { matchDirectory, matchingVersion } from '../read-side/matching.query';
import { MatchingUnavailableError } from './matching.errors';
import { RankedPage, RankingFilters, RankingLimits } from './matching.ranking';
import { Suggestion } from './matching.rules';
import { RankingAnswers, RankingQuestion, STALE } from './ranking-store';
import { startThread, ThreadClient, ThreadGoneError } from './thread-client';

/**
 * How long a directory read is ranked from at most, whatever the change sequence says: a write
 * moves the sequence a moment before it commits, so a directory read in between is kept under
 * the new version without the write (see matchDirectory); this bounds how long.
 */
export const RANKING_MAX_AGE_MS = 60_000;

/** A question the thread has not answered in this long stops it (ranking 5,000 organizations takes under a second). */
const RANKING_TIMEOUT_MS = 120_000;

/** Questions asked per request at most: a thread that ended (one retry on a new one), a directory loaded out of order. */
const ATTEMPTS = 4;

type Asked<K extends RankingQuestion['kind']> = Exclude<RankingAnswers[K], typeof STALE>;
type Question = Exclude<RankingQuestion, { kind: 'load' }>;
type Unversioned<Q> = Q extends unknown ? Omit<Q, 'fresh'> : never;

/**
 * The matching ranking, off the main event loop: a `node:worker_threads` thread holds the
 * SuggestionRanking of the newest directory and the ranked pairs it has worked out (RankingStore),
 * so that ranking 2 million candidate pairs (a quarter to half a second at 5,000 organizations)
 * never holds up other requests, and a page of an unchanged directory is a slice.
 *
 * Per question the main thread reads the change sequence (`matchingVersion`, one small statement)
 * and asks for an answer at least that fresh. When the thread holds an older directory (or one
 * read more than RANKING_MAX_AGE_MS ago, or none: just started) it says so; the directory is then
 * read as one JSON text (`matchDirectory`: the main thread parses no rows) and handed over, once
 * for all the requests that wanted that version, and the question is asked again.
 *
 * The thread starts on the first question and ends with the module. If it crashes, the requests
 * it had are asked once more of a new one; a second failure is a 503 MATCHING_UNAVAILABLE.
 */
@Injectable()
export class RankingThread implements OnModuleDestroy {
  private readonly logger = new Logger(RankingThread.name);
  private readonly thread = new ThreadClient({
    start: () => startThread(join(__dirname, 'ranking-thread.main')),
    timeoutMs: RANKING_TIMEOUT_MS,
    onGone: (error) => this.logger.error({ reason: error.message }, 'ranking thread ended'),
  });
  /** Directory loads under way, by the version that wanted them: concurrent requests share one. */
  private readonly loading = new Map<number, Promise<void>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** See SuggestionRanking.page. */
  page(filters: RankingFilters, limits: RankingLimits, offset: number, limit: number): Promise<RankedPage> {
    return this.ask<'page'>({ kind: 'page', filters, limits, offset, limit });
  }

  /** The current suggestion with this id, dismissed or not (SuggestionRanking.find). */
  find(id: string): Promise<Suggestion | null> {
    return this.ask<'find'>({ kind: 'find', id });
  }

  /** The suggestion the rules make for each pair now, ignoring exclusions (SuggestionRanking.suggestionFor). */
  suggestionsFor(pairs: [providerId: string, seekerId: string][]): Promise<(Suggestion | null)[]> {
    return this.ask<'suggestions'>({ kind: 'suggestions', pairs });
  }

  onModuleDestroy(): Promise<void> {
    return this.thread.close();
  }

  private async ask<K extends Question['kind']>(
    question: Unversioned<Extract<Question, { kind: K }>>,
  ): Promise<Asked<K>> {
    const version = await matchingVersion(this.dataSource);
    let failures = 0;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      try {
        const fresh = { version, readSince: performance.now() - RANKING_MAX_AGE_MS };
        const answer = (await this.thread.ask({ ...question, fresh })) as RankingAnswers[K];
        if (answer !== STALE) return answer as Asked<K>;
        await this.load(version);
      } catch (error) {
        if (!(error instanceof ThreadGoneError)) throw error;
        failures += 1;
        if (failures > 1) break;
      }
    }
    throw new MatchingUnavailableError();
  }

  /** Reads the directory and hands it to the thread; one load per version wanted at a time. */
  private load(version: number): Promise<void> {
    let loading = this.loading.get(version);
    if (!loading) {
      loading = (async () => {
        const readAt = performance.now();
        const { version: read, directory } = await matchDirectory(this.dataSource);
        await this.thread.ask({ kind: 'load', version: read, readAt, directory } satisfies RankingQuestion);
      })().finally(() => this.loading.delete(version));
      this.loading.set(version, loading);
    }
    return loading;
  }
}
