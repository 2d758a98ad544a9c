import { HEALTH_RULES } from './health-rules';
import { HealthFacts, recencyComponent } from './health-score';

const DAY_MS = 86_400_000;

/**
 * Until when a score computed from `facts` at `now` stays right if nobody writes anything: the
 * first instant after `now` at which time alone changes a fact the score, band or drivers read.
 * The stored scores (HealthScoreStore) are recomputed from then on. Null facts.upcoming (unknown)
 * gives `now`: recompute at the next look.
 *
 * - a planned visit or a note dated later becomes contact when its time comes;
 * - an open follow-up becomes overdue just after its due time;
 * - a session is held (or counts as cancelled) once it has started;
 * - a session leaves the sessions window `sessionWindowDays` after it started; a rating moves
 *   from the recent feedback half to the earlier one, and out, `feedbackHalfWindowDays` at a time;
 * - a check-in goes stale after `checkInMaxAgeDays`;
 * - whole days since the last contact and since the oldest overdue follow-up are counted in the
 *   drivers ("No contact in 45 days"): the next whole day after each changes them.
 */
export function healthValidUntil(facts: HealthFacts, now: Date): Date {
  const upcoming = facts.upcoming;
  if (!upcoming) return now;
  const t = now.getTime();
  const candidates: number[] = [];
  const at = (date: Date | null, plusMs = 0) => {
    if (date) candidates.push(date.getTime() + plusMs);
  };
  const nextWholeDay = (from: Date | null) => {
    if (from && from.getTime() <= t)
      candidates.push(from.getTime() + (Math.floor((t - from.getTime()) / DAY_MS) + 1) * DAY_MS);
  };

  at(upcoming.nextVisitAt);
  at(upcoming.nextNoteAt);
  at(upcoming.nextDueAt, 1);
  at(upcoming.nextSessionAt);
  at(upcoming.oldestSessionInWindowAt, HEALTH_RULES.sessionWindowDays * DAY_MS);
  at(upcoming.oldestRecentFeedbackAt, HEALTH_RULES.feedbackHalfWindowDays * DAY_MS);
  at(upcoming.oldestEarlierFeedbackAt, 2 * HEALTH_RULES.feedbackHalfWindowDays * DAY_MS);
  if (facts.checkIn) at(facts.checkIn.at, (HEALTH_RULES.checkInMaxAgeDays + 1) * DAY_MS);

  const lastContactAt = recencyComponent(facts, now).facts.lastContactAt;
  nextWholeDay(lastContactAt ? new Date(lastContactAt) : facts.knownSince);
  nextWholeDay(facts.overdueFollowUps > 0 ? facts.oldestOverdueAt : null);

  const future = candidates.filter((instant) => instant > t);
  return new Date(future.length > 0 ? Math.min(...future) : t + DAY_MS);
}
