import { OrganizationStage } from '../organization/organization-stage';
import {
  AUDIENCE_MATCH_MAX_PRIORITY,
  audiencesPoints,
  candidateFor,
  compareNames,
  DirectoryOrganization,
  fitPoints,
  matchId,
  matchIdTest,
  MatchAudience,
  MatchVocabulary,
  needPoints,
  orderAudiences,
  orderCapabilities,
  stagePoints,
  strengthOfPoints,
  Suggestion,
  suggestionFor,
} from './matching.rules';

/**
 * The ranking of suggested introductions over a whole directory, without building a suggestion
 * per candidate pair: the same answers as `rankSuggestions(every candidate).slice(offset,
 * offset + limit)` (matching.ranking.spec.ts checks that on random directories), in time that
 * grows with the number of candidate pairs and memory with the directory and `offset + limit`.
 *
 * - Each organization's capabilities, sought capabilities and audiences become bit sets over the
 *   vocabularies, with bit i the i-th capability (audience) in the rules' own order
 *   (orderCapabilities / orderAudiences), so intersecting two organizations is a few ANDs and
 *   the bits of a set come out in the order the rules list them.
 * - Candidate pairs come from inverted lists (who seeks capability c, who serves priority-1
 *   audience a): a pair with neither link can make no suggestion, so the work grows with the
 *   candidates, not with every pair of organizations.
 * - A pair's strength is computed with the rules' own factor functions (`needPoints`,
 *   `audiencesPoints`, `stagePoints`, `fitPoints`, `strengthOfPoints`) in the same order, so the
 *   floats and their rounding are the same; the order `compareSuggestions` defines becomes one
 *   number per pair (strength, kind, then each name's rank in the whole directory), and the id
 *   (a SHA-1) is computed only when two pairs tie on all of that, i.e. on identical names.
 * - `total` counts every qualifying pair; a bounded heap keeps the best `offset + limit`; only
 *   the page's pairs become full `Suggestion`s, through `suggestionFor` itself.
 */

/** Pairs that never make a suggestion, or (dismissed) only when asked for. Ids of organizations not given are ignored. */
export interface RankingExclusions {
  /** Partnered in a running program: never suggested, in either direction. */
  partnered: Iterable<readonly [string, string]>;
  /** Decided (dismissed or introduced), provider first: hidden from pages. */
  dismissed: Iterable<readonly [string, string]>;
}

export interface RankingFilters {
  /** Only pairs with this organization on either side. */
  organizationId?: string;
  /** Only pairs this capability is a reason for (it then leads the suggestion). */
  capabilityId?: string;
}

/** How much of the ranking a page shows (see matching-settings.ts); none of it by default. */
export interface RankingLimits {
  /** Suggestions weaker than this are left out. */
  minStrength?: number;
  /**
   * Each organization appears in at most this many suggestions: walking the whole ranked list
   * (after the filters) strongest first, a suggestion is kept only while both its organizations
   * are under the cap, so a page and the total do not depend on the page asked for.
   */
  maxPerPartner?: number;
}

export interface RankedPage {
  data: Suggestion[];
  total: number;
}

/** Suggestions as pairs of the ranking's organizations (by position), strongest first. */
export interface RankedPairs {
  providers: Int32Array;
  seekers: Int32Array;
  /** How many suggestions there are in all. */
  total: number;
  /** Whether every one of them is here, so that any page is a slice. */
  complete: boolean;
}

/** needPoints' three answers (its count only matters as one or more than one). */
const NEED = {
  sought: needPoints('sought', 1),
  soughtSeveral: needPoints('sought', 2),
  audienceFit: needPoints('audience-fit', 0),
};

/** One bit per vocabulary entry, in 32-bit words. */
const WORD = 32;
const words = (bits: number) => Math.max(1, Math.ceil(bits / WORD));

