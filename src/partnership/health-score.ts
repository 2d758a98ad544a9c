import { healthDrivers } from './health-drivers';
import {
  CHECK_IN_AREAS,
  CHECK_IN_CONCERN_BELOW,
  CHECK_IN_STRENGTH,
  CAUTION_RULES,
  CheckInArea,
  HEALTH_RULES,
  roundHalfUp,
} from './health-rules';
import { HEALTH_COMPONENTS, HealthBand, HealthComponent, HealthSettings, ScoredBand } from './health-settings';

/**
 * The partnership health score: a 0–100 number per organization built from seven transparent
 * components, each 0–100 (or null when there is nothing to judge it by), with the facts that
 * produced it. Pure and deterministic: the caller gathers the facts (see HealthFacts) and
 * passes its clock's `now`.
 *
 * How the pieces combine:
 * - Each component is rounded to a whole number first, so a manager can redo the sum from what
 *   the API shows: score = round(Σ weight × component / Σ weight), over the components that
 *   are not null. A null component is left out and its weight is shared by the others in
 *   proportion to their own (an organization with no programs is judged on contact, follow-ups,
 *   fit and check-in alone, not marked down for sessions it never had). If every applicable
 *   component has weight 0, they count equally.
 * - Band from the settings' thresholds: ≥ thriving, ≥ steady, ≥ atRisk, else dormant.
 * - Dormant override: no contact for more than 3 cadences AND at least 90 days is dormant
 *   whatever the rest says (good feedback from last spring does not make a partner we have not
 *   spoken to in four months healthy). Its score is capped just below the at-risk threshold so
 *   that score order and band agree on the dashboard.
 * - Unscored: without evidence (no session held, visit, feedback or check-in) there is no score
 *   and the band is `unscored`: fit and the days since it was added say nothing about how a
 *   partnership goes (a partner added this morning is not "steady 74").
 * - Cautions cap the band (CAUTION_RULES, calibrated on ../shared/health-calibration.md): a
 *   serious attendance slide, an unhappy partner, a check-in concern, cancelled sessions,
 *   follow-ups left overdue, silence beyond twice the cadence. One caution: at most steady; two
 *   or more, or silence: at most at-risk. Without a session held in the last 90 days a
 *   partnership is at most steady (nothing is running together). The score is lowered to the top
 *   of the allowed band so that score order and band agree, and the drivers name the cautions
 *   first. A single strong component cannot hide them.
 *
 * Rounding is half-up on the 6th decimal first, so 58.4999999 from floating point counts as 58.5.
 */

/**
 * Everything the score needs about one organization at `now`. Windows are in HEALTH_RULES.
 */
export interface HealthFacts {
  /** When the organization was added: contact recency counts from here when there has been none. */
  knownSince: Date;
  /**
   * The latest engagement of each kind at or before now, null when none: a visit made (not a
   * planned one), a session held (started, not cancelled, not closed), feedback given, a note.
   */
  lastContact: Record<ContactKind, Date | null>;
  /** Cadence in days of each running program it partners in (see cadenceDaysOfRrule); empty for none. */
  programCadenceDays: number[];
  /**
   * Its programs' sessions that started in the `sessionWindowDays` before now: held (not
   * cancelled, no closure), cancelled by staff (and not on a closure day), cancelled by a
   * library closure (shown, never counted).
   */
  sessions: { held: number; cancelledByStaff: number; cancelledByClosure: number };
  /** Ratings (1–5): count and sum in the last `feedbackHalfWindowDays` and in the same span before. */
  feedback: { recent: { count: number; ratingSum: number }; earlier: { count: number; ratingSum: number } };
  /** Attendance of its latest held sessions with attendance recorded, oldest first (the last 16 are used). */
  attendance: number[];
  /** Open follow-ups about it whose due time has passed. */
  overdueFollowUps: number;
  /** The due time of the oldest of them; null when none is overdue. */
  oldestOverdueAt: Date | null;
  /** The fit assessment, 0–5 each; all three 0 means not assessed yet. */
  fit: { audienceReach: number; missionOverlap: number; complementaryResources: number };
  /** The latest answered check-in: per-area averages on 1–5 (null for an area nobody answered). */
  checkIn: { at: Date; areas: Partial<Record<CheckInArea, number | null>> } | null;
  /** What time alone will change in these facts (see healthValidUntil); null when unknown. */
  upcoming: UpcomingFacts | null;
}

