/** The partnership lifecycle: prospect → exploring → active ⇄ paused → ended. */
export enum OrganizationStage {
  Prospect = 'prospect',
  Exploring = 'exploring',
  Active = 'active',
  Paused = 'paused',
  Ended = 'ended',
}

export const STAGES: readonly OrganizationStage[] = Object.values(OrganizationStage);