export class SuggestionRanking {
  private readonly organizations: DirectoryOrganization[];
  private readonly indexOf = new Map<string, number>();
  /** Each organization's position among all of them by name (equal only for identical names). */
  private readonly nameRank: Int32Array;
  /** Bit sets, `capabilityWords` (`audienceWords`) words per organization. */
  private readonly capabilityWords: number;
  private readonly audienceWords: number;
  private readonly offers: Int32Array;
  private readonly seeks: Int32Array;
  private readonly serves: Int32Array;
  /** The audiences an audience fit needs one of (priority ≤ AUDIENCE_MATCH_MAX_PRIORITY). */
  private readonly priorityMask: Int32Array;
  /** Audiences and capabilities by bit. */
  private readonly audienceByBit: MatchAudience[];
  private readonly capabilityBit = new Map<string, number>();
  /** Inverted lists: who seeks each capability, who serves each priority audience (by bit). */
  private readonly seekersOf: Int32Array[];
  private readonly servedBy: (Int32Array | undefined)[];
  /** The points of a seeker's own audiences (what a sought suggestion serves). */
  private readonly seekerAudiencePoints: Float64Array;
  /** stagePoints and fitPoints of every pair, by the two stages (fits): see FactorTable. */
  private readonly stageTable: FactorTable;
  private readonly fitTable: FactorTable;
  /** The points of a set of shared audiences, by its bits (few distinct sets in a directory). */
  private readonly sharedPointsCache = new Map<number | string, number>();
  private readonly partnered: number[][];
  private readonly dismissed: number[][];
  // Scratch space for one provider's candidates: a stamp per organization instead of a Set per provider.
  private readonly seen: Int32Array;
  private readonly blocked: Int32Array;
  private readonly candidates: Int32Array;
  private stamp = 0;

  constructor(
    organizations: readonly DirectoryOrganization[],
    private readonly vocabulary: MatchVocabulary,
    exclusions: RankingExclusions,
  ) {
    // Ended organizations never match (the rules would drop each of their pairs).
    this.organizations = [
      ...new Map(organizations.filter((o) => o.stage !== OrganizationStage.Ended).map((o) => [o.id, o])).values(),
    ];
    const n = this.organizations.length;
    this.organizations.forEach((org, i) => this.indexOf.set(org.id, i));

    this.nameRank = new Int32Array(n);
    const byName = [...this.organizations.keys()].sort((a, b) =>
      compareNames(this.organizations[a].name, this.organizations[b].name),
    );
    byName.forEach((org, i) => {
      const previous = byName[i - 1];
      this.nameRank[org] =
        i > 0 && this.organizations[previous].name === this.organizations[org].name ? this.nameRank[previous] : i;
    });

    const capabilityOrder = orderCapabilities([...vocabulary.capabilities.keys()], vocabulary);
    capabilityOrder.forEach((id, bit) => this.capabilityBit.set(id, bit));
    this.audienceByBit = orderAudiences([...vocabulary.audiences.keys()], vocabulary).map((id) =>
      vocabulary.audiences.get(id)!,
    );
    const audienceBit = new Map(this.audienceByBit.map((audience, bit) => [audience.id, bit]));
    this.capabilityWords = words(capabilityOrder.length);
    this.audienceWords = words(this.audienceByBit.length);
    this.offers = new Int32Array(n * this.capabilityWords);
    this.seeks = new Int32Array(n * this.capabilityWords);
    this.serves = new Int32Array(n * this.audienceWords);
    this.priorityMask = new Int32Array(this.audienceWords);
    this.audienceByBit.forEach((audience, bit) => {
      if (audience.priority <= AUDIENCE_MATCH_MAX_PRIORITY) setBit(this.priorityMask, 0, bit);
    });
    this.seekerAudiencePoints = new Float64Array(n);
    this.stageTable = new FactorTable(this.organizations, (org) => org.stage, stagePoints);
    this.fitTable = new FactorTable(this.organizations, (org) => org.fit, fitPoints);
    const seekers: number[][] = capabilityOrder.map(() => []);
    const served: (number[] | undefined)[] = this.audienceByBit.map((a) =>
      a.priority <= AUDIENCE_MATCH_MAX_PRIORITY ? [] : undefined,
    );
    this.organizations.forEach((org, i) => {
      for (const id of new Set(org.capabilityIds)) {
        const bit = this.capabilityBit.get(id);
        if (bit !== undefined) setBit(this.offers, i * this.capabilityWords, bit);
      }
      for (const id of new Set(org.seeksCapabilityIds)) {
        const bit = this.capabilityBit.get(id);
        if (bit === undefined) continue;
        setBit(this.seeks, i * this.capabilityWords, bit);
        seekers[bit].push(i);
      }
      for (const id of new Set(org.audienceIds)) {
        const bit = audienceBit.get(id);
        if (bit === undefined) continue;
        setBit(this.serves, i * this.audienceWords, bit);
        served[bit]?.push(i);
      }
      const own = orderAudiences(org.audienceIds, vocabulary).map((id) => vocabulary.audiences.get(id)!);
      this.seekerAudiencePoints[i] = audiencesPoints(own);
    });
    this.seekersOf = seekers.map((list) => Int32Array.from(list));
    this.servedBy = served.map((list) => list && Int32Array.from(list));

    this.partnered = this.organizations.map(() => []);
    this.dismissed = this.organizations.map(() => []);
    for (const [a, b] of exclusions.partnered) {
      const x = this.indexOf.get(a);
      const y = this.indexOf.get(b);
      if (x === undefined || y === undefined) continue;
      this.partnered[x].push(y);
      this.partnered[y].push(x);
    }
    for (const [provider, seeker] of exclusions.dismissed) {
      const x = this.indexOf.get(provider);
      const y = this.indexOf.get(seeker);
      if (x !== undefined && y !== undefined) this.dismissed[x].push(y);
    }
    this.seen = new Int32Array(n);
    this.blocked = new Int32Array(n);
    this.candidates = new Int32Array(n);
  }