/** The instants after `now` at which the facts change without anyone writing anything. */
export interface UpcomingFacts {
  /** The next planned visit (it becomes contact when it is due). */
  nextVisitAt: Date | null;
  nextNoteAt: Date | null;
  /** The next open follow-up to fall due (it becomes overdue just after). */
  nextDueAt: Date | null;
  /** The next session to start (it is held, or counts as cancelled, from then). */
  nextSessionAt: Date | null;
  /** The oldest session in the sessions window, the oldest rating in each feedback half. */
  oldestSessionInWindowAt: Date | null;
  oldestRecentFeedbackAt: Date | null;
  oldestEarlierFeedbackAt: Date | null;
}

export interface RecencyFacts {
  lastContactAt: string | null;
  lastContactKind: ContactKind | null;
  /** Days since the last contact, or since the organization was added when there was none. */
  daysSinceContact: number;
  cadenceDays: number;
  cadenceFrom: 'programs' | 'default';
  fullMarksWithinDays: number;
  zeroAtDays: number;
  dormantAfterDays: number;
}
export interface SessionsFacts {
  windowDays: number;
  scheduled: number;
  held: number;
  cancelledByStaff: number;
  cancelledByClosure: number;
}
export interface FeedbackFacts {
  windowDays: number;
  count: number;
  mean: number | null;
  recentCount: number;
  recentMean: number | null;
  earlierCount: number;
  earlierMean: number | null;
  /** recentMean − earlierMean, null unless both halves have enough ratings. */
  trend: number | null;
}
export interface AttendanceFacts {
  sessionsPerHalf: number;
  earlier: number[];
  recent: number[];
  earlierMean: number | null;
  recentMean: number | null;
  changePercent: number | null;
}
export interface FollowUpsFacts {
  overdue: number;
  /** Whole days the oldest overdue follow-up is past due; null when none is. */
  oldestOverdueDays: number | null;
}
export interface FitFacts {
  audienceReach: number;
  missionOverlap: number;
  complementaryResources: number;
  total: number;
  max: number;
}
export interface CheckInFacts {
  at: string | null;
  ageDays: number | null;
  stale: boolean;
  overall: number | null;
  areas: Record<CheckInArea, number | null>;
  concerns: CheckInArea[];
  strengths: CheckInArea[];
}

export interface ComponentResult<F> {
  score: number | null;
  facts: F;
}

export interface HealthComponentFacts {
  recency: RecencyFacts;
  sessions: SessionsFacts;
  feedback: FeedbackFacts;
  attendance: AttendanceFacts;
  followUps: FollowUpsFacts;
  fit: FitFacts;
  checkIn: CheckInFacts;
}

export type HealthDetails = {
  [K in HealthComponent]: ComponentResult<HealthComponentFacts[K]> & { weight: number; effectiveWeight: number };
};

export type HealthOverride = 'dormant';

/**
 * What a manager worries about first, each tied to the component whose problem it is (see
 * CAUTION_RULES). `no-sessions` is not a worry but a limit: nothing running together, so not
 * thriving.
 */
export type HealthCaution =
  'silence' | 'attendance-slide' | 'unhappy-partner' | 'check-in-concern' | 'cancellations' | 'overdue-follow-ups';
export type HealthCapReason = HealthCaution | 'no-sessions';
export const CAUTION_COMPONENT: Readonly<Record<HealthCaution, HealthComponent>> = Object.freeze({
  silence: 'recency',
  'attendance-slide': 'attendance',
  'unhappy-partner': 'feedback',
  'check-in-concern': 'checkIn',
  cancellations: 'sessions',
  'overdue-follow-ups': 'followUps',
});

/** The highest band the cautions allow, and why. */
export interface HealthCap {
  band: 'steady' | 'at-risk';
  reasons: HealthCapReason[];
}

export interface HealthScore {
  /** Null while there is no evidence (band `unscored`). */
  score: number | null;
  band: HealthBand;
  components: Record<HealthComponent, number | null>;
  /** Each component with its configured weight, its share after redistribution (0–100, 1 decimal) and its facts. */
  details: HealthDetails;
  drivers: string[];
  /** The weighted score before an override or a cap lowered it; null when unscored. */
  weightedScore: number | null;
  override: HealthOverride | null;
  /** Set when the cautions lowered the band the weighted score would give. */
  cap: HealthCap | null;
  /** The cautions found, whether or not they changed the band (for the drivers). */
  cautions: HealthCaution[];
}

