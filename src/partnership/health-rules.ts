/**
 * Fixed rules of the health score's components (not admin settings: they define what the
 * components mean), and helpers shared by the score and its drivers.
 */
export const HEALTH_RULES = Object.freeze({
  /** Expected contact cadence for an organization without a running program. */
  defaultCadenceDays: 30,
  /** A program meeting more often than weekly still implies weekly contact (holidays, a missed week). */
  minCadenceDays: 7,
  /** A program meeting less often than quarterly still implies contact once a quarter. */
  maxCadenceDays: 90,
  /** Recency is 100 within one cadence and falls in a straight line to 0 at this many cadences. */
  recencyZeroAtCadences: 4,
  /** Dormant override: no contact for more than this many cadences … */
  dormantAfterCadences: 3,
  /** … and for at least this many days. */
  dormantMinDays: 90,
  /** Sessions held vs scheduled: sessions that started in this many days before now. */
  sessionWindowDays: 90,
  /** Feedback: the recent half (this many days before now) and the earlier half (the same length before it). */
  feedbackHalfWindowDays: 90,
  /** The trend counts only with at least this many ratings in each half (one rating is not a trend). */
  feedbackTrendMinRatings: 2,
  /** Points added per rating point the recent mean is above the earlier one (taken off when below). */
  feedbackTrendPointsPerRatingPoint: 10,
  /** Attendance trend: the last this many sessions with attendance vs the same number before. */
  attendanceSessions: 8,
  /** With fewer than 2 × attendanceSessions, the recent half vs the half before; each half needs this many. */
  attendanceMinSessions: 3,
  /** Points lost per percent of attendance decline: 0 at −50 %. Growth is not needed for 100. */
  attendancePointsPerPercent: 2,
  /** Points lost per overdue follow-up: 4 overdue is 0. */
  followUpPenalty: 25,
  /** A check-in older than this no longer says how things are. */
  checkInMaxAgeDays: 365,
});

/**
 * What a manager worries about first (../shared/health-calibration.md): each of these caps the
 * band whatever the weighted score says, so a single strong component cannot hide it.
 * One caution: at most steady. Two or more, or silence on its own: at most at-risk.
 */
export const CAUTION_RULES = Object.freeze({
  /** Silence: no contact for more than this many cadences … */
  silenceAfterCadences: 2,
  /** … and more than this many days (a weekly drop-in that skipped two weeks is not yet at risk). */
  silenceMinDays: 30,
  /** A serious slide: attendance down this many percent or more (recent half vs the half before). */
  attendanceSlidePercent: 20,
  /** An unhappy partner: a mean rating below this over the feedback window. */
  unhappyBelow: 3,
  /** Cancellations: at least this many sessions cancelled by staff in the window … */
  cancelledMin: 2,
  /** … making up at least this share of the scheduled ones. */
  cancelledShare: 0.25,
  /** Follow-ups left overdue: one overdue by more than this many days … */
  overdueForDays: 14,
  /** … or this many overdue at once. */
  overdueCount: 3,
});

export const CHECK_IN_AREAS = [
  'environment',
  'membership',
  'processAndStructure',
  'communication',
  'purpose',
  'resources',
] as const;
export type CheckInArea = (typeof CHECK_IN_AREAS)[number];
export const CHECK_IN_AREA_LABELS: Readonly<Record<CheckInArea, string>> = Object.freeze({
  environment: 'environment',
  membership: 'membership',
  processAndStructure: 'process and structure',
  communication: 'communication',
  purpose: 'purpose',
  resources: 'resources',
});
/** Per-area averages below this are a concern, at or above `CHECK_IN_STRENGTH` a strength. */
export const CHECK_IN_CONCERN_BELOW = 3;
export const CHECK_IN_STRENGTH = 4;

/** Half-up rounding that is not fooled by floating point (58.4999999999 → 58.5 → 59). */
export function roundHalfUp(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  const cleaned = Math.round(value * factor * 1e6) / 1e6;
  return Math.round(cleaned) / factor;
}
