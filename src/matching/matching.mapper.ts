import type { MatchResponseDto, MatchStatus } from './dto/match.dto';
import type { MatchKind, Suggestion } from './matching.rules';

/** A suggestion as the lists give it: the current one (open) or the decided one as it was. */
export interface MatchItem {
  id: string;
  providerId: string;
  providerName: string;
  seekerId: string;
  seekerName: string;
  capabilityId: string | null;
  audienceIds: string[];
  kind: MatchKind | null;
  strength: number;
  explanation: string;
  status: MatchStatus;
  decidedAt: Date | null;
  decidedById: string | null;
  taskId: string | null;
  note: string | null;
}

/** An open suggestion as a list item. */
export function openItem(suggestion: Suggestion): MatchItem {
  return {
    id: suggestion.id,
    providerId: suggestion.providerId,
    providerName: suggestion.providerName,
    seekerId: suggestion.seekerId,
    seekerName: suggestion.seekerName,
    capabilityId: suggestion.capabilityId,
    audienceIds: suggestion.audienceIds,
    kind: suggestion.kind,
    strength: suggestion.strength,
    explanation: suggestion.explanation,
    status: 'open',
    decidedAt: null,
    decidedById: null,
    taskId: null,
    note: null,
  };
}

/** The one shape a suggestion leaves the API in. */
export function toMatchResponse(item: MatchItem): MatchResponseDto {
  return {
    id: item.id,
    providerId: item.providerId,
    seekerId: item.seekerId,
    capabilityId: item.capabilityId,
    audienceIds: item.audienceIds,
    kind: item.kind,
    strength: item.strength,
    explanation: item.explanation,
    status: item.status,
    decidedAt: item.decidedAt?.toISOString() ?? null,
    decidedById: item.decidedById,
    taskId: item.taskId,
    note: item.note,
  };
}
