import type { NoteResponseDto, OrganizationResponseDto } from './dto/organization.dto';
import type { Note } from './note.entity';
import type { Organization } from './organization.entity';

/** The one shape an organization leaves the API in (lists, reads, timeline refs). */
export function toOrganizationResponse(org: Omit<Organization, 'owner'>): OrganizationResponseDto {
  return {
    id: org.id,
    version: org.version,
    name: org.name,
    type: org.type,
    website: org.website,
    email: org.email,
    phone: org.phone,
    address: org.address,
    mission: org.mission,
    notes: org.notes,
    stage: org.stage,
    ownerId: org.ownerId,
    audienceIds: org.audienceIds,
    capabilityIds: org.capabilityIds,
    seeksCapabilityIds: org.seeksCapabilityIds,
    tags: org.tags,
    fit: {
      audienceReach: org.fitAudienceReach,
      missionOverlap: org.fitMissionOverlap,
      complementaryResources: org.fitComplementaryResources,
      notes: org.fitNotes,
    },
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

export function toNoteResponse(note: Note): NoteResponseDto {
  return {
    id: note.id,
    organizationId: note.organizationId,
    body: note.body,
    authorId: note.authorId,
    version: note.version,
    createdAt: note.createdAt.toISOString(),
  };
}
