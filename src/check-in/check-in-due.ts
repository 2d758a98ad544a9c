import type { CheckInCandidateRow } from '../read-side/check-in-round.query';

const DAY_MS = 86_400_000;

/**
 * Why an active partner is not due a check-in in a round that picks the partners itself (the
 * daily job, or a round sent without organizationIds):
 * - `open`: it has a check-in open;
 * - `recent`: one was opened within the settings' `intervalMonths`;
 * - `too-new`: it has not yet been active for `firstAfterDays` — counted from when it last
 *   became active, so a partner that is paused and taken up again waits again, as a new one does.
 */
export type NotDueReason = 'open' | 'recent' | 'too-new';

/** The first moment a partner active since `activeSince` may be asked: `firstAfterDays` whole days (of 24 h) later. */
export function firstCheckInFrom(activeSince: Date, firstAfterDays: number): Date {
  return new Date(activeSince.getTime() + firstAfterDays * DAY_MS);
}

/** Null when the partner is due a check-in now, else why not (the first reason that applies, in the order above). */
export function notDueReason(
  candidate: Pick<CheckInCandidateRow, 'activeSince' | 'openCheckInId' | 'recent'>,
  firstAfterDays: number,
  now: Date,
): NotDueReason | null {
  if (candidate.openCheckInId !== null) return 'open';
  if (candidate.recent) return 'recent';
  if (now.getTime() < firstCheckInFrom(candidate.activeSince, firstAfterDays).getTime()) return 'too-new';
  return null;
}
