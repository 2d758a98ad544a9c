import { DateTime } from 'luxon';
import { OrganizationStage } from '../organization/organization-stage';
import type { AudienceCoverage, PortfolioEntry } from '../partnership/dashboard.service';
import { HEALTH_BANDS, HealthBand } from '../partnership/health-settings';

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
 * - Both lists worst first, as the dashboard: lowest score, then name, then id.
 * - uncoveredAudiences: audiences with no active partner (the dashboard's coverage rule), every
 *   priority, highest priority first (1 high – 3 low), then name, then id.
 * - topIntroductions: the first DIGEST_RULES.introductions of matching's ranking (dismissed
 *   suggestions are already hidden there).
 * - Organizations at stage ended are left out everywhere (counts included).
 */
export const DIGEST_RULES = Object.freeze({ previousMinDays: 6, introductions: 3 });

/** Bands a manager should act on. */
export const ATTENTION_BANDS: readonly HealthBand[] = ['at-risk', 'dormant'];

/** A dashboard portfolio entry (without its trend) and its band last week. */
export interface DigestOrganizationInput extends Omit<PortfolioEntry, 'trend'> {
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

export interface DigestInput {
  /** The Monday (UTC date, YYYY-MM-DD) of the week the digest is for. */
  weekOf: string;
  organizations: readonly DigestOrganizationInput[];
  audiences: readonly DigestAudienceInput[];
  /** Suggested introductions, strongest first (matching's ranking). */
  introductions: readonly DigestIntroduction[];
}

export interface DigestBandChange {
  organizationId: string;
  name: string;
  from: HealthBand;
  to: HealthBand;
  score: number;
}

export interface DigestAtRisk {
  organizationId: string;
  name: string;
  band: HealthBand;
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
  /** Every organization not ended, per band now; every band present. */
  byBand: Record<HealthBand, number>;
  bandChanges: DigestBandChange[];
  newAtRisk: DigestAtRisk[];
  uncoveredAudiences: DigestUncoveredAudience[];
  topIntroductions: DigestIntroduction[];
}

const idOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const worstFirst = (
  a: { score: number; name: string; organizationId: string },
  b: { score: number; name: string; organizationId: string },
) => a.score - b.score || a.name.localeCompare(b.name) || idOrder(a.organizationId, b.organizationId);

export function composeDigest(input: DigestInput): DigestContent {
  const byBand = Object.fromEntries(HEALTH_BANDS.map((band) => [band, 0])) as Record<HealthBand, number>;
  const current = input.organizations.filter((org) => org.stage !== OrganizationStage.Ended);
  for (const org of current) byBand[org.band] += 1;
  const sorted = [...current].sort(worstFirst);

  const bandChanges = sorted
    .filter((org) => org.previousBand !== null && org.previousBand !== org.band)
    .map((org) => ({
      organizationId: org.organizationId,
      name: org.name,
      from: org.previousBand!,
      to: org.band,
      score: org.score,
    }));

  const newAtRisk = sorted
    .filter(
      (org) =>
        ATTENTION_BANDS.includes(org.band) &&
        (org.previousBand === null || !ATTENTION_BANDS.includes(org.previousBand)),
    )
    .map((org) => ({
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

  return { weekOf: input.weekOf, byBand, bandChanges, newAtRisk, uncoveredAudiences, topIntroductions };
}

/**
 * The Monday of the week `now` falls in, in `zone` (the digest's DIGEST_TIMEZONE), as
 * YYYY-MM-DD: a digest sent Monday 07:00 in Sydney (still Sunday in UTC) is that Monday's.
 */
export function weekOf(now: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(now, { zone }).startOf('week').toISODate()!;
}

/** True when nothing moved: no band changed and no partner newly needs attention. */
export function isQuietWeek(content: Pick<DigestContent, 'bandChanges' | 'newAtRisk'>): boolean {
  return content.bandChanges.length === 0 && content.newAtRisk.length === 0;
}
