import { hash } from 'node:crypto';
import { OrganizationStage } from '../organization/organization-stage';

/**
 * Suggested introductions between partners: the pure rules (which pairs qualify, the strength
 * of each, its one-sentence explanation, the ranking). The service feeds them rows from a few
 * set-based statements; nothing here touches the database.
 *
 * A suggestion is a directed pair: introduce the *provider* to the *seeker* because
 *  - "sought": the provider offers a capability the seeker is looking for — for the people the
 *    seeker serves, so those are the audiences the introduction serves; or else
 *  - "audience-fit": both serve a high-priority audience (priority ≤ AUDIENCE_MATCH_MAX_PRIORITY),
 *    so what the provider already brings to it fits the seeker's people too, and the provider
 *    offers a capability the seeker has not got (neither offers nor seeks); the audiences served
 *    are the ones both serve.
 * One suggestion per pair, not per capability, so a provider with three things to offer is one
 * introduction to make, not three rows; the capabilities it is about are named in the sentence,
 * the lead one in `capabilityId`.
 */

/** An audience fit needs a shared audience at least this important (1 high – 3 low). */
export const AUDIENCE_MATCH_MAX_PRIORITY = 1;

/**
 * The factors of a suggestion's strength (0–100), in points:
 *  - need (≤ 45): 40 when the seeker looks for something the provider offers, 45 when for two
 *    or more such things; 15 for an audience fit.
 *  - audiences (≤ 25): for each audience the introduction serves (above), 10 / 6 / 3 by
 *    priority 1 / 2 / 3, plus up to 4 in proportion to its estimated population (capped at
 *    5,000 people).
 *  - stage (≤ 20): for each side, active 10, exploring 7, paused 4, prospect 2 — a partner the
 *    library already works with makes a warm introduction; ended organizations never match.
 *  - fit (≤ 10): the library's fit assessment of the two (audience reach + mission overlap +
 *    complementary resources, 0–15 each side), their sum scaled to 10.
 */
export const STRENGTH = {
  need: { sought: 40, soughtSeveral: 45, audienceFit: 15 },
  audiences: {
    byPriority: { 1: 10, 2: 6, 3: 3 } as Record<number, number>,
    populationMax: 4,
    populationCap: 5000,
    max: 25,
  },
  stage: { active: 10, exploring: 7, paused: 4, prospect: 2, ended: 0 } as Record<OrganizationStage, number>,
  fit: { max: 10, perSide: 15 },
} as const;

/** Names at most this many capabilities or audiences in a sentence, then "and N more". */
const LISTED = 3;

/** Why the pair is suggested: the seeker looks for the capability, or it fits an audience both serve. */
export type MatchKind = 'sought' | 'audience-fit';

export interface MatchOrganization {
  id: string;
  name: string;
  stage: OrganizationStage;
  /** The fit assessment's total: audience reach + mission overlap + complementary resources (0–15). */
  fit: number;
}

export interface MatchAudience {
  id: string;
  name: string;
  /** 1 high – 3 low. */
  priority: number;
  estimatedPopulation: number | null;
}

export interface MatchCapability {
  id: string;
  name: string;
  /** How many organizations (not ended) look for it: the lead capability is the most wanted one. */
  demand: number;
}

/** A pair as the database gives it: both sides and what their arrays have in common. */
export interface MatchCandidate {
  provider: MatchOrganization;
  seeker: MatchOrganization;
  /** Offered by the provider and sought by the seeker. */
  soughtCapabilityIds: string[];
  /** Offered by the provider, neither offered nor sought by the seeker. */
  newCapabilityIds: string[];
  /** Served by the seeker. */
  seekerAudienceIds: string[];
  /** Served by both. */
  sharedAudienceIds: string[];
}

/** An organization with its arrays, as read from the directory. */
export interface DirectoryOrganization extends MatchOrganization {
  audienceIds: readonly string[];
  capabilityIds: readonly string[];
  seeksCapabilityIds: readonly string[];
}

