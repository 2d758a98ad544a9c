import type { VisitResponseDto } from './dto/visit.dto';
import type { Visit } from './visit.entity';

/** A visit with the ids of its join tables (staff who went, contacts met), ordered by id. */
export interface VisitRecord {
  visit: Visit;
  staffIds: string[];
  contactIds: string[];
}

/** The one shape a visit leaves the API in (lists and reads). */
export function toVisitResponse({ visit, staffIds, contactIds }: VisitRecord): VisitResponseDto {
  return {
    id: visit.id,
    version: visit.version,
    organizationId: visit.organizationId,
    programId: visit.programId,
    visitedAt: visit.visitedAt.toISOString(),
    location: visit.location,
    purpose: visit.purpose,
    staffIds,
    contactIds,
    invitationsHandedOut: visit.invitationsHandedOut,
    peopleReached: visit.peopleReached,
    notes: visit.notes,
    createdAt: visit.createdAt.toISOString(),
    updatedAt: visit.updatedAt.toISOString(),
  };
}
