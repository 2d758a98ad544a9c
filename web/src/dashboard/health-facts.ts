import type { HealthComponents } from '../api/types';
import type { HealthCap, HealthCapReason, HealthDetails } from './types';

export type ComponentKey = keyof HealthComponents;
type CheckInAreaKey = HealthDetails['checkIn']['facts']['concerns'][number];

/** Every component the API scores, in the order the organization page lists them. */
export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  recency: 'Contact recency',
  sessions: 'Sessions held',
  feedback: 'Feedback',
  attendance: 'Attendance trend',
  followUps: 'Follow-ups',
  fit: 'Fit',
  checkIn: 'Latest check-in',
};

export const CHECK_IN_AREA_NAMES: Record<CheckInAreaKey, string> = {
  environment: 'environment',
  membership: 'membership',
  processAndStructure: 'process and structure',
  communication: 'communication',
  purpose: 'purpose',
  resources: 'resources',
};

const CONTACT_WORDS = { visit: 'a visit', session: 'a session held', feedback: 'feedback', note: 'a note' } as const;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const ago = (days: number) => (days === 0 ? 'today' : `${plural(days, 'day')} ago`);
const oneDecimal = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const signedPercent = (value: number) => `${value > 0 ? '+' : value < 0 ? '\u2212' : '±'}${Math.abs(value)}%`;

/**
 * What produced each component's score, in a sentence a librarian can check against what they
 * know ("3 of 4 sessions held in the last 90 days"). `formatDate` shows an ISO instant.
 */
export function componentFacts<K extends ComponentKey>(
  key: K,
  detail: HealthDetails[K],
  formatDate: (iso: string) => string,
): string {
  switch (key) {
    case 'recency': {
      const f = (detail as HealthDetails['recency']).facts;
      const cadence =
        f.cadenceFrom === 'programs' ? 'the pace of their programs' : 'the default without a running program';
      const last = f.lastContactAt
        ? `Last contact: ${CONTACT_WORDS[f.lastContactKind ?? 'visit']} ${ago(f.daysSinceContact)} (${formatDate(f.lastContactAt)}).`
        : `No contact recorded; counted from when the partner was added, ${ago(f.daysSinceContact)}.`;
      return `${last} Full marks within ${plural(f.fullMarksWithinDays, 'day')} (${cadence}), none from ${f.zeroAtDays} days; dormant after ${f.dormantAfterDays}.`;
    }
    case 'sessions': {
      const f = (detail as HealthDetails['sessions']).facts;
      if (f.scheduled === 0) return `No sessions scheduled in the last ${f.windowDays} days.`;
      const closures = f.cancelledByClosure > 0 ? `; ${f.cancelledByClosure} on library closure days do not count` : '';
      return `${f.held} of ${plural(f.scheduled, 'session')} held in the last ${f.windowDays} days, ${f.cancelledByStaff} cancelled${closures}.`;
    }
    case 'feedback': {
      const f = (detail as HealthDetails['feedback']).facts;
      if (f.count === 0 || f.mean === null) return `No ratings in the last ${f.windowDays} days.`;
      const trend =
        f.trend !== null && f.recentMean !== null && f.earlierMean !== null
          ? `; the latest ${f.windowDays / 2} days ${oneDecimal(f.recentMean)}, the ${f.windowDays / 2} before ${oneDecimal(f.earlierMean)}`
          : '';
      return `${plural(f.count, 'rating')} in the last ${f.windowDays} days, ${oneDecimal(f.mean)} of 5 on average${trend}.`;
    }
    case 'attendance': {
      const f = (detail as HealthDetails['attendance']).facts;
      if (f.sessionsPerHalf === 0 || f.recentMean === null || f.earlierMean === null || f.changePercent === null) {
        return 'Too few sessions with attendance recorded to see a trend (at least 6 are needed).';
      }
      return `The last ${plural(f.sessionsPerHalf, 'session')} averaged ${oneDecimal(f.recentMean)} people, the ${f.sessionsPerHalf} before ${oneDecimal(f.earlierMean)} (${signedPercent(f.changePercent)}).`;
    }
    case 'followUps': {
      const f = (detail as HealthDetails['followUps']).facts;
      if (f.overdue === 0) return 'No follow-up overdue.';
      const oldest = f.oldestOverdueDays ? `, the oldest by ${plural(f.oldestOverdueDays, 'day')}` : '';
      return `${plural(f.overdue, 'follow-up')} overdue${oldest}.`;
    }
    case 'fit': {
      const f = (detail as HealthDetails['fit']).facts;
      if (f.total === 0) return 'Not assessed yet.';
      return `${f.total} of ${f.max}: audience reach ${f.audienceReach}, mission overlap ${f.missionOverlap}, complementary skills & resources ${f.complementaryResources}.`;
    }
    case 'checkIn': {
      const f = (detail as HealthDetails['checkIn']).facts;
      if (!f.at) return 'No check-in answered yet.';
      if (f.stale) return `The latest check-in (${formatDate(f.at)}) is over a year old and no longer counts.`;
      if (f.overall === null) return `The latest check-in (${formatDate(f.at)}) has no answers yet.`;
      const areas = (list: CheckInAreaKey[]) => list.map((area) => CHECK_IN_AREA_NAMES[area]).join(', ');
      const concerns = f.concerns.length > 0 ? `; concerns: ${areas(f.concerns)}` : '';
      const strengths = f.strengths.length > 0 ? `; strengths: ${areas(f.strengths)}` : '';
      return `Check-in of ${formatDate(f.at)}: ${oneDecimal(f.overall)} of 5 overall${concerns}${strengths}.`;
    }
    default:
      return '';
  }
}

