import type { GoalMetric, GoalProgress } from '@tandem/shared';
import { DateTime } from 'luxon';
import type { GoalScopeType } from '../goal/goal.rules';
import { OrganizationStage } from '../organization/organization-stage';
import type { AudienceCoverage, PortfolioEntry } from '../partnership/dashboard.service';
import { HEALTH_BANDS, HealthBand, ScoredBand } from '../partnership/health-settings';

/**
 * The weekly health digest for managers: what changed in the portfolio since last week, in the
 * order the issue asks for — bands that changed, new at-risk partners with their drivers,
 * uncovered priority audiences, the top suggested introductions. Pure: the service gathers the
 * inputs (scores from the health score, last week's bands from the snapshots, coverage from the
 * dashboard, introductions from matching) and stores what this returns, so every manager's email
 * and the preview are rendered from the same content.
 *
 * - "Last week" is an organization's latest health snapshot taken at least
 *   DIGEST_RULES.previousMinDays before now (the weekly snapshot job writes one a week); none
 *   means the organization is new to the digest.
 * - bandChanges: organizations whose band now differs from last week's (either way); a new one
 *   has no band to change from and is not listed there.
 * - newAtRisk: organizations now at-risk or dormant that last week were thriving or steady, or
 *   are new — an organization already at-risk last week is old news, not repeated weekly.
 * - Unscored (no evidence yet, score null) is not a band a partnership moves in or out of: it is
 *   counted in byBand, but never a band change either way (getting a first score is not news,
 *   nor is losing one), and never at risk. A partnership whose first score is at-risk or dormant
 *   had no band before, so it is listed in newAtRisk as a new one would be.
 * - Paused partnerships (stage paused) go quiet on purpose, so their slide is expected: they are
 *   never in newAtRisk, and a paused partnership's band change is listed only when it is for the
 *   better (calibration row 10: "never announced as newly dormant in the digest").
 * - Both lists worst first, as the dashboard: lowest score, then name, then id.
 * - uncoveredAudiences: audiences with no active partner (the dashboard's coverage rule), every
 *   priority, highest priority first (1 high – 3 low), then name, then id.
 * - topIntroductions: the first DIGEST_RULES.introductions of matching's ranking (dismissed
 *   suggestions are already hidden there).
 * - Organizations at stage ended are left out everywhere (counts included).
 * - goalsOffTrack: current work-plan goals off track (status `off-track`: behind the even pace,
 *   target not yet met), those that fell off track since last week first (on track a week before
 *   by the same rule, measured as of then: GoalService.currentWithLastWeek), then the furthest
 *   behind (lowest value ÷ expected by now), then the soonest to end, then title, then id.
 */
export const DIGEST_RULES = Object.freeze({ previousMinDays: 6, introductions: 3 });

/** Bands a manager should act on. */
export const ATTENTION_BANDS: readonly HealthBand[] = ['at-risk', 'dormant'];

/** The scored bands best first: a move to a later one is for the worse. */
const BAND_ORDER: readonly ScoredBand[] = ['thriving', 'steady', 'at-risk', 'dormant'];

const isScored = (band: HealthBand | null): band is ScoredBand => band !== null && band !== 'unscored';

/** What the digest reads of a dashboard portfolio entry, and its band last week. */
export interface DigestOrganizationInput extends Pick<
  PortfolioEntry,
  'organizationId' | 'name' | 'stage' | 'band' | 'drivers'
> {
  /** Null while it has no evidence (band `unscored`). */
  score: number | null;
  /** Its band in last week's snapshot; null when it has none (new). */
  previousBand: HealthBand | null;
}

/** An audience with the number of organizations at stage active that serve it, as the dashboard counts them. */
export type DigestAudienceInput = AudienceCoverage;

export interface DigestIntroduction {
  providerId: string;
  providerName: string;
  seekerId: string;
  seekerName: string;
  explanation: string;
  strength: number;
}

/** A current work-plan goal with its progress now and its standing a week ago. */
export interface DigestGoalInput {
  goalId: string;
  title: string;
  metric: GoalMetric;
  target: number;
  from: string;
  to: string;
  scope: DigestGoalScope;
  progress: GoalProgress;
  /** On track a week ago (by the same rule, measured as of then). */
  onTrackWeekBefore: boolean;
}

export interface DigestGoalScope {
  type: GoalScopeType;
  /** Null for the whole library. */
  id: string | null;
  /** Null for the whole library. */
  name: string | null;
}

