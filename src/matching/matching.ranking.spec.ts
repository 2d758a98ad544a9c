import fc from 'fast-check';
import { OrganizationStage } from '../organization/organization-stage';
import type { MatchDirectory } from '../read-side/matching.query';
import { RankingExclusions, RankingFilters, RankingLimits, SuggestionRanking } from './matching.ranking';
import {
  AUDIENCE_MATCH_MAX_PRIORITY,
  candidateFor,
  DirectoryOrganization,
  MatchAudience,
  MatchCandidate,
  MatchCapability,
  matchId,
  MatchVocabulary,
  rankSuggestions,
  Suggestion,
} from './matching.rules';
import { Freshness, RankingStore, STALE } from './ranking-store';

const { Active, Exploring, Paused, Prospect, Ended } = OrganizationStage;

interface Directory {
  organizations: DirectoryOrganization[];
  vocabulary: MatchVocabulary;
  partnered: [string, string][];
  dismissed: [string, string][];
}

/**
 * The answer as the service gave it before the ranking existed, kept as the oracle: the pairs
 * its SQL returned (organizations not ended, linked by a sought capability or a shared
 * priority-1 audience, not partnered in a running program, not dismissed unless asked, the
 * organization and capability filters), each made into a full suggestion and all of them sorted.
 */
function oracle(directory: Directory, filters: RankingFilters & { includeDismissed?: boolean } = {}): Suggestion[] {
  const live = [...new Map(directory.organizations.filter((o) => o.stage !== Ended).map((o) => [o.id, o])).values()];
  const partnered = new Set(directory.partnered.flatMap(([a, b]) => [`${a}>${b}`, `${b}>${a}`]));
  const dismissed = new Set(directory.dismissed.map(([a, b]) => `${a}>${b}`));
  const priority = (id: string) => directory.vocabulary.audiences.get(id)?.priority;
  const candidates: MatchCandidate[] = [];
  for (const p of live) {
    for (const s of live) {
      const linked =
        p.capabilityIds.some((id) => s.seeksCapabilityIds.includes(id)) ||
        p.audienceIds.some(
          (id) => s.audienceIds.includes(id) && (priority(id) ?? Infinity) <= AUDIENCE_MATCH_MAX_PRIORITY,
        );
      if (p.id === s.id || !linked || partnered.has(`${p.id}>${s.id}`)) continue;
      if (!filters.includeDismissed && dismissed.has(`${p.id}>${s.id}`)) continue;
      if (filters.organizationId !== undefined && filters.organizationId !== p.id && filters.organizationId !== s.id)
        continue;
      if (filters.capabilityId !== undefined && !p.capabilityIds.includes(filters.capabilityId)) continue;
      candidates.push(candidateFor(p, s));
    }
  }
  return rankSuggestions(candidates, directory.vocabulary, { capabilityId: filters.capabilityId });
}

function rankingOf(directory: Directory, exclusions: Partial<RankingExclusions> = {}): SuggestionRanking {
  return new SuggestionRanking(directory.organizations, directory.vocabulary, {
    partnered: directory.partnered,
    dismissed: directory.dismissed,
    ...exclusions,
  });
}

// Names that tie in the collator (case, accents) or are identical, so that every step of the order is exercised.
const NAMES = [
  'Alder',
  'alder',
  'Álder',
  'Birch',
  'Birch',
  'Cedar',
  'Zoë',
  'Zoe',
  'zoe',
  'Ñandú',
  'Nandu',
  'Elm & Co',
  'elm & co',
  'Oak',
];
const STAGES = [Active, Exploring, Paused, Prospect, Ended];

/** Ids from a small pool, some unknown to the vocabulary, some repeated. */
const idsFrom = (known: readonly string[]) =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: fc.constantFrom('gone-1', 'gone-2') },
    ),
    { maxLength: 5 },
  );