/** What a provider's and a seeker's arrays have in common: the candidate the rules judge. */
export function candidateFor(provider: DirectoryOrganization, seeker: DirectoryOrganization): MatchCandidate {
  const seeks = new Set(seeker.seeksCapabilityIds);
  const has = new Set(seeker.capabilityIds);
  const serves = new Set(seeker.audienceIds);
  const pick = ({ id, name, stage, fit }: MatchOrganization): MatchOrganization => ({ id, name, stage, fit });
  return {
    provider: pick(provider),
    seeker: pick(seeker),
    soughtCapabilityIds: provider.capabilityIds.filter((id) => seeks.has(id)),
    newCapabilityIds: provider.capabilityIds.filter((id) => !seeks.has(id) && !has.has(id)),
    seekerAudienceIds: [...seeker.audienceIds],
    sharedAudienceIds: provider.audienceIds.filter((id) => serves.has(id)),
  };
}

export interface MatchVocabulary {
  audiences: ReadonlyMap<string, MatchAudience>;
  capabilities: ReadonlyMap<string, MatchCapability>;
}

export interface StrengthFactors {
  need: number;
  audiences: number;
  stage: number;
  fit: number;
}

export interface Suggestion {
  id: string;
  kind: MatchKind;
  providerId: string;
  seekerId: string;
  /** The lead capability (also the first named in the explanation). */
  capabilityId: string;
  /** Every capability the suggestion is about, lead first. */
  capabilityIds: string[];
  /** The audiences the introduction serves (the seeker's when it looks for the capability, the shared ones for an audience fit), most important first. */
  audienceIds: string[];
  strength: number;
  factors: StrengthFactors;
  explanation: string;
  /** For the tie-break. */
  providerName: string;
  seekerName: string;
}

export interface SuggestionOptions {
  /** Only pairs this capability is a reason for; it then leads. */
  capabilityId?: string;
}

// A fixed namespace for the match ids (a random v4 uuid, chosen once; changing it would orphan dismissals).
const MATCH_NAMESPACE = Buffer.from('6f2b8a3e4c1d4e7a9b0c5d6e7f8a9b0c', 'hex');

/**
 * A suggestion's id: an RFC 9562 version-5 (name-based, SHA-1) uuid of the directed pair, so
 * it is the same on every request and a dismissal can name it.
 */
