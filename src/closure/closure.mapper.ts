import type { Closure } from './closure.entity';
import type { ClosureResponseDto, ClosureSessionDto } from './dto/closure.dto';
import type { ClosureSessionRow } from '../read-side/closure-sessions.query';

export function toClosureSessionResponse(row: ClosureSessionRow): ClosureSessionDto {
  return {
    id: row.id,
    programId: row.programId,
    programName: row.programName,
    programTimezone: row.programTimezone,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  };
}

/** The one shape a closure leaves the API in, with the sessions it cancels. */
export function toClosureResponse(closure: Closure, sessions: readonly ClosureSessionRow[]): ClosureResponseDto {
  return {
    id: closure.id,
    date: closure.date,
    name: closure.name,
    createdAt: closure.createdAt.toISOString(),
    sessions: sessions.map(toClosureSessionResponse),
  };
}
