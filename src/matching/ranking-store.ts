import type { MatchDirectory } from '../read-side/matching.query';
import { OrganizationStage } from '../organization/organization-stage';
import { RankedPage, RankedPairs, RankingFilters, RankingLimits, SuggestionRanking } from './matching.ranking';
import { DirectoryOrganization, MatchAudience, MatchCapability, MatchVocabulary, Suggestion } from './matching.rules';

/**
 * What the ranking thread (ranking-thread.main.ts) keeps: the SuggestionRanking of the newest
 * directory it was given, and per filter and limits the ranked pairs already worked out, so that
 * a second page, the dashboard's three after the list's first page, or the same page for another
 * user is a slice. Nothing here knows about threads; RankingThread is the other side.
 *
 * Each question says how fresh an answer it needs (`Freshness`); when the directory held is older,
 * the answer is STALE and the asker loads the directory and asks again.
 */

/** How fresh a directory a question accepts: at least this version, read no earlier than `readSince` (ms since the epoch). */
export interface Freshness {
  version: number;
  readSince: number;
}

export type RankingQuestion =
  | { kind: 'load'; version: number; readAt: number; directory: string }
  | {
      kind: 'page';
      fresh: Freshness;
      filters: RankingFilters;
      limits: RankingLimits;
      offset: number;
      limit: number;
    }
  | { kind: 'find'; fresh: Freshness; id: string }
  | { kind: 'suggestions'; fresh: Freshness; pairs: [providerId: string, seekerId: string][] };

/** The answer to each kind of question. */
export interface RankingAnswers {
  load: null;
  page: RankedPage | typeof STALE;
  find: Suggestion | null | typeof STALE;
  suggestions: (Suggestion | null)[] | typeof STALE;
}

/** The directory held is older than the question accepts. */
export const STALE = 'stale';

/** The most filter-and-limits combinations kept per directory (each a few thousand pairs at most under the cap). */
const MEMO_ENTRIES = 64;
/** Without a cap, the ranked pairs are kept at least this deep, so the next pages are slices too. */
const MIN_DEPTH = 500;
/** The most suggestion ids remembered with their pair; past it the memory starts afresh. */
const HINTS = 100_000;

interface Held {
  version: number;
  readAt: number;
  ranking: SuggestionRanking;
  ranked: Map<string, RankedPairs>;
}

export class RankingStore {
  private held: Held | null = null;
  /**
   * Suggestions' ids with their pair, from every page given: a dismissal or an introduction names
   * one it was shown, and the pair is checked directly instead of hashing every pair until one has
   * the id (up to 1.3 s at 5,000 organizations). An id names one pair for good, so they outlive
   * the directory.
   */
  private readonly hints = new Map<string, [string, string]>();

  /** `minDepth`: without a cap, how deep the ranked pairs are worked out at least (MIN_DEPTH). */
  constructor(private readonly minDepth = MIN_DEPTH) {}

  answer(question: RankingQuestion): RankingAnswers[RankingQuestion['kind']] {
    switch (question.kind) {
      case 'load':
        this.load(question.version, question.readAt, question.directory);
        return null;
      case 'page':
        return this.page(question);
      case 'find':
        return this.find(question.fresh, question.id);
      case 'suggestions':
        return this.suggestionsFor(question.fresh, question.pairs);
    }
  }

  /**
   * Replaces the directory held, whichever version it is: the asker loaded it because what was
   * held would not do (a newer one loaded out of order is asked for again).
   */
  load(version: number, readAt: number, directory: string): void {
    const { organizations, vocabulary, partnered, decided } = decode(JSON.parse(directory) as MatchDirectory);
    const ranking = new SuggestionRanking(organizations, vocabulary, { partnered, dismissed: decided });
    this.held = { version, readAt, ranking, ranked: new Map() };
  }

  page(question: Extract<RankingQuestion, { kind: 'page' }>): RankedPage | typeof STALE {
    const held = this.fresh(question.fresh);
    if (!held) return STALE;
    const { filters, limits, offset, limit } = question;
    const depth = offset + limit;
    const key = JSON.stringify([
      filters.organizationId ?? null,
      filters.capabilityId ?? null,
      limits.minStrength ?? null,
      limits.maxPerPartner ?? null,
    ]);
    let ranked = held.ranked.get(key);
    if (!ranked || (!ranked.complete && ranked.providers.length < depth)) {
      ranked = held.ranking.ranked(
        filters,
        limits,
        Math.max(depth, 2 * (ranked?.providers.length ?? 0), this.minDepth),
      );
    }
    // Most recently used last, so the first is the one to let go.
    held.ranked.delete(key);
    held.ranked.set(key, ranked);
    if (held.ranked.size > MEMO_ENTRIES) held.ranked.delete(held.ranked.keys().next().value!);
    const data = held.ranking.suggestions(ranked, offset, depth, filters.capabilityId);
    this.remember(data);
    return { data, total: ranked.total };
  }

  find(fresh: Freshness, id: string): Suggestion | null | typeof STALE {
    const held = this.fresh(fresh);
    if (!held) return STALE;
    const pair = this.hints.get(id);
    return pair ? held.ranking.findPair(...pair) : held.ranking.find(id);
  }

  /** The suggestion the rules make for each pair now (ignoring exclusions), or null. */
  suggestionsFor(fresh: Freshness, pairs: [string, string][]): (Suggestion | null)[] | typeof STALE {
    const held = this.fresh(fresh);
    if (!held) return STALE;
    return pairs.map(([providerId, seekerId]) => held.ranking.suggestionFor(providerId, seekerId));
  }

  private fresh({ version, readSince }: Freshness): Held | null {
    const held = this.held;
    return held && held.version >= version && held.readAt >= readSince ? held : null;
  }

  private remember(suggestions: readonly Suggestion[]): void {
    if (this.hints.size + suggestions.length > HINTS) this.hints.clear();
    for (const s of suggestions) this.hints.set(s.id, [s.providerId, s.seekerId]);
  }
}

/** The directory as the rules take it; a capability's demand is how many organizations look for it. */
function decode(directory: MatchDirectory): {
  organizations: DirectoryOrganization[];
  vocabulary: MatchVocabulary;
  partnered: [string, string][];
  decided: [string, string][];
} {
  const organizations = directory.organizations.map(
    ([id, name, stage, fit, audienceIds, capabilityIds, seeksCapabilityIds]): DirectoryOrganization => ({
      id,
      name,
      stage: stage as OrganizationStage,
      fit,
      audienceIds,
      capabilityIds,
      seeksCapabilityIds,
    }),
  );
  const capabilities = new Map(
    directory.capabilities.map(([id, name]): [string, MatchCapability] => [id, { id, name, demand: 0 }]),
  );
  for (const organization of organizations) {
    // Ended organizations are not in the directory: demand counts those not ended.
    for (const id of new Set(organization.seeksCapabilityIds)) {
      const capability = capabilities.get(id);
      if (capability) capability.demand += 1;
    }
  }
  const audiences = new Map(
    directory.audiences.map(([id, name, priority, estimatedPopulation]): [string, MatchAudience] => [
      id,
      { id, name, priority, estimatedPopulation },
    ]),
  );
  return {
    organizations,
    vocabulary: { audiences, capabilities },
    partnered: directory.partnered,
    decided: directory.decided,
  };
}
