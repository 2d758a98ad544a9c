import type { components, operations } from '../api/schema';
import type { HealthBand, Stage } from '../api/types';

type Schemas = components['schemas'];

/** Short names for the generated schema types of the manager's screens. */

export type { HealthBand };

/** The stages a portfolio holds: ended partners are never in it. */
export type PortfolioStage = Exclude<Stage, 'ended'>;
export const PORTFOLIO_STAGES = [
  'prospect',
  'exploring',
  'active',
  'paused',
] as const satisfies readonly PortfolioStage[];

/** The dashboard: a page of the portfolio (`data`, `total` matching the filters) and the whole portfolio's counts. */
export type HealthDashboard = Schemas['HealthDashboardResponseDto'];
/** A partner on the dashboard; `score` is null and `band` `unscored` while it has no evidence. */
export type PortfolioEntry = Schemas['PortfolioEntryDto'];
/** GET /dashboard/health's query: a page (`limit`, `offset`) of the portfolio, filtered. */
export type DashboardQuery = NonNullable<operations['DashboardController_health']['parameters']['query']>;
export type HealthTrend = Schemas['HealthTrendDto'];
export type AudienceCoverage = Schemas['AudienceCoverageDto'];
export type PortfolioWeek = Schemas['PortfolioWeekDto'];
export type HealthHistoryPoint = Schemas['HealthHistoryPointDto'];
export type HealthDetails = Schemas['HealthDetailsResponseDto'];
/** Cautions that held the band below what the weighted score gives. */
export type HealthCap = Schemas['HealthCapDto'];
export type HealthCapReason = HealthCap['reasons'][number];
export type Digest = Schemas['DigestResponseDto'];
export type Match = Schemas['MatchResponseDto'];
export type CheckIn = Schemas['CheckInResponseDto'];
export type CheckInArea = Schemas['CheckInAreaDto'];
export type RoundResult = Schemas['RoundResultDto'];