  /**
   * The page `[offset, offset + limit)` of the current suggestions under the filters, strongest
   * first (compareSuggestions), and how many there are in all. Dismissed pairs are left out.
   */
  page(filters: RankingFilters, offset: number, limit: number, limits: RankingLimits = {}): RankedPage {
    const ranked = this.ranked(filters, limits, offset + limit);
    return { data: this.suggestions(ranked, offset, offset + limit, filters.capabilityId), total: ranked.total };
  }

  /**
   * The pairs of the current suggestions under the filters and limits, strongest first: at least
   * the first `depth` of them (all of them under a per-partner cap, which needs the whole order),
   * and how many there are in all. What `page` slices; a caller may keep it to slice again.
   */
  ranked(filters: RankingFilters, limits: RankingLimits, depth: number): RankedPairs {
    const capability = this.capabilityFilter(filters.capabilityId);
    const organization = filters.organizationId === undefined ? undefined : this.indexOf.get(filters.organizationId);
    // A capability the vocabulary does not know is no reason for anything; an organization not here (ended, unknown) has no pairs.
    if (capability === null || (filters.organizationId !== undefined && organization === undefined))
      return { providers: new Int32Array(0), seekers: new Int32Array(0), total: 0, complete: true };
    const n = this.organizations.length;
    const tie = (p: number, s: number, q: number, t: number) => compareIds(this.idOf(p, s), this.idOf(q, t));
    // Order classes past this one are weaker than the floor (a class is (100 − strength) · 2 + kind).
    const lastOrder = limits.minStrength === undefined ? Infinity : (100 - limits.minStrength) * 2 + 1;
    if (limits.maxPerPartner !== undefined) {
      return this.capped({ capability, organization, lastOrder, tie }, limits.maxPerPartner);
    }
    // The whole of compareSuggestions but the id, as one number: exact while n² · 202 < 2^53 (n < 6.6 million).
    const keyOf = (p: number, s: number, order: number) => (order * n + this.nameRank[p]) * n + this.nameRank[s];
    const top = new TopPairs(depth, tie);
    let total = 0;
    this.scan({ capability, organization, includeDismissed: false }, (p, s, order) => {
      if (order > lastOrder) return false;
      total += 1;
      top.offer(keyOf(p, s, order), p, s);
      return false;
    });
    const { providers, seekers } = top.sorted();
    return { providers, seekers, total, complete: providers.length === total };
  }

  /** The suggestions of `ranked`'s pairs `[from, to)`, built in full by the rules (ids, sentences). */
  suggestions(ranked: RankedPairs, from: number, to: number, capabilityId: string | undefined): Suggestion[] {
    const data: Suggestion[] = [];
    for (let i = from; i < Math.min(to, ranked.providers.length); i += 1) {
      data.push(this.suggestion(ranked.providers[i], ranked.seekers[i], capabilityId));
    }
    return data;
  }

