import type { GoalProgress } from '@tandem/shared';
import type { GoalResponseDto } from './dto/goal.dto';
import type { Goal } from './goal.entity';
import { scopeOf } from './goal.rules';

/** A goal with what GoalService measured of it. */
export interface GoalWithProgress {
  goal: Goal;
  /** The scope's name (null for the library). */
  scopeName: string | null;
  progress: GoalProgress;
  /** The library's today the progress is measured on. */
  asOf: string;
}

/** The one shape a goal leaves the API in (lists, reads, the dashboard). */
export function toGoalResponse({ goal, scopeName, progress, asOf }: GoalWithProgress): GoalResponseDto {
  const scope = scopeOf(goal);
  return {
    id: goal.id,
    version: goal.version,
    title: goal.title,
    metric: goal.metric,
    target: goal.target,
    from: goal.from,
    to: goal.to,
    audienceId: goal.audienceId,
    programId: goal.programId,
    organizationId: goal.organizationId,
    scope: { type: scope.type, id: scope.id, name: scope.id ? scopeName : null },
    progress: { ...progress },
    asOf,
    createdAt: goal.createdAt.toISOString(),
    updatedAt: goal.updatedAt.toISOString(),
  };
}
