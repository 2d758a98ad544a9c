import type { components } from '../api/schema';

/** Short names for the generated schema types of the manager's screens. */
export type HealthDashboard = components['schemas']['HealthDashboardResponseDto'];
export type PortfolioEntry = components['schemas']['PortfolioEntryDto'];
export type HealthTrend = components['schemas']['HealthTrendDto'];
export type AudienceCoverage = components['schemas']['AudienceCoverageDto'];
export type PortfolioWeek = components['schemas']['PortfolioWeekDto'];
export type HealthHistoryPoint = components['schemas']['HealthHistoryPointDto'];
export type HealthDetails = components['schemas']['HealthDetailsResponseDto'];
export type Digest = components['schemas']['DigestResponseDto'];
export type Match = components['schemas']['MatchResponseDto'];
export type CheckIn = components['schemas']['CheckInResponseDto'];
export type CheckInArea = components['schemas']['CheckInAreaDto'];
export type RoundResult = components['schemas']['RoundResultDto'];