/** "25% of the score (weight 20)", or why it does not count. */
export function shareText(detail: { score: number | null; weight: number; effectiveWeight: number }): string {
  if (detail.score === null)
    return detail.weight === 0 ? 'Not counted (weight 0)' : `No data: its weight ${detail.weight} goes to the others`;
  if (detail.weight === 0 && detail.effectiveWeight === 0) return 'Not counted (weight 0)';
  return `${oneDecimal(detail.effectiveWeight)}% of the score (weight ${detail.weight})`;
}

/** One cause of a cap in a few words, with its number when the facts have one. */
export function capReasonText(reason: HealthCapReason, details: HealthDetails): string {
  switch (reason) {
    case 'silence':
      return `no contact in ${plural(details.recency.facts.daysSinceContact, 'day')}`;
    case 'attendance-slide': {
      const change = details.attendance.facts.changePercent;
      return change !== null && change < 0 ? `attendance slid ${Math.abs(Math.round(change))}%` : 'attendance slid';
    }
    case 'unhappy-partner': {
      const mean = details.feedback.facts.recentMean ?? details.feedback.facts.mean;
      return mean !== null ? `feedback averages ${oneDecimal(mean)} of 5` : 'the partner is unhappy';
    }
    case 'check-in-concern': {
      const concerns = details.checkIn.facts.concerns;
      return concerns.length > 0
        ? `the check-in raised concerns (${concerns.map((area) => CHECK_IN_AREA_NAMES[area]).join(', ')})`
        : 'the check-in raised concerns';
    }
    case 'cancellations': {
      const f = details.sessions.facts;
      return f.scheduled > 0 ? `${f.cancelledByStaff} of ${f.scheduled} sessions cancelled` : 'sessions cancelled';
    }
    case 'overdue-follow-ups': {
      const f = details.followUps.facts;
      return f.overdue > 0 ? `${plural(f.overdue, 'follow-up')} overdue` : 'follow-ups overdue';
    }
    case 'no-sessions':
      return `no session held in ${details.sessions.facts.windowDays} days`;
    default:
      return reason;
  }
}

/**
 * Why cautions held the band down, in one light sentence ("Held at steady: attendance slid 40%.");
 * the drivers already name the causes first and in full. Null without a cap.
 */
export function capText(cap: HealthCap | null | undefined, details: HealthDetails): string | null {
  if (!cap) return null;
  const head = cap.band === 'steady' ? 'Held at steady' : 'Held at risk';
  const reasons = cap.reasons.map((reason) => capReasonText(reason, details));
  if (reasons.length === 0) return `${head} by its warnings.`;
  const list =
    reasons.length === 1 ? reasons[0] : `${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`;
  return `${head}: ${list}.`;
}