export interface DigestInput {
  /** The Monday (UTC date, YYYY-MM-DD) of the week the digest is for. */
  weekOf: string;
  organizations: readonly DigestOrganizationInput[];
  audiences: readonly DigestAudienceInput[];
  /** Suggested introductions, strongest first (matching's ranking). */
  introductions: readonly DigestIntroduction[];
  /** Current work-plan goals (any order). */
  goals: readonly DigestGoalInput[];
}

/** A current goal behind its even pace. */
export interface DigestGoalOffTrack {
  goalId: string;
  title: string;
  metric: GoalMetric;
  target: number;
  from: string;
  to: string;
  scope: DigestGoalScope;
  /** Where it stands (the measure so far). */
  value: number;
  /** What an even pace would have reached by now. */
  expectedByNow: number;
  /** It was on track a week ago: news this week. */
  newlyOffTrack: boolean;
}

/** Between scored bands only: a partnership getting or losing its score is not a change. */
export interface DigestBandChange {
  organizationId: string;
  name: string;
  from: ScoredBand;
  to: ScoredBand;
  score: number;
}

export interface DigestAtRisk {
  organizationId: string;
  name: string;
  band: ScoredBand;
  score: number;
  drivers: string[];
}

export interface DigestUncoveredAudience {
  audienceId: string;
  name: string;
  priority: number;
}

/** What one week's digest says; stored as health_digests.content. */
export interface DigestContent {
  weekOf: string;
  /**
   * Every organization not ended, per band now; every band present, `unscored` included (a
   * digest stored before partnerships could be unscored has no `unscored` key).
   */
  byBand: Record<HealthBand, number>;
  bandChanges: DigestBandChange[];
  newAtRisk: DigestAtRisk[];
  uncoveredAudiences: DigestUncoveredAudience[];
  topIntroductions: DigestIntroduction[];
  /** Current goals off track, the newly off track first; absent in a digest stored before goals existed. */
  goalsOffTrack?: DigestGoalOffTrack[];
}

const idOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Lowest score first, unscored after every scored one, then name, then id. */
const worstFirst = (a: DigestOrganizationInput, b: DigestOrganizationInput) =>
  (a.score ?? Infinity) - (b.score ?? Infinity) ||
  a.name.localeCompare(b.name) ||
  idOrder(a.organizationId, b.organizationId);

/** A scored organization, its score known (the band and the score are null together). */
type Scored = DigestOrganizationInput & { band: ScoredBand; score: number };
const scored = (org: DigestOrganizationInput): org is Scored => isScored(org.band) && org.score !== null;

/** Whether `org`'s move from last week's band is worth a line under "bands that changed". */
function isBandChange(org: Scored): org is Scored & { previousBand: ScoredBand } {
  if (!isScored(org.previousBand) || org.previousBand === org.band) return false;
  const worse = BAND_ORDER.indexOf(org.band) > BAND_ORDER.indexOf(org.previousBand);
  return !(worse && org.stage === OrganizationStage.Paused);
}

/** Whether `org` newly needs attention: now at-risk or dormant, and last week neither (or no band). */
function isNewAtRisk(org: Scored): boolean {
  if (org.stage === OrganizationStage.Paused || !ATTENTION_BANDS.includes(org.band)) return false;
  return !isScored(org.previousBand) || !ATTENTION_BANDS.includes(org.previousBand);
}

export function composeDigest(input: DigestInput): DigestContent {
  const byBand = Object.fromEntries(HEALTH_BANDS.map((band) => [band, 0])) as Record<HealthBand, number>;
  const current = input.organizations.filter((org) => org.stage !== OrganizationStage.Ended);
  for (const org of current) byBand[org.band] += 1;
  const sorted = [...current].sort(worstFirst).filter(scored);

  const bandChanges = sorted.filter(isBandChange).map((org) => ({
    organizationId: org.organizationId,
    name: org.name,
    from: org.previousBand,
    to: org.band,
    score: org.score,
  }));

  const newAtRisk = sorted.filter(isNewAtRisk).map((org) => ({
    organizationId: org.organizationId,
    name: org.name,
    band: org.band,
    score: org.score,
    drivers: [...org.drivers],
  }));

  const uncoveredAudiences = input.audiences
    .filter((audience) => audience.activePartners === 0)
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name) || idOrder(a.audienceId, b.audienceId))
    .map((audience) => ({ audienceId: audience.audienceId, name: audience.name, priority: audience.priority }));

  const topIntroductions = input.introductions.slice(0, DIGEST_RULES.introductions).map((intro) => ({
    providerId: intro.providerId,
    providerName: intro.providerName,
    seekerId: intro.seekerId,
    seekerName: intro.seekerName,
    explanation: intro.explanation,
    strength: intro.strength,
  }));

  return {
    weekOf: input.weekOf,
    byBand,
    bandChanges,
    newAtRisk,
    uncoveredAudiences,
    topIntroductions,
    goalsOffTrack: goalsOffTrack(input.goals),
  };
}