  /**
   * Under a per-partner cap: every qualifying pair is kept and sorted (the cap needs the whole
   * order), then walked strongest first, keeping a pair while both organizations are under `cap`.
   * The floor usually leaves few pairs to sort.
   */
  private capped(
    scan: {
      capability: number;
      organization: number | undefined;
      lastOrder: number;
      tie: (p: number, s: number, q: number, t: number) => number;
    },
    cap: number,
  ): RankedPairs {
    const pairs = new ScannedPairs();
    this.scan(
      { capability: scan.capability, organization: scan.organization, includeDismissed: false },
      (p, s, order) => {
        if (order <= scan.lastOrder) pairs.push(order, p, s);
        return false;
      },
    );
    const { orders, providers, seekers, size: m } = pairs;
    // The pairs by order class (a counting sort: at most 202 classes), strongest class first.
    const CLASSES = 256;
    const start = new Int32Array(CLASSES + 1);
    for (let i = 0; i < m; i += 1) start[orders[i] + 1] += 1;
    for (let c = 0; c < CLASSES; c += 1) start[c + 1] += start[c];
    const next = start.slice(0, CLASSES);
    const byClass = new Int32Array(m);
    for (let i = 0; i < m; i += 1) byClass[next[orders[i]]++] = i;
    // Walk the classes strongest first; within a class only the pairs whose organizations are both
    // still under the cap need ordering (counts only grow), so hubs filled early cost nothing later.
    const count = new Int32Array(this.organizations.length);
    const open = new Int32Array(m);
    const kept: number[] = [];
    for (let c = 0; c < CLASSES; c += 1) {
      let size = 0;
      for (let k = start[c]; k < start[c + 1]; k += 1) {
        const i = byClass[k];
        if (count[providers[i]] < cap && count[seekers[i]] < cap) open[size++] = i;
      }
      for (const i of this.byNames(open.subarray(0, size), providers, seekers, scan.tie)) {
        const p = providers[i];
        const s = seekers[i];
        if (count[p] >= cap || count[s] >= cap) continue;
        count[p] += 1;
        count[s] += 1;
        kept.push(i);
      }
    }
    return {
      providers: Int32Array.from(kept, (i) => providers[i]),
      seekers: Int32Array.from(kept, (i) => seekers[i]),
      total: kept.length,
      complete: true,
    };
  }

  /**
   * Pairs of one order class in compareSuggestions' order: by the two names' ranks as one number
   * with the position packed below it, sorted natively as a Float64Array (a comparator over
   * millions of pairs costs seconds); pairs whose names are identical are then put in id order.
   * Past 46,340 organizations or 4 million pairs the numbers would not fit: a comparator sort.
   */
  private byNames(
    members: Int32Array,
    providers: Int32Array,
    seekers: Int32Array,
    tie: (p: number, s: number, q: number, t: number) => number,
  ): Int32Array {
    const n = this.organizations.length;
    const size = members.length;
    if (size < 2) return members;
    const names = (i: number) => this.nameRank[providers[i]] * n + this.nameRank[seekers[i]];
    const byId = (i: number, j: number) => tie(providers[i], seekers[i], providers[j], seekers[j]);
    const PACK = 4_194_304; // 2^22
    if (n > 46_340 || size > PACK) return members.sort((i, j) => names(i) - names(j) || byId(i, j));
    const packed = new Float64Array(size);
    for (let j = 0; j < size; j += 1) packed[j] = names(members[j]) * PACK + j;
    packed.sort();
    const sorted = new Int32Array(size);
    for (let j = 0; j < size; j += 1) sorted[j] = members[packed[j] % PACK];
    // Identical names tie on the number: their id decides, as in compareSuggestions.
    for (let r = 0; r < size;) {
      const key = Math.floor(packed[r] / PACK);
      let e = r + 1;
      while (e < size && Math.floor(packed[e] / PACK) === key) e += 1;
      if (e - r > 1) sorted.set(Array.from(sorted.subarray(r, e)).sort(byId), r);
      r = e;
    }
    return sorted;
  }

  /**
   * The suggestion the rules make for this pair now (ignoring exclusions), or null when they
   * make none or either organization is not in the directory (ended, deleted).
   */
  suggestionFor(providerId: string, seekerId: string): Suggestion | null {
    const p = this.indexOf.get(providerId);
    const s = this.indexOf.get(seekerId);
    if (p === undefined || s === undefined) return null;
    return suggestionFor(candidateFor(this.organizations[p], this.organizations[s]), this.vocabulary);
  }