export type ContactKind = 'visit' | 'session' | 'feedback' | 'note';
const CONTACT_KINDS: readonly ContactKind[] = ['visit', 'session', 'feedback', 'note'];

const DAY_MS = 86_400_000;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const wholeDaysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The contact cadence the running programs imply: the most frequent one, within 7–90 days; 30 without. */
export function impliedCadence(programCadenceDays: number[]): {
  cadenceDays: number;
  cadenceFrom: 'programs' | 'default';
} {
  const usable = programCadenceDays.filter((days) => Number.isFinite(days) && days > 0);
  if (usable.length === 0) return { cadenceDays: HEALTH_RULES.defaultCadenceDays, cadenceFrom: 'default' };
  return {
    cadenceDays: clamp(Math.min(...usable), HEALTH_RULES.minCadenceDays, HEALTH_RULES.maxCadenceDays),
    cadenceFrom: 'programs',
  };
}

/**
 * Engagement recency: days since the latest visit, held session, feedback or note (or since
 * the organization was added), against cadence c: 100 up to c days, then a straight line to 0
 * at 4c days: 100 × (4c − days) / 3c. Weekly program: 7 days 100, 14 days 67, 28 days 0.
 * No program (c = 30): 45 days 83, 120 days 0. Never null.
 */
export function recencyComponent(
  facts: Pick<HealthFacts, 'knownSince' | 'lastContact' | 'programCadenceDays'>,
  now: Date,
): ComponentResult<RecencyFacts> {
  let lastAt: Date | null = null;
  let lastKind: ContactKind | null = null;
  for (const kind of CONTACT_KINDS) {
    const at = facts.lastContact[kind];
    if (at && at.getTime() <= now.getTime() && (!lastAt || at.getTime() > lastAt.getTime())) {
      lastAt = at;
      lastKind = kind;
    }
  }
  const { cadenceDays, cadenceFrom } = impliedCadence(facts.programCadenceDays);
  const days = wholeDaysBetween(lastAt ?? facts.knownSince, now);
  const zeroAt = HEALTH_RULES.recencyZeroAtCadences * cadenceDays;
  const score =
    days <= cadenceDays ? 100 : days >= zeroAt ? 0 : roundHalfUp((100 * (zeroAt - days)) / (zeroAt - cadenceDays));
  return {
    score,
    facts: {
      lastContactAt: lastAt ? lastAt.toISOString() : null,
      lastContactKind: lastKind,
      daysSinceContact: days,
      cadenceDays,
      cadenceFrom,
      fullMarksWithinDays: cadenceDays,
      zeroAtDays: zeroAt,
      dormantAfterDays: Math.max(HEALTH_RULES.dormantMinDays, HEALTH_RULES.dormantAfterCadences * cadenceDays),
    },
  };
}

/** Dormant override: silent for more than 3 cadences and for at least 90 days. */
export function isDormant(recency: RecencyFacts): boolean {
  return (
    recency.daysSinceContact > HEALTH_RULES.dormantAfterCadences * recency.cadenceDays &&
    recency.daysSinceContact >= HEALTH_RULES.dormantMinDays
  );
}

/**
 * Sessions held vs scheduled in the last 90 days: 100 × held / (held + cancelled by staff).
 * Closure days count neither way. Null when nothing was scheduled.
 */
export function sessionsComponent(sessions: HealthFacts['sessions']): ComponentResult<SessionsFacts> {
  const scheduled = sessions.held + sessions.cancelledByStaff;
  return {
    score: scheduled === 0 ? null : roundHalfUp((100 * sessions.held) / scheduled),
    facts: { windowDays: HEALTH_RULES.sessionWindowDays, scheduled, ...sessions },
  };
}

/**
 * Feedback over the last 180 days: the mean rating on a 0–100 scale, (mean − 1) / 4 × 100,
 * plus 10 points per rating point the last 90 days' mean is above the 90 days before (minus
 * when below), when each half has at least 2 ratings; clamped to 0–100. 4.6 → 3.2 over five
 * ratings each: mean 3.9 → 72.5, trend −1.4 → −14, score 59. Null without ratings.
 */
