import type { components } from '../api/schema';

/** Short names for the generated schema types the program screens use. */
export type Program = components['schemas']['ProgramResponseDto'];
export type ProgramStatus = Program['status'];
export type ProgramPartner = Program['partners'][number];
export type PartnerRole = ProgramPartner['role'];
export type CreateProgram = components['schemas']['CreateProgramDto'];
export type UpdateProgram = components['schemas']['UpdateProgramDto'];
export type Session = components['schemas']['SessionResponseDto'];
export type FeedbackLink = components['schemas']['FeedbackLinkResponseDto'];
export type FeedbackLinkCreated = components['schemas']['FeedbackLinkCreatedDto'];

/** In the order a program lives through them; the type check fails if the API gains one this list lacks. */
export const PROGRAM_STATUSES = [
  'planned',
  'running',
  'paused',
  'completed',
] as const satisfies readonly ProgramStatus[];
type MissingStatus = Exclude<ProgramStatus, (typeof PROGRAM_STATUSES)[number]>;
const everyStatusListed: MissingStatus extends never ? true : MissingStatus = true;
void everyStatusListed;

export const STATUS_LABELS: Record<ProgramStatus, string> = {
  planned: 'Planned',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
};

export const PARTNER_ROLES = ['host', 'co-facilitator', 'referral'] as const satisfies readonly PartnerRole[];

export const ROLE_LABELS: Record<PartnerRole, string> = {
  host: 'Host',
  'co-facilitator': 'Co-facilitator',
  referral: 'Referral partner',
};