  /**
   * The current suggestion with this id, dismissed or not, or null: the pairs are scanned and
   * only those that make a suggestion are hashed, nothing is ranked.
   */
  find(id: string): Suggestion | null {
    const test = matchIdTest(id);
    if (!test) return null;
    let found: Suggestion | null = null;
    this.scan({ capability: -1, organization: undefined, includeDismissed: true }, (p, s) => {
      if (!test(this.organizations[p].id, this.organizations[s].id)) return false;
      found = this.suggestion(p, s, undefined);
      return true;
    });
    return found;
  }

  /**
   * What `find(matchId(providerId, seekerId))` answers, without a scan: the pair's current
   * suggestion, dismissed or not, or null (the id names that pair alone).
   */
  findPair(providerId: string, seekerId: string): Suggestion | null {
    const p = this.indexOf.get(providerId);
    const s = this.indexOf.get(seekerId);
    if (p === undefined || s === undefined || p === s || this.partnered[p].includes(s)) return null;
    return this.order(p, s, -1) >= 0 ? this.suggestion(p, s, undefined) : null;
  }

  /** The bit of the capability filtered on: -1 for none, null for one the vocabulary does not know (nothing matches). */
  private capabilityFilter(capabilityId: string | undefined): number | null {
    if (capabilityId === undefined) return -1;
    return this.capabilityBit.get(capabilityId) ?? null;
  }