export function feedbackComponent(feedback: HealthFacts['feedback']): ComponentResult<FeedbackFacts> {
  const { recent, earlier } = feedback;
  const count = recent.count + earlier.count;
  const recentMean = recent.count > 0 ? recent.ratingSum / recent.count : null;
  const earlierMean = earlier.count > 0 ? earlier.ratingSum / earlier.count : null;
  const overall = count > 0 ? (recent.ratingSum + earlier.ratingSum) / count : null;
  const trend =
    recentMean !== null &&
    earlierMean !== null &&
    recent.count >= HEALTH_RULES.feedbackTrendMinRatings &&
    earlier.count >= HEALTH_RULES.feedbackTrendMinRatings
      ? recentMean - earlierMean
      : null;
  const score =
    overall === null
      ? null
      : clamp(
          roundHalfUp(((overall - 1) / 4) * 100 + HEALTH_RULES.feedbackTrendPointsPerRatingPoint * (trend ?? 0)),
          0,
          100,
        );
  const r2 = (value: number | null) => (value === null ? null : roundHalfUp(value, 2));
  return {
    score,
    facts: {
      windowDays: 2 * HEALTH_RULES.feedbackHalfWindowDays,
      count,
      mean: r2(overall),
      recentCount: recent.count,
      recentMean: r2(recentMean),
      earlierCount: earlier.count,
      earlierMean: r2(earlierMean),
      trend: r2(trend),
    },
  };
}

/**
 * Attendance trend: mean of the last 8 sessions with attendance vs the 8 before, as a percent
 * change p. With fewer than 16, the latest half vs the half before it (at least 3 each, else
 * null). Score 100 + 2p, clamped: steady or growing 100, −10 % 80, −25 % 50, −50 % or worse 0.
 * An earlier mean of 0 makes any attendance now +100 %.
 */
export function attendanceComponent(attendance: number[]): ComponentResult<AttendanceFacts> {
  const values = attendance.filter((n) => Number.isFinite(n) && n >= 0);
  const perHalf = Math.min(HEALTH_RULES.attendanceSessions, Math.floor(values.length / 2));
  if (perHalf < HEALTH_RULES.attendanceMinSessions) {
    return {
      score: null,
      facts: { sessionsPerHalf: 0, earlier: [], recent: [], earlierMean: null, recentMean: null, changePercent: null },
    };
  }
  const recent = values.slice(values.length - perHalf);
  const earlier = values.slice(values.length - 2 * perHalf, values.length - perHalf);
  const recentMean = mean(recent);
  const earlierMean = mean(earlier);
  const change = earlierMean === 0 ? (recentMean > 0 ? 100 : 0) : ((recentMean - earlierMean) / earlierMean) * 100;
  return {
    score: clamp(roundHalfUp(100 + HEALTH_RULES.attendancePointsPerPercent * change), 0, 100),
    facts: {
      sessionsPerHalf: perHalf,
      earlier,
      recent,
      earlierMean: roundHalfUp(earlierMean, 2),
      recentMean: roundHalfUp(recentMean, 2),
      changePercent: roundHalfUp(change, 1),
    },
  };
}

/** Overdue follow-ups: 100 − 25 per open task past due, 0 from four. Never null (none overdue is a fact). */
export function followUpsComponent(
  overdueFollowUps: number,
  oldestOverdueAt: Date | null = null,
  now: Date | null = null,
): ComponentResult<FollowUpsFacts> {
  const overdue = Math.max(0, Math.floor(overdueFollowUps));
  return {
    score: Math.max(0, 100 - HEALTH_RULES.followUpPenalty * overdue),
    facts: {
      overdue,
      oldestOverdueDays: overdue > 0 && oldestOverdueAt && now ? wholeDaysBetween(oldestOverdueAt, now) : null,
    },
  };
}

/** Fit: the three 0–5 scores as a share of 15 (13/15 → 87). All three 0 is "not assessed": null. */
export function fitComponent(fit: HealthFacts['fit']): ComponentResult<FitFacts> {
  const total = fit.audienceReach + fit.missionOverlap + fit.complementaryResources;
  return { score: total === 0 ? null : roundHalfUp((total / 15) * 100), facts: { ...fit, total, max: 15 } };
}

