import { CHECK_IN_AREA_LABELS, CheckInArea, roundHalfUp } from './health-rules';
import { CAUTION_COMPONENT } from './health-score';
import type { HealthCap, HealthCaution, HealthDetails, HealthOverride } from './health-score';
import { HEALTH_COMPONENTS, HealthBand, HealthComponent } from './health-settings';

/**
 * Drivers: the few short sentences that say why a score is what it is, so a manager knows what
 * to do next.
 *
 * - Problems first, most expensive first. A component's cost is the points it takes off the
 *   score: share × (100 − component) / 100, where share is its weight after redistribution.
 *   Ties keep the component order (recency, sessions, feedback, attendance, follow-ups, fit,
 *   check-in). A problem whose component costs nothing (weight 0) is not a driver.
 * - A dormant partner's silence always comes first. Then the cautions (what caps the band, see
 *   CAUTION_RULES), most expensive first; a partnership held back from thriving because nothing
 *   ran together says so first.
 * - Then, for thriving and steady partners, what is going well, largest contribution
 *   (share × component / 100) first.
 * - At most four in all.
 *
 * When a component is a problem (each yields at most one sentence):
 *   recency     more than one cadence without contact   "No contact in 45 days"
 *   sessions    any cancelled by staff                   "3 of the last 10 sessions cancelled"
 *   feedback    recent mean ≥ 0.5 below the earlier one  "Feedback falling: 4.6 → 3.2"
 *               else a mean below 3.5                    "Feedback low: 2.8 average"
 *   attendance  down 10 % or more                        "Attendance down 30% over 8 sessions"
 *   followUps   any overdue                              "2 follow-ups overdue"
 *   fit         below 50                                 "Weak fit: 6 of 15"
 *   checkIn     any area below 3                         "Check-in concern: communication (2.5)"
 * When it is going well:
 *   sessions    at least 4, none cancelled by staff      "All 12 sessions held in the last 90 days"
 *   feedback    recent mean ≥ 0.5 above the earlier one  "Feedback rising: 3.8 → 4.6"
 *               else a mean of 4.5 or more               "Feedback strong: 4.7 average"
 *   attendance  up 10 % or more                          "Attendance up 40% over 8 sessions"
 *   fit         80 or more                               "Strong fit: 13 of 15"
 *   checkIn     any area 4 or above (best two)           "Check-in strength: purpose (4.5)"
 */
export const MAX_DRIVERS = 4;
export const DRIVER_THRESHOLDS = Object.freeze({
  feedbackTrend: 0.5,
  feedbackLowBelow: 3.5,
  feedbackStrongFrom: 4.5,
  attendanceChangePercent: 10,
  allHeldMinSessions: 4,
  weakFitBelow: 50,
  strongFitFrom: 80,
  checkInStrengthsShown: 2,
});

export interface DriverInput {
  band: HealthBand;
  override: HealthOverride | null;
  /** The cap the cautions set, when it lowered the band. */
  cap?: HealthCap | null;
  /** Every caution found (each one's problem sentence comes before the other problems). */
  cautions?: HealthCaution[];
  details: HealthDetails;
  /** Each component's share of the score after redistribution, 0–100 (0 for a null component). */
  shares: Record<HealthComponent, number>;
}

interface Candidate {
  component: HealthComponent;
  text: string;
  /** Points: the cost for a problem, the contribution for a strength. */
  points: number;
}

const one = (value: number) => roundHalfUp(value, 1).toFixed(1);
const plural = (count: number, singular: string, pluralForm = `${singular}s`) =>
  `${count} ${count === 1 ? singular : pluralForm}`;

function areaList(areas: CheckInArea[], values: Record<CheckInArea, number | null>): string {
  return areas.map((area) => `${CHECK_IN_AREA_LABELS[area]} (${one(values[area] as number)})`).join(', ');
}