  /**
   * Calls `visit` with every pair that makes a suggestion under the filters, and its order class
   * ((100 − strength) · 2, plus 1 for an audience fit: lower ranks first); `visit` returns true
   * to stop.
   */
  private scan(
    filters: { capability: number; organization: number | undefined; includeDismissed: boolean },
    visit: (provider: number, seeker: number, order: number) => boolean,
  ): void {
    const { capability, organization, includeDismissed } = filters;
    const n = this.organizations.length;
    const providers = organization === undefined ? n : 1;
    for (let i = 0; i < providers; i += 1) {
      const p = organization ?? i;
      if (capability >= 0 && !hasBit(this.offers, p * this.capabilityWords, capability)) continue;
      const stamp = this.nextStamp();
      for (const s of this.partnered[p]) this.blocked[s] = stamp;
      if (!includeDismissed) for (const s of this.dismissed[p]) this.blocked[s] = stamp;
      const count = this.candidatesOf(p, stamp);
      for (let k = 0; k < count; k += 1) {
        const s = this.candidates[k];
        if (s === p || this.blocked[s] === stamp) continue;
        const order = this.order(p, s, capability);
        if (order >= 0 && visit(p, s, order)) return;
      }
    }
    if (organization === undefined) return;
    // The organization as the seeker: every other one as the provider (a pair with no link fails the rules).
    const s = organization;
    for (let p = 0; p < n; p += 1) {
      if (p === s || this.partnered[p].includes(s) || (!includeDismissed && this.dismissed[p].includes(s))) continue;
      const order = this.order(p, s, capability);
      if (order >= 0 && visit(p, s, order)) return;
    }
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.stamp = 0;
      this.seen.fill(0);
      this.blocked.fill(0);
    }
    return ++this.stamp;
  }

  /** The provider's candidate seekers (each once, maybe itself) into `candidates`: those seeking what it offers or serving a priority audience it serves. */
  private candidatesOf(p: number, stamp: number): number {
    let count = 0;
    const add = (list: Int32Array) => {
      for (let k = 0; k < list.length; k += 1) {
        const s = list[k];
        if (this.seen[s] === stamp) continue;
        this.seen[s] = stamp;
        this.candidates[count++] = s;
      }
    };
    forEachBit(this.offers, p * this.capabilityWords, this.capabilityWords, (bit) => add(this.seekersOf[bit]));
    forEachBit(this.serves, p * this.audienceWords, this.audienceWords, (bit) => {
      const list = this.servedBy[bit];
      if (list) add(list);
    });
    return count;
  }

  /**
   * What suggestionFor decides for the pair, as its order class (see scan), or -1 when it makes
   * no suggestion (under the capability filter, a bit or -1).
   */
  private order(p: number, s: number, capability: number): number {
    const cw = this.capabilityWords;
    const po = p * cw;
    const so = s * cw;
    let sought = 0;
    for (let w = 0; w < cw; w += 1) {
      const both = this.offers[po + w] & this.seeks[so + w];
      if (both !== 0) sought += (both & (both - 1)) === 0 ? 1 : 2;
    }
    let need: number;
    let audiences: number;
    let kind: number;
    if (sought > 0) {
      // The seeker looks for something the provider offers.
      if (capability >= 0 && !(hasBit(this.offers, po, capability) && hasBit(this.seeks, so, capability))) return -1;
      need = sought > 1 ? NEED.soughtSeveral : NEED.sought;
      audiences = this.seekerAudiencePoints[s];
      kind = 0;
    } else {
      // An audience fit: a shared priority audience, and something the seeker neither offers nor seeks.
      const aw = this.audienceWords;
      let priority = false;
      for (let w = 0; w < aw; w += 1) {
        if ((this.serves[p * aw + w] & this.serves[s * aw + w] & this.priorityMask[w]) !== 0) priority = true;
      }
      if (!priority) return -1;
      let fresh = false;
      for (let w = 0; w < cw; w += 1) {
        if ((this.offers[po + w] & ~this.seeks[so + w] & ~this.offers[so + w]) !== 0) fresh = true;
      }
      if (!fresh) return -1;
      if (
        capability >= 0 &&
        !(
          hasBit(this.offers, po, capability) &&
          !hasBit(this.seeks, so, capability) &&
          !hasBit(this.offers, so, capability)
        )
      )
        return -1;
      need = NEED.audienceFit;
      audiences = this.sharedAudiencePoints(p, s);
      kind = 1;
    }
    const strength = strengthOfPoints(need, audiences, this.stageTable.points(p, s), this.fitTable.points(p, s));
    return (100 - strength) * 2 + kind;
  }

  private sharedAudiencePoints(p: number, s: number): number {
    const aw = this.audienceWords;
    let key: number | string;
    if (aw === 1) {
      key = this.serves[p] & this.serves[s];
    } else {
      const parts: number[] = [];
      for (let w = 0; w < aw; w += 1) parts.push(this.serves[p * aw + w] & this.serves[s * aw + w]);
      key = parts.join(',');
    }
    let points = this.sharedPointsCache.get(key);
    if (points === undefined) {
      const shared: MatchAudience[] = [];
      for (let w = 0; w < aw; w += 1) {
        forEachBit(Int32Array.of(this.serves[p * aw + w] & this.serves[s * aw + w]), 0, 1, (bit) =>
          shared.push(this.audienceByBit[w * WORD + bit]),
        );
      }
      points = audiencesPoints(shared);
      this.sharedPointsCache.set(key, points);
    }
    return points;
  }

  private idOf(p: number, s: number): string {
    return matchId(this.organizations[p].id, this.organizations[s].id);
  }

  /** The full suggestion, from the rules themselves; the scan said the pair makes one. */
  private suggestion(p: number, s: number, capabilityId: string | undefined): Suggestion {
    const suggestion = suggestionFor(candidateFor(this.organizations[p], this.organizations[s]), this.vocabulary, {
      capabilityId,
    });
    if (!suggestion) throw new Error('matching: the ranking kept a pair the rules reject');
    return suggestion;
  }
}

function setBit(set: Int32Array, offset: number, bit: number): void {
  set[offset + (bit >>> 5)] |= 1 << (bit & 31);
}