export function matchId(providerId: string, seekerId: string): string {
  const hex = matchIdBytes(providerId, seekerId).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function matchIdBytes(providerId: string, seekerId: string): Buffer {
  const name = Buffer.from(`${providerId.toLowerCase()}>${seekerId.toLowerCase()}`);
  const bytes = hash('sha1', Buffer.concat([MATCH_NAMESPACE, name]), 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes;
}

const MATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Whether a pair has the id `id` (as matchId writes it: lower case), for finding the pair among
 * a great many: one SHA-1 per pair into a reused buffer (the provider's part of the name is
 * written once while consecutive calls share the provider) and a byte comparison, about half
 * the cost of matchId. Null when `id` cannot be a match id.
 */
export function matchIdTest(id: string): ((providerId: string, seekerId: string) => boolean) | null {
  if (!MATCH_ID.test(id)) return null;
  // Compared as binary (latin1) strings, one character per byte: hash() makes a string much faster than a Buffer.
  const target = Buffer.from(id.replaceAll('-', ''), 'hex').toString('binary');
  let name = Buffer.alloc(256);
  MATCH_NAMESPACE.copy(name);
  // One view per length: a subarray per call would cost as much as the hash.
  let views = new Map<number, Buffer>();
  let provider: string | undefined;
  let seekerAt = 0;
  const room = (bytes: number) => {
    if (name.length >= bytes) return;
    const larger = Buffer.alloc(2 * bytes);
    name.copy(larger);
    name = larger;
    views = new Map();
  };
  return (providerId, seekerId) => {
    if (providerId !== provider) {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      room(MATCH_NAMESPACE.length + 3 * (providerId.length + 1));
      seekerAt = MATCH_NAMESPACE.length + name.write(`${providerId.toLowerCase()}>`, MATCH_NAMESPACE.length);
      provider = providerId;
    }
    room(seekerAt + 3 * seekerId.length);
    const end = seekerAt + name.write(seekerId.toLowerCase(), seekerAt);
    let view = views.get(end);
    if (!view) views.set(end, (view = name.subarray(0, end)));
    const digest = hash('sha1', view, 'binary');
    // The version and variant bits (bytes 6 and 8) are set, not hashed.
    for (let i = 0; i < 16; i += 1) {
      const byte =
        i === 6
          ? (digest.charCodeAt(i) & 0x0f) | 0x50
          : i === 8
            ? (digest.charCodeAt(i) & 0x3f) | 0x80
            : digest.charCodeAt(i);
      if (byte !== target.charCodeAt(i)) return false;
    }
    return true;
  };
}

// One collator for every comparison: localeCompare with options builds a new one per call, which
// dominates the sort of a large list.
const collator = new Intl.Collator('en', { sensitivity: 'base' });
/** By name as people read it (accents and case aside), then by code unit: 0 only for the same string. */
export const compareNames = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
const byName = compareNames;

/** Most wanted first, then by name, then id (so the order never depends on the input's). */
export function orderCapabilities(ids: readonly string[], vocabulary: MatchVocabulary): string[] {
  const known = ids.filter((id) => vocabulary.capabilities.has(id));
  return [...new Set(known)].sort((a, b) => {
    const x = vocabulary.capabilities.get(a)!;
    const y = vocabulary.capabilities.get(b)!;
    return y.demand - x.demand || byName(x.name, y.name) || (a < b ? -1 : 1);
  });
}

/** Highest priority first, then the larger population, then by name. */
export function orderAudiences(ids: readonly string[], vocabulary: MatchVocabulary): string[] {
  const known = ids.filter((id) => vocabulary.audiences.has(id));
  return [...new Set(known)].sort((a, b) => {
    const x = vocabulary.audiences.get(a)!;
    const y = vocabulary.audiences.get(b)!;
    return (
      x.priority - y.priority ||
      (y.estimatedPopulation ?? 0) - (x.estimatedPopulation ?? 0) ||
      byName(x.name, y.name) ||
      (a < b ? -1 : 1)
    );
  });
}

/** Points for one shared audience: its priority, plus its population's share of the cap. */
export function audiencePoints(audience: MatchAudience): number {
  const { byPriority, populationMax, populationCap } = STRENGTH.audiences;
  const population = Math.max(0, Math.min(audience.estimatedPopulation ?? 0, populationCap));
  return (byPriority[audience.priority] ?? 0) + (populationMax * population) / populationCap;
}

export function strengthFactors(
  kind: MatchKind,
  capabilityCount: number,
  audiences: readonly MatchAudience[],
  provider: MatchOrganization,
  seeker: MatchOrganization,
): StrengthFactors {
  return {
    need: needPoints(kind, capabilityCount),
    audiences: audiencesPoints(audiences),
    stage: stagePoints(provider, seeker),
    fit: fitPoints(provider, seeker),
  };
}

// The four factors one by one: the ranking (matching.ranking.ts) scores every candidate with
// these same functions, without building the suggestion, so both get the same strength.

export function needPoints(kind: MatchKind, capabilityCount: number): number {
  return kind === 'audience-fit'
    ? STRENGTH.need.audienceFit
    : capabilityCount > 1
      ? STRENGTH.need.soughtSeveral
      : STRENGTH.need.sought;
}

/** The audiences the introduction serves, in order (the sum is of floats, so the order is part of the result). */
export function audiencesPoints(audiences: readonly MatchAudience[]): number {
  const sum = audiences.reduce((total, audience) => total + audiencePoints(audience), 0);
  return Math.min(STRENGTH.audiences.max, sum);
}

export function stagePoints(provider: MatchOrganization, seeker: MatchOrganization): number {
  return STRENGTH.stage[provider.stage] + STRENGTH.stage[seeker.stage];
}

export function fitPoints(provider: MatchOrganization, seeker: MatchOrganization): number {
  const fitOf = (org: MatchOrganization) => Math.max(0, Math.min(org.fit, STRENGTH.fit.perSide));
  return (STRENGTH.fit.max * (fitOf(provider) + fitOf(seeker))) / (2 * STRENGTH.fit.perSide);
}

/** The factors' sum, rounded to a whole number within 0–100. */
export function strengthOf(factors: StrengthFactors): number {
  return strengthOfPoints(factors.need, factors.audiences, factors.stage, factors.fit);
}

/** strengthOf without the object, for scoring millions of candidates. */
export function strengthOfPoints(need: number, audiences: number, stage: number, fit: number): number {
  const total = need + audiences + stage + fit;
  return Math.max(0, Math.min(100, Math.round(total)));
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length <= LISTED) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}

/**
 * One sentence a manager can act on, e.g. "Next Step College Access offers College application
 * coaching, which City Youth Opportunity Program does not offer; both serve Low-income teens
 * (priority 1) and First-generation college-bound students (priority 2)."
 */
export function explain(
  kind: MatchKind,
  provider: MatchOrganization,
  seeker: MatchOrganization,
  capabilities: readonly MatchCapability[],
  audiences: readonly MatchAudience[],
): string {
  const offered = listOf(capabilities.map((c) => c.name));
  const served = listOf(audiences.map((a) => `${a.name} (priority ${a.priority})`));
  if (kind === 'audience-fit')
    return `${provider.name} offers ${offered}, which ${seeker.name} does not offer; both serve ${served}.`;
  return `${provider.name} offers ${offered}, which ${seeker.name} is looking for${audiences.length ? `; it serves ${served}` : ''}.`;
}

/** The suggestion a pair makes, or null when it is no reason for an introduction. */
export function suggestionFor(
  candidate: MatchCandidate,
  vocabulary: MatchVocabulary,
  options: SuggestionOptions = {},
): Suggestion | null {
  const { provider, seeker } = candidate;
  if (
    provider.id === seeker.id ||
    provider.stage === OrganizationStage.Ended ||
    seeker.stage === OrganizationStage.Ended
  )
    return null;
  let kind: MatchKind;
  let audienceIds: string[];
  let capabilityIds = orderCapabilities(candidate.soughtCapabilityIds, vocabulary);
  if (capabilityIds.length > 0) {
    kind = 'sought';
    audienceIds = orderAudiences(candidate.seekerAudienceIds, vocabulary);
  } else {
    kind = 'audience-fit';
    audienceIds = orderAudiences(candidate.sharedAudienceIds, vocabulary);
    if (!audienceIds.some((id) => vocabulary.audiences.get(id)!.priority <= AUDIENCE_MATCH_MAX_PRIORITY)) return null;
    capabilityIds = orderCapabilities(candidate.newCapabilityIds, vocabulary);
    if (capabilityIds.length === 0) return null;
  }
  const audiences = audienceIds.map((id) => vocabulary.audiences.get(id)!);
  if (options.capabilityId !== undefined) {
    if (!capabilityIds.includes(options.capabilityId)) return null;
    capabilityIds = [options.capabilityId, ...capabilityIds.filter((id) => id !== options.capabilityId)];
  }

  const factors = strengthFactors(kind, capabilityIds.length, audiences, provider, seeker);
  const capabilities = capabilityIds.map((id) => vocabulary.capabilities.get(id)!);
  return {
    id: matchId(provider.id, seeker.id),
    kind,
    providerId: provider.id,
    seekerId: seeker.id,
    capabilityId: capabilityIds[0],
    capabilityIds,
    audienceIds,
    strength: strengthOf(factors),
    factors,
    explanation: explain(kind, provider, seeker, capabilities, audiences),
    providerName: provider.name,
    seekerName: seeker.name,
  };
}

/** Strongest first; ties: a sought capability before an audience fit, then provider and seeker by name, then id. */
export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return (
    b.strength - a.strength ||
    (a.kind === b.kind ? 0 : a.kind === 'sought' ? -1 : 1) ||
    byName(a.providerName, b.providerName) ||
    byName(a.seekerName, b.seekerName) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Every qualifying candidate's suggestion, ranked. */
export function rankSuggestions(
  candidates: readonly MatchCandidate[],
  vocabulary: MatchVocabulary,
  options: SuggestionOptions = {},
): Suggestion[] {
  return candidates
    .map((candidate) => suggestionFor(candidate, vocabulary, options))
    .filter((s): s is Suggestion => s !== null)
    .sort(compareSuggestions);
}