/**
 * Latest check-in: the mean of its per-area averages (each area counts the same) on 0–100,
 * (overall − 1) / 4 × 100. Null without a check-in, when no area was answered, or when it is
 * older than 365 days. Areas below 3 are concerns, 4 and above strengths.
 */
export function checkInComponent(checkIn: HealthFacts['checkIn'], now: Date): ComponentResult<CheckInFacts> {
  const areas = Object.fromEntries(CHECK_IN_AREAS.map((area) => [area, null])) as Record<CheckInArea, number | null>;
  if (!checkIn)
    return {
      score: null,
      facts: { at: null, ageDays: null, stale: false, overall: null, areas, concerns: [], strengths: [] },
    };
  for (const area of CHECK_IN_AREAS) {
    const value = checkIn.areas[area];
    areas[area] = typeof value === 'number' && Number.isFinite(value) ? roundHalfUp(value, 2) : null;
  }
  const answered = CHECK_IN_AREAS.filter((area) => areas[area] !== null);
  const overall = answered.length > 0 ? mean(answered.map((area) => checkIn.areas[area] as number)) : null;
  const ageDays = wholeDaysBetween(checkIn.at, now);
  const stale = ageDays > HEALTH_RULES.checkInMaxAgeDays;
  return {
    score: overall === null || stale ? null : roundHalfUp(((overall - 1) / 4) * 100),
    facts: {
      at: checkIn.at.toISOString(),
      ageDays,
      stale,
      overall: overall === null ? null : roundHalfUp(overall, 2),
      areas,
      concerns: answered.filter((area) => (checkIn.areas[area] as number) < CHECK_IN_CONCERN_BELOW),
      strengths: answered.filter((area) => (checkIn.areas[area] as number) >= CHECK_IN_STRENGTH),
    },
  };
}

/** The band a score falls in under the settings' thresholds. */
export function bandOf(score: number, bands: HealthSettings['bands']): ScoredBand {
  if (score >= bands.thriving) return 'thriving';
  if (score >= bands.steady) return 'steady';
  if (score >= bands.atRisk) return 'at-risk';
  return 'dormant';
}

/**
 * Evidence: something that happened between us — a session held, a visit made, feedback given or
 * a check-in answered. Fit and the days since the organization was added are not evidence, nor
 * is a note (it records what we think, not what happened).
 */
export function hasEvidence(facts: Pick<HealthFacts, 'lastContact' | 'checkIn'>): boolean {
  const { visit, session, feedback } = facts.lastContact;
  return visit !== null || session !== null || feedback !== null || facts.checkIn !== null;
}

/** The cautions the components' facts show (see CAUTION_RULES), in component order. */
export function healthCautions(results: {
  [K in HealthComponent]: ComponentResult<HealthComponentFacts[K]>;
}): HealthCaution[] {
  const cautions: HealthCaution[] = [];
  const recency = results.recency.facts;
  if (
    recency.daysSinceContact > CAUTION_RULES.silenceAfterCadences * recency.cadenceDays &&
    recency.daysSinceContact > CAUTION_RULES.silenceMinDays
  )
    cautions.push('silence');
  const sessions = results.sessions.facts;
  if (
    sessions.cancelledByStaff >= CAUTION_RULES.cancelledMin &&
    sessions.cancelledByStaff >= CAUTION_RULES.cancelledShare * sessions.scheduled
  )
    cautions.push('cancellations');
  const feedback = results.feedback.facts;
  if (feedback.mean !== null && feedback.mean < CAUTION_RULES.unhappyBelow) cautions.push('unhappy-partner');
  const attendance = results.attendance.facts;
  if (attendance.changePercent !== null && attendance.changePercent <= -CAUTION_RULES.attendanceSlidePercent)
    cautions.push('attendance-slide');
  const followUps = results.followUps.facts;
  if (
    followUps.overdue >= CAUTION_RULES.overdueCount ||
    (followUps.oldestOverdueDays !== null && followUps.oldestOverdueDays > CAUTION_RULES.overdueForDays)
  )
    cautions.push('overdue-follow-ups');
  if (results.checkIn.score !== null && results.checkIn.facts.concerns.length > 0) cautions.push('check-in-concern');
  return cautions;
}