function hasBit(set: Int32Array, offset: number, bit: number): boolean {
  return (set[offset + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
}

/** The set bits of `count` words from `offset`, lowest first. */
function forEachBit(set: Int32Array, offset: number, count: number, visit: (bit: number) => void): void {
  for (let w = 0; w < count; w += 1) {
    let word = set[offset + w];
    while (word !== 0) {
      const low = word & -word;
      visit(w * WORD + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

/** Qualifying pairs with their order class, in scan order: typed arrays, doubled as needed (there may be millions). */
class ScannedPairs {
  orders = new Uint8Array(1024);
  providers = new Int32Array(1024);
  seekers = new Int32Array(1024);
  size = 0;

  push(order: number, p: number, s: number): void {
    if (this.size === this.orders.length) {
      const grown = <T extends Uint8Array | Int32Array>(old: T, fresh: T): T => {
        fresh.set(old);
        return fresh;
      };
      this.orders = grown(this.orders, new Uint8Array(2 * this.size));
      this.providers = grown(this.providers, new Int32Array(2 * this.size));
      this.seekers = grown(this.seekers, new Int32Array(2 * this.size));
    }
    this.orders[this.size] = order;
    this.providers[this.size] = p;
    this.seekers[this.size] = s;
    this.size += 1;
  }
}

/**
 * A factor of a pair's strength that depends on one field of each side (stagePoints on the
 * stages, fitPoints on the fits), worked out by the rules' own function once for every two of the
 * field's distinct values (a directory has 4 stages, 16 fits) instead of once per pair: the same
 * numbers, without looking up a stage's points by name millions of times. With too many distinct
 * values for a table the function is called per pair.
 */
class FactorTable {
  private static readonly MAX_VALUES = 256;
  private readonly valueOf: Int32Array;
  private readonly values: number;
  private readonly table: Float64Array | null;

  constructor(
    private readonly organizations: readonly DirectoryOrganization[],
    field: (org: DirectoryOrganization) => unknown,
    private readonly factor: (provider: DirectoryOrganization, seeker: DirectoryOrganization) => number,
  ) {
    // One organization stands for each distinct value.
    const index = new Map<unknown, number>();
    const standIns: DirectoryOrganization[] = [];
    this.valueOf = Int32Array.from(organizations, (org) => {
      const value = field(org);
      let i = index.get(value);
      if (i === undefined) {
        i = standIns.push(org) - 1;
        index.set(value, i);
      }
      return i;
    });
    this.values = standIns.length;
    this.table = this.values > FactorTable.MAX_VALUES ? null : new Float64Array(this.values * this.values);
    for (let a = 0; this.table && a < this.values; a += 1) {
      for (let b = 0; b < this.values; b += 1) this.table[a * this.values + b] = factor(standIns[a], standIns[b]);
    }
  }

  points(p: number, s: number): number {
    return this.table
      ? this.table[this.valueOf[p] * this.values + this.valueOf[s]]
      : this.factor(this.organizations[p], this.organizations[s]);
  }
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The best `capacity` pairs by (key, then `tie`): a max-heap whose root is the worst kept, so
 * most pairs are turned away by one comparison. Grows as needed up to `capacity`.
 */
class TopPairs {
  private keys = new Float64Array(64);
  private providers = new Int32Array(64);
  private seekers = new Int32Array(64);
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly tie: (p: number, s: number, q: number, t: number) => number,
  ) {}

  offer(key: number, p: number, s: number): void {
    if (this.capacity <= 0) return;
    if (this.size < this.capacity) {
      if (this.size === this.keys.length) this.grow();
      this.place(this.size, key, p, s);
      this.size += 1;
      this.siftUp(this.size - 1);
      return;
    }
    if (key > this.keys[0] || (key === this.keys[0] && this.tie(p, s, this.providers[0], this.seekers[0]) >= 0)) return;
    this.place(0, key, p, s);
    this.siftDown(0);
  }

  /** The kept pairs, best first. */
  sorted(): { providers: Int32Array; seekers: Int32Array } {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((i, j) => this.compare(i, j));
    return {
      providers: Int32Array.from(order, (i) => this.providers[i]),
      seekers: Int32Array.from(order, (i) => this.seekers[i]),
    };
  }

  private compare(i: number, j: number): number {
    return (
      this.keys[i] - this.keys[j] || this.tie(this.providers[i], this.seekers[i], this.providers[j], this.seekers[j])
    );
  }

  private place(i: number, key: number, p: number, s: number): void {
    this.keys[i] = key;
    this.providers[i] = p;
    this.seekers[i] = s;
  }

  private swap(i: number, j: number): void {
    const key = this.keys[i];
    const p = this.providers[i];
    const s = this.seekers[i];
    this.place(i, this.keys[j], this.providers[j], this.seekers[j]);
    this.place(j, key, p, s);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(i, parent) <= 0) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const larger = right < this.size && this.compare(right, left) > 0 ? right : left;
      if (this.compare(larger, i) <= 0) return;
      this.swap(i, larger);
      i = larger;
    }
  }

  private grow(): void {
    const length = Math.min(this.capacity, this.keys.length * 2);
    const grown = <T extends Float64Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.keys = grown(this.keys, new Float64Array(length));
    this.providers = grown(this.providers, new Int32Array(length));
    this.seekers = grown(this.seekers, new Int32Array(length));
  }
}