/** The problem sentence of a component, or null when it is not a problem. */
function problemOf(component: HealthComponent, details: HealthDetails): string | null {
  switch (component) {
    case 'recency': {
      const { score, facts } = details.recency;
      if (score === null || score >= 100) return null;
      return facts.lastContactAt === null
        ? `No contact since it was added ${facts.daysSinceContact} days ago`
        : `No contact in ${facts.daysSinceContact} days`;
    }
    case 'sessions': {
      const { facts } = details.sessions;
      if (facts.cancelledByStaff === 0) return null;
      if (facts.scheduled === 1) return `The only session in the last ${facts.windowDays} days was cancelled`;
      return facts.held === 0
        ? `All ${facts.scheduled} sessions in the last ${facts.windowDays} days cancelled`
        : `${facts.cancelledByStaff} of the last ${facts.scheduled} sessions cancelled`;
    }
    case 'feedback': {
      const { facts } = details.feedback;
      if (facts.trend !== null && facts.trend <= -DRIVER_THRESHOLDS.feedbackTrend) {
        return `Feedback falling: ${one(facts.earlierMean as number)} → ${one(facts.recentMean as number)}`;
      }
      if (facts.mean !== null && facts.mean < DRIVER_THRESHOLDS.feedbackLowBelow)
        return `Feedback low: ${one(facts.mean)} average`;
      return null;
    }
    case 'attendance': {
      const { facts } = details.attendance;
      if (facts.changePercent === null || facts.changePercent > -DRIVER_THRESHOLDS.attendanceChangePercent) return null;
      return `Attendance down ${roundHalfUp(-facts.changePercent)}% over ${facts.sessionsPerHalf} sessions`;
    }
    case 'followUps': {
      const { overdue, oldestOverdueDays } = details.followUps.facts;
      if (overdue === 0) return null;
      const late = oldestOverdueDays !== null && oldestOverdueDays > 0 ? oldestOverdueDays : null;
      if (late === null) return `${plural(overdue, 'follow-up')} overdue`;
      return overdue === 1
        ? `A follow-up ${plural(late, 'day')} overdue`
        : `${overdue} follow-ups overdue, the oldest by ${plural(late, 'day')}`;
    }
    case 'fit': {
      const { score, facts } = details.fit;
      return score === null || score >= DRIVER_THRESHOLDS.weakFitBelow
        ? null
        : `Weak fit: ${facts.total} of ${facts.max}`;
    }
    case 'checkIn': {
      const { score, facts } = details.checkIn;
      if (score === null || facts.concerns.length === 0) return null;
      const worst = [...facts.concerns].sort((a, b) => (facts.areas[a] as number) - (facts.areas[b] as number));
      return `Check-in ${worst.length === 1 ? 'concern' : 'concerns'}: ${areaList(worst, facts.areas)}`;
    }
  }
}

/** The strength sentence of a component, or null when there is nothing to praise. */
function strengthOf(component: HealthComponent, details: HealthDetails): string | null {
  switch (component) {
    case 'sessions': {
      const { facts } = details.sessions;
      return facts.cancelledByStaff === 0 && facts.held >= DRIVER_THRESHOLDS.allHeldMinSessions
        ? `All ${facts.held} sessions held in the last ${facts.windowDays} days`
        : null;
    }
    case 'feedback': {
      const { facts } = details.feedback;
      if (facts.trend !== null && facts.trend >= DRIVER_THRESHOLDS.feedbackTrend) {
        return `Feedback rising: ${one(facts.earlierMean as number)} → ${one(facts.recentMean as number)}`;
      }
      if (facts.mean !== null && facts.mean >= DRIVER_THRESHOLDS.feedbackStrongFrom)
        return `Feedback strong: ${one(facts.mean)} average`;
      return null;
    }
    case 'attendance': {
      const { facts } = details.attendance;
      if (facts.changePercent === null || facts.changePercent < DRIVER_THRESHOLDS.attendanceChangePercent) return null;
      return `Attendance up ${roundHalfUp(facts.changePercent)}% over ${facts.sessionsPerHalf} sessions`;
    }
    case 'fit': {
      const { score, facts } = details.fit;
      return score !== null && score >= DRIVER_THRESHOLDS.strongFitFrom
        ? `Strong fit: ${facts.total} of ${facts.max}`
        : null;
    }
    case 'checkIn': {
      const { score, facts } = details.checkIn;
      if (score === null || facts.strengths.length === 0) return null;
      const best = [...facts.strengths]
        .sort((a, b) => (facts.areas[b] as number) - (facts.areas[a] as number))
        .slice(0, DRIVER_THRESHOLDS.checkInStrengthsShown);
      return `Check-in ${best.length === 1 ? 'strength' : 'strengths'}: ${areaList(best, facts.areas)}`;
    }
    case 'recency':
    case 'followUps':
      return null;
  }
}

/** Ordered drivers for one organization's score (see the rules above). Pure. */
export function healthDrivers({ band, override, cap, cautions = [], details, shares }: DriverInput): string[] {
  const cautioned = new Set(cautions.map((caution) => CAUTION_COMPONENT[caution]));
  const problems: (Candidate & { rank: number })[] = [];
  for (const component of HEALTH_COMPONENTS) {
    const score = details[component].score;
    const text = problemOf(component, details);
    if (text === null || score === null) continue;
    const points = (shares[component] * (100 - score)) / 100;
    // Dormant silence first, then the cautions, then the rest by cost.
    const rank = override === 'dormant' && component === 'recency' ? 2 : cautioned.has(component) ? 1 : 0;
    if (points > 0 || rank > 0) problems.push({ component, text, points, rank });
  }
  // Array.prototype.sort is stable, so equal costs keep the component order.
  problems.sort((a, b) => b.rank - a.rank || b.points - a.points);

  const drivers = problems.map((p) => p.text);
  if (cap?.reasons.includes('no-sessions')) {
    drivers.splice(
      problems.filter((p) => p.rank > 0).length,
      0,
      `No sessions held together in the last ${details.sessions.facts.windowDays} days`,
    );
  }

  if (band === 'thriving' || band === 'steady') {
    const strengths: Candidate[] = [];
    for (const component of HEALTH_COMPONENTS) {
      const score = details[component].score;
      const text = strengthOf(component, details);
      if (text === null || score === null) continue;
      const points = (shares[component] * score) / 100;
      if (points > 0) strengths.push({ component, text, points });
    }
    strengths.sort((a, b) => b.points - a.points);
    drivers.push(...strengths.map((s) => s.text));
  }
  return drivers.slice(0, MAX_DRIVERS);
}