/** How far a goal is along its even pace (1 when nothing is expected yet). */
const paceShare = (goal: DigestGoalInput) =>
  goal.progress.expectedByNow > 0 ? goal.progress.value / goal.progress.expectedByNow : 1;

/** The current goals off track, newly off track first, then furthest behind, soonest to end, title, id. */
export function goalsOffTrack(goals: readonly DigestGoalInput[]): DigestGoalOffTrack[] {
  return goals
    .filter((goal) => goal.progress.status === 'off-track')
    .sort(
      (a, b) =>
        Number(b.onTrackWeekBefore) - Number(a.onTrackWeekBefore) ||
        paceShare(a) - paceShare(b) ||
        a.to.localeCompare(b.to) ||
        a.title.localeCompare(b.title) ||
        idOrder(a.goalId, b.goalId),
    )
    .map((goal) => ({
      goalId: goal.goalId,
      title: goal.title,
      metric: goal.metric,
      target: goal.target,
      from: goal.from,
      to: goal.to,
      scope: { ...goal.scope },
      value: goal.progress.value,
      expectedByNow: goal.progress.expectedByNow,
      newlyOffTrack: goal.onTrackWeekBefore,
    }));
}

/**
 * The Monday of the week `now` falls in, in `zone` (the library's time zone), as
 * YYYY-MM-DD: a digest sent Monday 07:00 in Sydney (still Sunday in UTC) is that Monday's.
 */
export function weekOf(now: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(now, { zone }).startOf('week').toISODate()!;
}

/** True when nothing moved: no band changed and no partner newly needs attention. */
export function isQuietWeek(content: Pick<DigestContent, 'bandChanges' | 'newAtRisk'>): boolean {
  return content.bandChanges.length === 0 && content.newAtRisk.length === 0;
}

/**
 * When the weekly digest goes out: Mondays at 07:00 in the library's time zone. The maintenance worker's
 * cron (`health.digest.weekly` in queue.constants.ts, `0 7 * * 1`) says the same.
 */
export const DIGEST_SCHEDULE = Object.freeze({ weekday: 1, hour: 7 });

/** The instant the digest of the week `now` falls in is due: that Monday 07:00 in `zone`. */
export function digestDueAt(now: Date, zone = 'UTC'): Date {
  return DateTime.fromJSDate(now, { zone })
    .startOf('week')
    .plus({ days: DIGEST_SCHEDULE.weekday - 1 })
    .set({ hour: DIGEST_SCHEDULE.hour })
    .toJSDate();
}

/**
 * What a catch-up run does at `now`, given the latest week a digest was stored for:
 * - `not-due`: this week's Monday 07:00 has not come yet (the cron will send it);
 * - `already-stored`: this week's digest was stored, so its emails were queued with it;
 * - `never-sent`: no digest was ever stored — a new installation gets its first digest from the
 *   cron on the next Monday, not the moment its worker first starts (perhaps before any data);
 * - `send`: the worker missed this week's Monday 07:00 (down, or the job failed every attempt):
 *   send this week's now. Only the current week's: after a week or more down, the missed weeks'
 *   news is stale, and the current one says what matters now.
 */
export type CatchUpDecision =
  | { action: 'send'; weekOf: string }
  | { action: 'skip'; weekOf: string; reason: 'not-due' | 'already-stored' | 'never-sent' };

export function catchUpDecision(now: Date, zone: string, latestStoredWeek: string | null): CatchUpDecision {
  const week = weekOf(now, zone);
  if (now.getTime() < digestDueAt(now, zone).getTime()) return { action: 'skip', weekOf: week, reason: 'not-due' };
  if (latestStoredWeek === null) return { action: 'skip', weekOf: week, reason: 'never-sent' };
  // ISO dates compare as strings; a later stored week (a clock set back) counts as sent too.
  if (latestStoredWeek >= week) return { action: 'skip', weekOf: week, reason: 'already-stored' };
  return { action: 'send', weekOf: week };
}
