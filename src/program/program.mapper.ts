import type { ProgramResponseDto } from './dto/program.dto';
import type { CalendarSessionResponseDto, SessionResponseDto } from './dto/session.dto';
import type { ProgramSession } from './program-session.entity';
import type { ProgramSessionRow } from '../read-side/program-sessions.query';
import type { Program } from './program.entity';
import { isSessionCancelled, sessionCancelReason } from './program.service';

/**
 * The one shape a program leaves the API in; `partners` must be loaded with their organization's
 * name (ProgramService.get and list do). The calendar subscription link is per user
 * (GET/POST /programs/:id/calendar-link), so it is not part of the program.
 */
export function toProgramResponse(program: Program): ProgramResponseDto {
  return {
    id: program.id,
    version: program.version,
    name: program.name,
    description: program.description,
    status: program.status,
    language: program.language,
    partners: [...(program.partners ?? [])]
      .sort((a, b) => a.organizationId.localeCompare(b.organizationId))
      .map((partner) => ({
        organizationId: partner.organizationId,
        organizationName: partner.organization?.name ?? '',
        role: partner.role,
      })),
    audienceIds: program.audienceIds,
    libraryGoal: program.libraryGoal,
    partnerGoal: program.partnerGoal,
    schedule: {
      rrule: program.rrule,
      timezone: program.timezone,
      startTime: program.startTime,
      durationMinutes: program.durationMinutes,
      location: program.location,
    },
    startDate: program.startDate,
    endDate: program.endDate,
    createdAt: program.createdAt.toISOString(),
    updatedAt: program.updatedAt.toISOString(),
  };
}

/** A session as the API shows it; load the `closure` relation for `cancelReason`. */
export function toSessionResponse(session: ProgramSession): SessionResponseDto {
  return {
    id: session.id,
    programId: session.programId,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    localDate: session.localDate,
    cancelled: isSessionCancelled(session),
    cancelReason: sessionCancelReason(session),
    attendance: session.attendance,
    notes: session.notes,
    version: session.version,
  };
}

/** A session as the sessions route reads it (read-side/program-sessions.query.ts). */
export function toSessionResponseFromRow(row: ProgramSessionRow): SessionResponseDto {
  return {
    id: row.id,
    programId: row.program_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    localDate: row.local_date,
    cancelled: row.cancelled,
    cancelReason: row.cancel_reason,
    attendance: row.attendance,
    notes: row.notes,
    version: row.version,
  };
}

/** A session in the all-programs calendar; load the `program` (name, status, location) and `closure` relations. */
export function toCalendarSessionResponse(session: ProgramSession): CalendarSessionResponseDto {
  const program = session.program;
  if (!program) throw new Error('toCalendarSessionResponse needs the session’s program loaded');
  return {
    ...toSessionResponse(session),
    programName: program.name,
    programStatus: program.status,
    location: program.location,
  };
}
