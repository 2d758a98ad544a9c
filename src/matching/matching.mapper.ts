import type { MatchResponseDto } from './dto/match.dto';
import type { Suggestion } from './matching.rules';

/** The one shape a suggestion leaves the API in. */
export function toMatchResponse(suggestion: Suggestion): MatchResponseDto {
  return {
    id: suggestion.id,
    providerId: suggestion.providerId,
    seekerId: suggestion.seekerId,
    capabilityId: suggestion.capabilityId,
    audienceIds: suggestion.audienceIds,
    kind: suggestion.kind,
    strength: suggestion.strength,
    explanation: suggestion.explanation,
  };
}
