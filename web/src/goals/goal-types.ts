import type { components, operations } from '../api/schema';

type Schemas = components['schemas'];

/** A work-plan goal with its progress on the library's today (`asOf`). */
export type Goal = Schemas['GoalResponseDto'];
export type GoalProgress = Schemas['GoalProgressDto'];
export type GoalScope = Schemas['GoalScopeDto'];
export type GoalStatus = GoalProgress['status'];
export type CreateGoal = Schemas['CreateGoalDto'];
export type UpdateGoal = Schemas['UpdateGoalDto'];
/** GET /goals filters: one scope id, or `current`. */
export type GoalListQuery = NonNullable<operations['GoalController_list']['parameters']['query']>;
/** A goal named in the weekly digest as off track. */
export type DigestGoalOffTrack = Schemas['DigestGoalOffTrackDto'];
