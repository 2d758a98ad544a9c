import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { healthValidUntil } from './health-expiry';
import { computeHealthScore, HealthFacts } from './health-score';
import { HealthBand, HealthSettings } from './health-settings';

/**
 * How long scoring may run before it lets the event loop serve others. Issue 20 allows no request
 * more than about 20 ms of synchronous work at a time; a slice stops well short of that, since a
 * garbage collection of the scores' litter (8–10 ms on a busy 2-CPU machine) can land in it.
 */
export const SCORING_SLICE_MS = 5;

/** What HealthScoreStore keeps of one organization's score. */
export interface StoredHealth {
  organizationId: string;
  /** Null while unscored. */
  score: number | null;
  band: HealthBand;
  drivers: string[];
  /** When time alone next changes it (healthValidUntil). */
  validUntil: Date;
}

/**
 * Scores every organization of `facts` at `now` (computeHealthScore, healthValidUntil), in the
 * order given. Rescoring a whole portfolio (after a change to the health settings, or the first
 * look after a migration) takes hundreds of milliseconds at 5,000 organizations, and one request
 * must not hold the event loop that long: every SCORING_SLICE_MS (on `clock`) it waits for the
 * loop's next turn, so the callbacks of other requests run in between.
 */
export async function scoreInSlices(
  facts: Iterable<[string, HealthFacts]>,
  settings: HealthSettings,
  now: Date,
  clock: () => number = () => performance.now(),
): Promise<StoredHealth[]> {
  const scored: StoredHealth[] = [];
  let sliceStart = clock();
  for (const [organizationId, orgFacts] of facts) {
    const { score, band, drivers } = computeHealthScore(orgFacts, settings, now);
    scored.push({ organizationId, score, band, drivers, validUntil: healthValidUntil(orgFacts, now) });
    if (clock() - sliceStart >= SCORING_SLICE_MS) {
      await nextTurn();
      sliceStart = clock();
    }
  }
  return scored;
}
