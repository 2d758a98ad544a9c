import type { components, operations } from './schema';

/** Short names for the generated schema types the screens use. */
export type Organization = components['schemas']['OrganizationResponseDto'];
export type Stage = Organization['stage'];
export type Contact = components['schemas']['ContactResponseDto'];
export type ContactListQuery = NonNullable<operations['ContactController_list']['parameters']['query']>;
export type Audience = components['schemas']['AudienceResponseDto'];
export type Capability = components['schemas']['CapabilityResponseDto'];
/** A colleague in the team list (GET /users/directory): id, name and role, for every role. */
export type Colleague = components['schemas']['ColleagueResponseDto'];
export type OrganizationHealth = components['schemas']['OrganizationHealthResponseDto'];
/** A partnership's band; `unscored` while it has no evidence yet (no session held, visit, feedback or check-in). */
export type HealthBand = OrganizationHealth['band'];
export type HealthComponents = components['schemas']['HealthComponentsResponseDto'];
export type TimelineEntry = components['schemas']['TimelineEntryDto'];
export type CreateOrganization = components['schemas']['CreateOrganizationDto'];
export type OrganizationListQuery = NonNullable<operations['OrganizationController_list']['parameters']['query']>;
export type OrganizationSort = NonNullable<OrganizationListQuery['sort']>;

/** The stages in lifecycle order; the type check fails if the API gains a stage this list lacks. */
export const STAGES = ['prospect', 'exploring', 'active', 'paused', 'ended'] as const satisfies readonly Stage[];
type MissingStage = Exclude<Stage, (typeof STAGES)[number]>;
const everyStageListed: MissingStage extends never ? true : MissingStage = true;
void everyStageListed;

export const STAGE_LABELS: Record<Stage, string> = {
  prospect: 'Prospect',
  exploring: 'Exploring',
  active: 'Active',
  paused: 'Paused',
  ended: 'Ended',
};

export const BAND_LABELS: Record<HealthBand, string> = {
  thriving: 'Thriving',
  steady: 'Steady',
  'at-risk': 'At risk',
  dormant: 'Dormant',
  unscored: 'Not scored yet',
};