const directoryArbitrary: fc.Arbitrary<Directory> = fc
  .record({
    // Sometimes more than 32 of each, so the bit sets take two words.
    audiences: fc.array(
      fc.record({
        name: fc.constantFrom(...NAMES),
        priority: fc.integer({ min: 1, max: 3 }),
        estimatedPopulation: fc.option(
          fc.oneof(fc.integer({ min: -5, max: 9000 }), fc.constantFrom(1, 3, 7, 1250, 5000)),
          { nil: null },
        ),
      }),
      { minLength: 1, maxLength: 36 },
    ),
    capabilities: fc.array(fc.record({ name: fc.constantFrom(...NAMES), demand: fc.integer({ min: 0, max: 4 }) }), {
      minLength: 1,
      maxLength: 36,
    }),
  })
  .chain(({ audiences, capabilities }) => {
    const audienceList: MatchAudience[] = audiences.map((a, i) => ({ id: `aud-${String(i).padStart(2, '0')}`, ...a }));
    const capabilityList: MatchCapability[] = capabilities.map((c, i) => ({
      id: `cap-${String(i).padStart(2, '0')}`,
      ...c,
    }));
    const vocabulary: MatchVocabulary = {
      audiences: new Map(audienceList.map((a) => [a.id, a])),
      capabilities: new Map(capabilityList.map((c) => [c.id, c])),
    };
    // Few capabilities and audiences in play per directory, so that pairs link often.
    const inPlay = <T>(list: T[]) => fc.shuffledSubarray(list, { minLength: 1, maxLength: Math.min(6, list.length) });
    return fc
      .tuple(inPlay(audienceList.map((a) => a.id)), inPlay(capabilityList.map((c) => c.id)))
      .chain(([audienceIds, capabilityIds]) =>
        fc
          .uniqueArray(
            fc.record({
              id: fc.uuid(),
              name: fc.constantFrom(...NAMES),
              stage: fc.constantFrom(...STAGES),
              fit: fc.oneof(fc.integer({ min: 0, max: 15 }), fc.constantFrom(-3, 16, 40)),
              audienceIds: idsFrom(audienceIds),
              capabilityIds: idsFrom(capabilityIds),
              seeksCapabilityIds: idsFrom(capabilityIds),
            }),
            { selector: (o) => o.id, maxLength: 18 },
          )
          .chain((organizations) => {
            const ids = organizations.map((o) => o.id);
            const pairs: fc.Arbitrary<[string, string][]> =
              ids.length === 0
                ? fc.constant([])
                : fc.array(fc.tuple(fc.constantFrom(...ids, 'unknown'), fc.constantFrom(...ids)), { maxLength: 10 });
            return fc.record({
              organizations: fc.constant(organizations),
              vocabulary: fc.constant(vocabulary),
              partnered: pairs,
              dismissed: pairs,
            });
          }),
      );
  });

/** A filter, a page and the directory it is about. */
const queryArbitrary = directoryArbitrary.chain((directory) =>
  fc.record({
    directory: fc.constant(directory),
    organizationId: fc.option(
      fc.constantFrom(...directory.organizations.map((o) => o.id), '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f'),
      { nil: undefined },
    ),
    capabilityId: fc.option(fc.constantFrom(...directory.vocabulary.capabilities.keys(), 'gone-1'), { nil: undefined }),
    offset: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 120 })),
    limit: fc.integer({ min: 1, max: 40 }),
  }),
);

/** The rule as stated: the full ranking, weaker than the floor dropped, then walked strongest first keeping a pair while both are under the cap. */
function limitedOracle(directory: Directory, filters: RankingFilters, limits: RankingLimits): Suggestion[] {
  const ranked = oracle(directory, filters).filter(
    (s) => limits.minStrength === undefined || s.strength >= limits.minStrength,
  );
  if (limits.maxPerPartner === undefined) return ranked;
  const count = new Map<string, number>();
  return ranked.filter((s) => {
    const p = count.get(s.providerId) ?? 0;
    const q = count.get(s.seekerId) ?? 0;
    if (p >= limits.maxPerPartner! || q >= limits.maxPerPartner!) return false;
    count.set(s.providerId, p + 1);
    count.set(s.seekerId, q + 1);
    return true;
  });
}