/**
 * The highest band allowed, from the cautions and from whether anything ran together in the
 * session window: one caution at most steady, two or more (or silence alone) at most at-risk;
 * no session held in the window at most steady (thriving needs something running together).
 */
export function healthCap(cautions: HealthCaution[], sessionsHeld: number): HealthCap | null {
  if (cautions.length >= 2 || cautions.includes('silence')) return { band: 'at-risk', reasons: [...cautions] };
  const reasons: HealthCapReason[] = [...cautions];
  if (sessionsHeld === 0) reasons.push('no-sessions');
  return reasons.length > 0 ? { band: 'steady', reasons } : null;
}

const BAND_ORDER: readonly ScoredBand[] = ['dormant', 'at-risk', 'steady', 'thriving'];

/** The highest score still in `band` (one below the next band's threshold). */
function topOf(band: 'steady' | 'at-risk', bands: HealthSettings['bands']): number {
  return Math.max(0, (band === 'steady' ? bands.thriving : bands.steady) - 1);
}

/**
 * Scores one organization. `settings` must be valid (validateHealthSettings); `now` is the
 * caller's clock.
 */
export function computeHealthScore(facts: HealthFacts, settings: HealthSettings, now: Date): HealthScore {
  const results: { [K in HealthComponent]: ComponentResult<HealthComponentFacts[K]> } = {
    recency: recencyComponent(facts, now),
    sessions: sessionsComponent(facts.sessions),
    feedback: feedbackComponent(facts.feedback),
    attendance: attendanceComponent(facts.attendance),
    followUps: followUpsComponent(facts.overdueFollowUps, facts.oldestOverdueAt, now),
    fit: fitComponent(facts.fit),
    checkIn: checkInComponent(facts.checkIn, now),
  };

  const applicable = HEALTH_COMPONENTS.filter((key) => results[key].score !== null);
  const configuredTotal = applicable.reduce((sum, key) => sum + settings.weights[key], 0);
  // Weights as used: the configured ones, or equal ones when every applicable weight is 0.
  const used = (key: HealthComponent) =>
    results[key].score === null ? 0 : configuredTotal > 0 ? settings.weights[key] : 1;
  const usedTotal = configuredTotal > 0 ? configuredTotal : applicable.length;
  const shares = Object.fromEntries(HEALTH_COMPONENTS.map((key) => [key, (100 * used(key)) / usedTotal])) as Record<
    HealthComponent,
    number
  >;
  const details = Object.fromEntries(
    HEALTH_COMPONENTS.map((key) => [
      key,
      { ...results[key], weight: settings.weights[key], effectiveWeight: roundHalfUp(shares[key], 1) },
    ]),
  ) as HealthDetails;
  const components = Object.fromEntries(HEALTH_COMPONENTS.map((key) => [key, results[key].score])) as Record<
    HealthComponent,
    number | null
  >;

  if (!hasEvidence(facts)) {
    return {
      score: null,
      band: 'unscored',
      components,
      details,
      drivers: [UNSCORED_DRIVER],
      weightedScore: null,
      override: null,
      cap: null,
      cautions: [],
    };
  }

  const weightedScore = roundHalfUp(
    applicable.reduce((sum, key) => sum + used(key) * (results[key].score as number), 0) / usedTotal,
  );
  let score = weightedScore;
  let band: ScoredBand = bandOf(score, settings.bands);
  let override: HealthOverride | null = null;
  let cap: HealthCap | null = null;
  const cautions = healthCautions(results);
  if (isDormant(results.recency.facts)) {
    override = 'dormant';
    band = 'dormant';
    score = Math.min(score, Math.max(0, settings.bands.atRisk - 1));
  } else {
    const limit = healthCap(cautions, facts.sessions.held);
    if (limit && BAND_ORDER.indexOf(band) > BAND_ORDER.indexOf(limit.band)) {
      cap = limit;
      score = Math.min(score, topOf(limit.band, settings.bands));
      band = bandOf(score, settings.bands);
    }
  }

  return {
    score,
    band,
    components,
    details,
    drivers: healthDrivers({ band, override, cap, cautions, details, shares }),
    weightedScore,
    override,
    cap,
    cautions,
  };
}

/** The one driver of an unscored partnership: what would give it a score. */
export const UNSCORED_DRIVER = 'Not enough to go on yet: a visit, a session held, feedback or a check-in will score it';