const limitsArbitrary: fc.Arbitrary<RankingLimits> = fc.record(
  {
    minStrength: fc.integer({ min: 0, max: 100 }),
    maxPerPartner: fc.integer({ min: 1, max: 6 }),
  },
  { requiredKeys: [] },
);

const org = (id: string, name: string, fields: Partial<DirectoryOrganization> = {}): DirectoryOrganization => ({
  id,
  name,
  stage: Active,
  fit: 10,
  audienceIds: [],
  capabilityIds: [],
  seeksCapabilityIds: [],
  ...fields,
});

describe(SuggestionRanking.name, () => {
  describe('page', () => {
    it('gives the page and total of ranking every candidate in full, for any directory, filter and page', () => {
      fc.assert(
        fc.property(queryArbitrary, ({ directory, organizationId, capabilityId, offset, limit }) => {
          const expected = oracle(directory, { organizationId, capabilityId });
          const page = rankingOf(directory).page({ organizationId, capabilityId }, offset, limit);
          expect(page.total).toBe(expected.length);
          expect(page.data).toEqual(expected.slice(offset, offset + limit));
        }),
        { numRuns: 400 },
      );
    });

    it('finds suggestions in a realistic share of the random directories (the property above is not vacuous)', () => {
      const totals = fc
        .sample(directoryArbitrary, { numRuns: 200, seed: 42 })
        .map((directory) => oracle(directory).length);
      expect(totals.filter((total) => total > 5).length).toBeGreaterThan(50);
      expect(Math.max(...totals)).toBeGreaterThan(40);
    });

    it('orders pairs whose names are identical by id, as compareSuggestions does', () => {
      const seeks = { seeksCapabilityIds: ['space'] };
      const directory: Directory = {
        organizations: [
          org('00000000-0000-4000-8000-000000000001', 'Same'),
          org('00000000-0000-4000-8000-000000000002', 'Same'),
          org('00000000-0000-4000-8000-000000000003', 'Seeker', seeks),
          org('00000000-0000-4000-8000-000000000004', 'Seeker', seeks),
        ].map((o, i) => (i < 2 ? { ...o, capabilityIds: ['space'] } : o)),
        vocabulary: {
          audiences: new Map(),
          capabilities: new Map([['space', { id: 'space', name: 'Space', demand: 2 }]]),
        },
        partnered: [],
        dismissed: [],
      };
      const page = rankingOf(directory).page({}, 0, 10);
      expect(page.data.map((s) => s.id)).toEqual(
        directory.organizations
          .slice(0, 2)
          .flatMap((p) => directory.organizations.slice(2).map((s) => matchId(p.id, s.id)))
          .sort(),
      );
      expect(page.data).toEqual(oracle(directory));
    });

    it('counts every suggestion however deep the page, and answers an empty page past the end', () => {
      fc.assert(
        fc.property(directoryArbitrary, (directory) => {
          const expected = oracle(directory);
          const ranking = rankingOf(directory);
          expect(ranking.page({}, expected.length, 25)).toEqual({ data: [], total: expected.length });
          expect(ranking.page({}, 0, expected.length + 5)).toEqual({ data: expected, total: expected.length });
          expect(ranking.page({}, 1_000_000, 100).total).toBe(expected.length);
        }),
        { numRuns: 100 },
      );
    });

    it('has nothing for an organization it does not hold (ended or unknown) or a capability the vocabulary does not know', () => {
      const directory: Directory = {
        organizations: [
          org('00000000-0000-4000-8000-000000000001', 'Provider', { capabilityIds: ['space', 'gone'] }),
          org('00000000-0000-4000-8000-000000000002', 'Seeker', { seeksCapabilityIds: ['space', 'gone'] }),
          org('00000000-0000-4000-8000-000000000003', 'Ended', { stage: Ended, seeksCapabilityIds: ['space'] }),
        ],
        vocabulary: {
          audiences: new Map(),
          capabilities: new Map([['space', { id: 'space', name: 'Space', demand: 1 }]]),
        },
        partnered: [],
        dismissed: [],
      };
      const ranking = rankingOf(directory);
      expect(ranking.page({}, 0, 25).total).toBe(1);
      expect(ranking.page({ organizationId: '00000000-0000-4000-8000-000000000003' }, 0, 25)).toEqual({
        data: [],
        total: 0,
      });
      expect(ranking.page({ organizationId: 'not-an-id' }, 0, 25)).toEqual({ data: [], total: 0 });
      expect(ranking.page({ capabilityId: 'gone' }, 0, 25)).toEqual({ data: [], total: 0 });
    });
  });

  describe('find', () => {
    it('finds every current suggestion by its id, dismissed ones included, as ranking them all did', () => {
      fc.assert(
        fc.property(directoryArbitrary, (directory) => {
          const ranking = rankingOf(directory);
          for (const suggestion of oracle(directory, { includeDismissed: true })) {
            expect(ranking.find(suggestion.id)).toEqual(suggestion);
          }
        }),
        { numRuns: 60 },
      );
    });

    it('finds nothing for the id of a pair that makes no suggestion, a random uuid, or an id not in lower case', () => {
      fc.assert(
        fc.property(directoryArbitrary, fc.uuid(), (directory, random) => {
          const ranking = rankingOf(directory);
          const current = new Map(oracle(directory, { includeDismissed: true }).map((s) => [s.id, s]));
          for (const p of directory.organizations) {
            for (const s of directory.organizations) {
              const id = matchId(p.id, s.id);
              expect(ranking.find(id)).toEqual(current.get(id) ?? null);
              if (/[a-f]/.test(id)) expect(ranking.find(id.toUpperCase())).toBeNull();
            }
          }
          expect(ranking.find(random)).toEqual(current.get(random) ?? null);
          expect(ranking.find('not-a-uuid')).toBeNull();
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('strength floor and per-partner cap', () => {
    it('gives the page and total of the rule applied to the full ranking, for any directory, filter, page and limits', () => {
      fc.assert(
        fc.property(
          queryArbitrary,
          limitsArbitrary,
          ({ directory, organizationId, capabilityId, offset, limit }, limits) => {
            const expected = limitedOracle(directory, { organizationId, capabilityId }, limits);
            const page = rankingOf(directory).page({ organizationId, capabilityId }, offset, limit, limits);
            expect(page.total).toBe(expected.length);
            expect(page.data).toEqual(expected.slice(offset, offset + limit));
          },
        ),
        { numRuns: 300 },
      );
    });

    it('keeps no suggestion below the floor, and no organization in more than the cap', () => {
      fc.assert(
        fc.property(directoryArbitrary, limitsArbitrary, (directory, limits) => {
          const { data } = rankingOf(directory).page({}, 0, 1000, limits);
          const count = new Map<string, number>();
          for (const s of data) {
            if (limits.minStrength !== undefined) expect(s.strength).toBeGreaterThanOrEqual(limits.minStrength);
            for (const id of [s.providerId, s.seekerId]) count.set(id, (count.get(id) ?? 0) + 1);
          }
          if (limits.maxPerPartner !== undefined)
            for (const n of count.values()) expect(n).toBeLessThanOrEqual(limits.maxPerPartner);
        }),
        { numRuns: 150 },
      );
    });

    it('keeps the three strongest first whenever the cap is at least 3', () => {
      fc.assert(
        fc.property(directoryArbitrary, fc.integer({ min: 3, max: 6 }), (directory, maxPerPartner) => {
          const strongest = rankingOf(directory).page({}, 0, 3);
          expect(rankingOf(directory).page({}, 0, 3, { maxPerPartner }).data).toEqual(strongest.data);
        }),
        { numRuns: 150 },
      );
    });

    it("drops a partner's fourth suggestion (worked example)", () => {
      const hub = org('00000000-0000-4000-8000-000000000001', 'Hub', { capabilityIds: ['space'] });
      const seekers = ['A', 'B', 'C', 'D'].map((name, i) =>
        org(`00000000-0000-4000-8000-00000000001${i}`, name, { seeksCapabilityIds: ['space'], fit: 15 - i }),
      );
      const other = org('00000000-0000-4000-8000-000000000002', 'Other', { capabilityIds: ['space'], fit: 0 });
      const directory: Directory = {
        organizations: [hub, other, ...seekers],
        vocabulary: {
          audiences: new Map(),
          capabilities: new Map([['space', { id: 'space', name: 'Space', demand: 4 }]]),
        },
        partnered: [],
        dismissed: [],
      };
      const pairs = (limits: RankingLimits) =>
        rankingOf(directory)
          .page({}, 0, 20, limits)
          .data.map((s) => `${s.providerName}>${s.seekerName}`);
      expect(pairs({})).toHaveLength(8);
      // Hub → A, B, C (68), Hub → D (67), Other → A, B (65), Other → C, D (64).
      expect(pairs({ maxPerPartner: 3 })).toEqual(['Hub>A', 'Hub>B', 'Hub>C', 'Other>A', 'Other>B', 'Other>C']);
      expect(pairs({ maxPerPartner: 3, minStrength: 65 })).toEqual(['Hub>A', 'Hub>B', 'Hub>C', 'Other>A', 'Other>B']);
      expect(pairs({ minStrength: 68 })).toEqual(['Hub>A', 'Hub>B', 'Hub>C']);
    });
  });
});

/**
 * The directory as `matchDirectory`'s JSON text gives it (organizations not ended, partners both
 * ways), and the same directory with each capability's demand as the store counts it (how many
 * organizations not ended look for it), for the oracle.
 */
function asLoaded(directory: Directory): { text: string; counted: Directory } {
  const live = directory.organizations.filter((o) => o.stage !== Ended);
  const text: MatchDirectory = {
    organizations: live.map((o) => [
      o.id,
      o.name,
      o.stage,
      o.fit,
      [...o.audienceIds],
      [...o.capabilityIds],
      [...o.seeksCapabilityIds],
    ]),
    audiences: [...directory.vocabulary.audiences.values()].map((a) => [
      a.id,
      a.name,
      a.priority,
      a.estimatedPopulation,
    ]),
    capabilities: [...directory.vocabulary.capabilities.values()].map((c) => [c.id, c.name]),
    partnered: directory.partnered.flatMap(([a, b]): [string, string][] => [
      [a, b],
      [b, a],
    ]),
    decided: directory.dismissed,
  };
  const demand = (id: string) => live.filter((o) => o.seeksCapabilityIds.includes(id)).length;
  const capabilities = new Map(
    [...directory.vocabulary.capabilities.values()].map((c): [string, MatchCapability] => [
      c.id,
      { ...c, demand: demand(c.id) },
    ]),
  );
  return {
    text: JSON.stringify(text),
    counted: { ...directory, vocabulary: { ...directory.vocabulary, capabilities } },
  };
}

const ANY: Freshness = { version: 0, readSince: 0 };

/** Pages asked one after another of the same store: a few filters and limits, each asked again, deeper or not. */
const pagesArbitrary = (directory: Directory) =>
  fc
    .array(
      fc.record({
        organizationId: fc.option(fc.constantFrom(...directory.organizations.map((o) => o.id), 'unknown'), {
          nil: undefined,
        }),
        capabilityId: fc.option(fc.constantFrom(...directory.vocabulary.capabilities.keys(), 'gone-1'), {
          nil: undefined,
        }),
        limits: limitsArbitrary,
      }),
      { minLength: 1, maxLength: 3 },
    )
    .chain((asked) =>
      fc.array(
        fc.record({
          asked: fc.constantFrom(...asked),
          offset: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 120 })),
          limit: fc.integer({ min: 1, max: 40 }),
        }),
        { minLength: 1, maxLength: 10 },
      ),
    );

describe(RankingStore.name, () => {
  it('answers every page as ranking every candidate in full does, for any directory and any pages asked in turn', () => {
    fc.assert(
      fc.property(
        directoryArbitrary.chain((directory) => fc.tuple(fc.constant(directory), pagesArbitrary(directory))),
        // Shallow too, so that pages past what it kept are worked out again, deeper.
        fc.constantFrom(1, 7, undefined),
        ([directory, pages], minDepth) => {
          const { text, counted } = asLoaded(directory);
          const store = new RankingStore(minDepth);
          store.load(1, 0, text);
          for (const {
            asked: { organizationId, capabilityId, limits },
            offset,
            limit,
          } of pages) {
            const expected = limitedOracle(counted, { organizationId, capabilityId }, limits);
            const page = store.page({
              kind: 'page',
              fresh: ANY,
              filters: { organizationId, capabilityId },
              limits,
              offset,
              limit,
            });
            expect(page).toEqual({ data: expected.slice(offset, offset + limit), total: expected.length });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds each suggestion by id as the ranking does, whether a page showed it or not', () => {
    fc.assert(
      fc.property(directoryArbitrary, fc.uuid(), (directory, random) => {
        const { text, counted } = asLoaded(directory);
        const store = new RankingStore();
        store.load(1, 0, text);
        const ranking = rankingOf(counted);
        // Half of them shown on a page first.
        const all = oracle(counted, { includeDismissed: true });
        store.page({
          kind: 'page',
          fresh: ANY,
          filters: {},
          limits: {},
          offset: 0,
          limit: Math.ceil(all.length / 2) + 1,
        });
        for (const p of directory.organizations) {
          for (const s of directory.organizations) {
            const id = matchId(p.id, s.id);
            expect(store.find(ANY, id)).toEqual(ranking.find(id));
          }
        }
        expect(store.find(ANY, random)).toEqual(ranking.find(random));
        // An id a page showed, once its pair no longer makes a suggestion: none (the pair is checked, not remembered).
        const shown = store.page({ kind: 'page', fresh: ANY, filters: {}, limits: {}, offset: 0, limit: 1 });
        if (shown !== STALE && shown.data.length > 0) {
          const [first] = shown.data;
          store.load(2, 0, asLoaded({ ...directory, partnered: [[first.providerId, first.seekerId]] }).text);
          expect(store.find(ANY, first.id)).toBeNull();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives the suggestion the rules make for each pair, ignoring exclusions', () => {
    fc.assert(
      fc.property(directoryArbitrary, (directory) => {
        const { text, counted } = asLoaded(directory);
        const store = new RankingStore();
        store.load(1, 0, text);
        const pairs = directory.organizations.flatMap((p) =>
          directory.organizations.map((s): [string, string] => [p.id, s.id]),
        );
        const ranking = rankingOf(counted);
        expect(store.suggestionsFor(ANY, pairs)).toEqual(pairs.map(([p, s]) => ranking.suggestionFor(p, s)));
      }),
      { numRuns: 50 },
    );
  });

  it('is stale until it holds a directory at least as new as asked for, read no earlier than asked for', () => {
    const store = new RankingStore();
    const directory = asLoaded({
      organizations: [
        org('00000000-0000-4000-8000-000000000001', 'Provider', { capabilityIds: ['space'] }),
        org('00000000-0000-4000-8000-000000000002', 'Seeker', { seeksCapabilityIds: ['space'] }),
      ],
      vocabulary: {
        audiences: new Map(),
        capabilities: new Map([['space', { id: 'space', name: 'Space', demand: 1 }]]),
      },
      partnered: [],
      dismissed: [],
    }).text;
    const page = (fresh: Freshness) =>
      store.page({ kind: 'page', fresh, filters: {}, limits: {}, offset: 0, limit: 10 });
    expect(page(ANY)).toBe(STALE);
    store.load(7, 1_000, directory);
    expect(page({ version: 8, readSince: 0 })).toBe(STALE);
    expect(page({ version: 7, readSince: 1_001 })).toBe(STALE);
    expect(page({ version: 7, readSince: 1_000 })).toMatchObject({ total: 1 });
    // A newer directory answers for an older version; a load replaces whatever was held.
    expect(page({ version: 3, readSince: 0 })).toMatchObject({ total: 1 });
    store.load(2, 2_000, directory);
    expect(page({ version: 7, readSince: 0 })).toBe(STALE);
    expect(store.find({ version: 7, readSince: 0 }, matchId('a', 'b'))).toBe(STALE);
    expect(store.suggestionsFor({ version: 7, readSince: 0 }, [])).toBe(STALE);
  });
});
