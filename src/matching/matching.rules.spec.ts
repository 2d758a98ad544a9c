import fc from 'fast-check';
import {
  COLLEGE_COACHING,
  COLLEGE_PREP,
  currentStage,
  DEMO_AUDIENCES,
  DEMO_CAPABILITIES,
  DEMO_ORGANIZATIONS,
  DemoOrganization,
  FIRST_GEN,
  INTERNSHIP_AGENCY,
  LOW_INCOME_TEENS,
  SHELTER,
} from '../demo/demo-data';
import { DEMO_PROGRAMS } from '../demo/demo-outreach';
import { OrganizationStage } from '../organization/organization-stage';
import { ProgramStatus } from '../program/program.entity';
import {
  candidateFor,
  DirectoryOrganization,
  listOf,
  MatchAudience,
  MatchCandidate,
  MatchCapability,
  matchId,
  matchIdTest,
  MatchOrganization,
  MatchVocabulary,
  rankSuggestions,
  Suggestion,
  suggestionFor,
} from './matching.rules';

const { Active, Exploring, Paused, Prospect, Ended } = OrganizationStage;

function vocabularyOf(audiences: MatchAudience[], capabilities: MatchCapability[]): MatchVocabulary {
  return {
    audiences: new Map(audiences.map((a) => [a.id, a])),
    capabilities: new Map(capabilities.map((c) => [c.id, c])),
  };
}

/** A small directory: ids are the names, so the expectations read as the data. */
const teens: MatchAudience = { id: 'teens', name: 'Teens', priority: 1, estimatedPopulation: 5000 };
const parents: MatchAudience = { id: 'parents', name: 'Parents', priority: 2, estimatedPopulation: 1250 };
const kids: MatchAudience = { id: 'kids', name: 'Kids', priority: 3, estimatedPopulation: null };
const coaching: MatchCapability = { id: 'coaching', name: 'Coaching', demand: 1 };
const space: MatchCapability = { id: 'space', name: 'Space', demand: 3 };
const food: MatchCapability = { id: 'food', name: 'Food', demand: 0 };
const small = vocabularyOf([teens, parents, kids], [coaching, space, food]);

const org = (name: string, stage: OrganizationStage, fit: number): MatchOrganization => ({
  id: name.toLowerCase(),
  name,
  stage,
  fit,
});

function candidate(
  provider: MatchOrganization,
  seeker: MatchOrganization,
  fields: Partial<MatchCandidate> = {},
): MatchCandidate {
  return {
    provider,
    seeker,
    soughtCapabilityIds: [],
    newCapabilityIds: [],
    seekerAudienceIds: [],
    sharedAudienceIds: [],
    ...fields,
  };
}

/**
 * The demo directory as the service's SQL would hand it over: every ordered pair of
 * organizations not partnered in a running program (the rules themselves drop ended ones),
 * with the demand for each capability counted over organizations that have not ended.
 */
function demoDirectory(): { vocabulary: MatchVocabulary; candidates: MatchCandidate[] } {
  const live = DEMO_ORGANIZATIONS.filter((o) => currentStage(o) !== Ended);
  const vocabulary = vocabularyOf(
    DEMO_AUDIENCES.map((a) => ({
      id: a.name,
      name: a.name,
      priority: a.priority,
      estimatedPopulation: a.estimatedPopulation,
    })),
    DEMO_CAPABILITIES.map((c) => ({
      id: c.name,
      name: c.name,
      demand: live.filter((o) => o.seeks.includes(c.name)).length,
    })),
  );
  const running = DEMO_PROGRAMS.filter((p) => p.status === ProgramStatus.Running).map((p) =>
    p.partners.map((partner) => partner.organization),
  );
  const partnered = (a: string, b: string) => running.some((names) => names.includes(a) && names.includes(b));
  const toOrg = (o: DemoOrganization): DirectoryOrganization => ({
    id: o.name,
    name: o.name,
    stage: currentStage(o),
    fit: o.fit.audienceReach + o.fit.missionOverlap + o.fit.complementaryResources,
    audienceIds: o.audiences,
    capabilityIds: o.offers,
    seeksCapabilityIds: o.seeks,
  });
  const candidates: MatchCandidate[] = [];
  for (const p of DEMO_ORGANIZATIONS) {
    for (const s of DEMO_ORGANIZATIONS) {
      if (p !== s && !partnered(p.name, s.name)) candidates.push(candidateFor(toOrg(p), toOrg(s)));
    }
  }
  return { vocabulary, candidates };
}

const pairOf = (s: Suggestion) => `${s.providerName} → ${s.seekerName}`;

describe('matching rules', () => {
  describe('matchId', () => {
    it('is the same uuid (version 5) for the same pair on every call, whatever the case of the ids', () => {
      const a = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
      const b = '7d0c5d1e-93a4-4b8f-9f0e-000000000001';
      expect(matchId(a, b)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(matchId(a, b)).toBe(matchId(a.toUpperCase(), b));
    });

    it('tells the two directions of a pair apart', () => {
      expect(matchId('a', 'b')).not.toBe(matchId('b', 'a'));
    });
  });

  describe('matchIdTest', () => {
    // Any ids, as a uuid or any text (case, non-ASCII, long enough to outgrow the test's buffer), one provider after another.
    const anyId = fc.oneof(fc.uuid(), fc.string({ unit: 'binary', maxLength: 200 }));

    it('is true exactly for the pairs matchId gives that id', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(anyId, anyId), { minLength: 1, maxLength: 12 }), fc.nat(), (pairs, pick) => {
          const [provider, seeker] = pairs[pick % pairs.length];
          const test = matchIdTest(matchId(provider, seeker))!;
          for (const [p, s] of pairs) expect(test(p, s)).toBe(matchId(p, s) === matchId(provider, seeker));
          expect(test(provider, seeker)).toBe(true);
        }),
      );
    });

    it('refuses what matchId never writes: upper case, another version, not a uuid', () => {
      const id = matchId('3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', '7d0c5d1e-93a4-4b8f-9f0e-000000000001');
      expect(matchIdTest(id)).not.toBeNull();
      expect(matchIdTest(id.toUpperCase())).toBeNull();
      expect(matchIdTest('3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f')).toBeNull();
      expect(matchIdTest(`${id}0`)).toBeNull();
      expect(matchIdTest('')).toBeNull();
    });
  });

  describe('the seeds’ own case: the college-prep nonprofit and the youth-internship agency', () => {
    const { vocabulary, candidates } = demoDirectory();
    const find = (provider: string, seeker: string) =>
      candidates.find((c) => c.provider.name === provider && c.seeker.name === seeker)!;

    it('suggests introducing Next Step College Access to City Youth Opportunity Program for the low-income teens both serve', () => {
      // Next Step offers coaching, financial aid and mentoring; the agency seeks none of them, offers none of
      // them, and both serve Low-income teens (priority 1, ~5,200) and First-generation students (priority 2, ~950).
      const suggestion = suggestionFor(find(COLLEGE_PREP, INTERNSHIP_AGENCY), vocabulary)!;
      expect(suggestion).toMatchObject({
        kind: 'audience-fit',
        providerId: COLLEGE_PREP,
        seekerId: INTERNSHIP_AGENCY,
        // College coaching leads: two organizations look for it (the shelter and Lincoln High); the others, none.
        capabilityId: COLLEGE_COACHING,
        capabilityIds: [COLLEGE_COACHING, 'Scholarship & financial aid guidance', 'Youth mentoring'],
        audienceIds: [LOW_INCOME_TEENS, FIRST_GEN],
      });
      // need 15; audiences (10 + 4·5000/5000) + (6 + 4·950/5000) = 14 + 6.76; both active 10 + 10;
      // fit 10 · (13 + 14) / 30 = 9. Total 64.76 → 65.
      expect(suggestion.factors.need).toBe(15);
      expect(suggestion.factors.audiences).toBeCloseTo(20.76, 10);
      expect(suggestion.factors.stage).toBe(20);
      expect(suggestion.factors.fit).toBeCloseTo(9, 10);
      expect(suggestion.strength).toBe(65);
      expect(suggestion.explanation).toBe(
        'Next Step College Access offers College application coaching, Scholarship & financial aid guidance and Youth mentoring, ' +
          'which City Youth Opportunity Program does not offer; both serve Low-income teens (priority 1) and First-generation college-bound students (priority 2).',
      );
    });

    it('suggests the agency to Next Step the other way, for what its students could use', () => {
      const suggestion = suggestionFor(find(INTERNSHIP_AGENCY, COLLEGE_PREP), vocabulary)!;
      expect(suggestion).toMatchObject({ kind: 'audience-fit', capabilityId: 'Job readiness training', strength: 65 });
      // Job readiness: sought by the shelter and the foster-youth network; tutoring by Casa; internships by no one.
      expect(suggestion.capabilityIds).toEqual(['Job readiness training', 'Academic tutoring', 'Paid internships']);
    });

    it('ranks what the shelter asked for — college coaching from Next Step — above every audience fit', () => {
      const suggestion = suggestionFor(find(COLLEGE_PREP, SHELTER), vocabulary)!;
      // need 40; the shelter's audiences: homelessness (10 + 4·340/5000) + opportunity youth (6 + 4·1100/5000)
      // + LGBTQ+ teens (6 + 4·800/5000) = 23.792; both active 20; fit 10 · (13 + 13) / 30. Total 92.46 → 92.
      expect(suggestion).toMatchObject({ kind: 'sought', capabilityIds: [COLLEGE_COACHING], strength: 92 });
      expect(suggestion.factors.audiences).toBeCloseTo(23.792, 10);
      expect(suggestion.explanation).toBe(
        'Next Step College Access offers College application coaching, which Harbor House Youth Shelter is looking for; ' +
          'it serves Youth experiencing homelessness (priority 1), Opportunity youth (16–24, not in school or work) (priority 2) and LGBTQ+ teens (priority 2).',
      );
      const ranked = rankSuggestions(candidates, vocabulary);
      const firstAudienceFit = ranked.findIndex((s) => s.kind === 'audience-fit');
      expect(ranked.findIndex((s) => s.id === suggestion.id)).toBeLessThan(firstAudienceFit);
    });

    it('puts the college-prep pair first among the agency’s audience fits, after what the agency and others asked of each other', () => {
      const ranked = rankSuggestions(candidates, vocabulary).filter((s) =>
        [s.providerId, s.seekerId].includes(INTERNSHIP_AGENCY),
      );
      const fits = ranked.filter((s) => s.kind === 'audience-fit');
      expect(fits.slice(0, 2).map(pairOf)).toEqual([
        `${INTERNSHIP_AGENCY} → ${COLLEGE_PREP}`,
        `${COLLEGE_PREP} → ${INTERNSHIP_AGENCY}`,
      ]);
      expect(fits[2].strength).toBeLessThan(65);
      // Everything above them is something one side looks for.
      expect(ranked.slice(0, ranked.indexOf(fits[0])).every((s) => s.kind === 'sought')).toBe(true);
    });

    it('starts the demo list with Casa Esperanza’s room and Spanish outreach for Next Step', () => {
      const [first] = rankSuggestions(candidates, vocabulary);
      // 45 (two sought) + 25 (capped: low-income, English learners, first-gen) + 20 + 10 · (13 + 13) / 30.
      expect(first).toMatchObject({ providerId: 'Casa Esperanza Family Center', seekerId: COLLEGE_PREP, strength: 99 });
      expect(first.capabilityIds).toEqual(['Meeting space', 'Spanish-language outreach']);
    });

    it('never suggests an organization whose partnership ended', () => {
      const ended = new Set(DEMO_ORGANIZATIONS.filter((o) => currentStage(o) === Ended).map((o) => o.name));
      expect(ended.size).toBeGreaterThan(0);
      expect(
        rankSuggestions(candidates, vocabulary).filter((s) => ended.has(s.providerId) || ended.has(s.seekerId)),
      ).toEqual([]);
    });
  });

  describe('suggestionFor', () => {
    const provider = org('Provider', Active, 15);

    it('scores a sought capability 40, the seeker’s audiences by priority and population, both stages and the fit', () => {
      const seeker = org('Seeker', Exploring, 6);
      const suggestion = suggestionFor(
        candidate(provider, seeker, {
          soughtCapabilityIds: ['coaching'],
          newCapabilityIds: ['food'],
          seekerAudienceIds: ['parents', 'kids'],
        }),
        small,
      )!;
      // 40 + (6 + 4·1250/5000) + (3 + 0: population unknown) + (10 + 7) + 10 · (15 + 6) / 30 = 40 + 10 + 17 + 7.
      expect(suggestion.factors).toEqual({ need: 40, audiences: 10, stage: 17, fit: 7 });
      expect(suggestion.strength).toBe(74);
      expect(suggestion).toMatchObject({
        kind: 'sought',
        capabilityId: 'coaching',
        capabilityIds: ['coaching'],
        audienceIds: ['parents', 'kids'],
      });
      expect(suggestion.explanation).toBe(
        'Provider offers Coaching, which Seeker is looking for; it serves Parents (priority 2) and Kids (priority 3).',
      );
      expect(suggestion.id).toBe(matchId('provider', 'seeker'));
    });

    it('gives 45 for two or more sought capabilities, naming the most wanted first', () => {
      const suggestion = suggestionFor(
        candidate(provider, org('Seeker', Active, 15), { soughtCapabilityIds: ['coaching', 'space'] }),
        small,
      )!;
      expect(suggestion.factors).toEqual({ need: 45, audiences: 0, stage: 20, fit: 10 });
      expect(suggestion.strength).toBe(75);
      expect(suggestion.capabilityIds).toEqual(['space', 'coaching']);
      expect(suggestion.explanation).toBe('Provider offers Space and Coaching, which Seeker is looking for.');
    });

    it('caps a population at 5,000 people and the audiences at 25 points', () => {
      const crowd: MatchAudience = { id: 'crowd', name: 'Crowd', priority: 1, estimatedPopulation: 80_000 };
      const vocabulary = vocabularyOf([teens, parents, crowd], [coaching]);
      const seeker = org('Seeker', Prospect, 0);
      const one = suggestionFor(
        candidate(provider, seeker, { soughtCapabilityIds: ['coaching'], seekerAudienceIds: ['crowd'] }),
        vocabulary,
      )!;
      expect(one.factors.audiences).toBe(14);
      const three = suggestionFor(
        candidate(provider, seeker, {
          soughtCapabilityIds: ['coaching'],
          seekerAudienceIds: ['crowd', 'teens', 'parents'],
        }),
        vocabulary,
      )!;
      expect(three.factors.audiences).toBe(25);
    });

    it('ranks active and exploring partners above prospects for the same need', () => {
      const seeker = org('Seeker', Active, 10);
      const fields = { soughtCapabilityIds: ['coaching'], seekerAudienceIds: ['teens'] };
      const strengths = [Active, Exploring, Paused, Prospect].map(
        (stage) => suggestionFor(candidate(org('P', stage, 10), seeker, fields), small)!.strength,
      );
      // 40 + 14 + (10 + stage) + 10 · 20 / 30: active 10, exploring 7, paused 4, prospect 2.
      expect(strengths).toEqual([81, 78, 75, 73]);
    });

    it('suggests an audience fit for a shared priority-1 audience, naming what the seeker has not got', () => {
      const seeker = org('Seeker', Active, 15);
      const suggestion = suggestionFor(
        candidate(provider, seeker, {
          newCapabilityIds: ['food', 'coaching'],
          seekerAudienceIds: ['teens', 'parents', 'kids'],
          sharedAudienceIds: ['parents', 'teens'],
        }),
        small,
      )!;
      // 15 + (10 + 4) + (6 + 1) + 20 + 10: only the audiences both serve count.
      expect(suggestion.factors).toEqual({ need: 15, audiences: 21, stage: 20, fit: 10 });
      expect(suggestion).toMatchObject({
        kind: 'audience-fit',
        strength: 66,
        capabilityIds: ['coaching', 'food'],
        audienceIds: ['teens', 'parents'],
      });
      expect(suggestion.explanation).toBe(
        'Provider offers Coaching and Food, which Seeker does not offer; both serve Teens (priority 1) and Parents (priority 2).',
      );
    });

    it('suggests nothing for a shared audience below priority 1, or with nothing new to offer', () => {
      const seeker = org('Seeker', Active, 15);
      expect(
        suggestionFor(
          candidate(provider, seeker, { newCapabilityIds: ['food'], sharedAudienceIds: ['parents', 'kids'] }),
          small,
        ),
      ).toBeNull();
      expect(
        suggestionFor(candidate(provider, seeker, { newCapabilityIds: [], sharedAudienceIds: ['teens'] }), small),
      ).toBeNull();
      expect(suggestionFor(candidate(provider, seeker, { seekerAudienceIds: ['teens'] }), small)).toBeNull();
    });

    it('suggests nothing to or from an ended organization, nor an organization to itself', () => {
      const fields = { soughtCapabilityIds: ['coaching'], sharedAudienceIds: ['teens'] };
      expect(suggestionFor(candidate(provider, org('Seeker', Ended, 15), fields), small)).toBeNull();
      expect(suggestionFor(candidate(org('Gone', Ended, 15), org('Seeker', Active, 15), fields), small)).toBeNull();
      expect(suggestionFor(candidate(provider, provider, fields), small)).toBeNull();
    });

    it('ignores capabilities and audiences no longer in the vocabularies', () => {
      const suggestion = suggestionFor(
        candidate(provider, org('Seeker', Active, 15), {
          soughtCapabilityIds: ['gone', 'coaching'],
          seekerAudienceIds: ['gone'],
        }),
        small,
      )!;
      expect(suggestion).toMatchObject({ capabilityIds: ['coaching'], audienceIds: [] });
      expect(
        suggestionFor(candidate(provider, org('Seeker', Active, 15), { soughtCapabilityIds: ['gone'] }), small),
      ).toBeNull();
    });

    it('leads with the capability filtered on, keeping the strength; a capability that is no reason filters the pair out', () => {
      const fields = {
        soughtCapabilityIds: ['coaching', 'space'],
        newCapabilityIds: ['food'],
        seekerAudienceIds: ['teens'],
      };
      const plain = suggestionFor(candidate(provider, org('Seeker', Active, 15), fields), small)!;
      const filtered = suggestionFor(candidate(provider, org('Seeker', Active, 15), fields), small, {
        capabilityId: 'coaching',
      })!;
      expect(plain.capabilityId).toBe('space');
      expect(filtered).toMatchObject({
        capabilityId: 'coaching',
        capabilityIds: ['coaching', 'space'],
        strength: plain.strength,
        id: plain.id,
      });
      expect(filtered.explanation).toMatch(/^Provider offers Coaching and Space, /);
      expect(
        suggestionFor(candidate(provider, org('Seeker', Active, 15), fields), small, { capabilityId: 'food' }),
      ).toBeNull();
    });
  });

  describe('rankSuggestions', () => {
    it('orders strongest first, a sought capability before an audience fit of equal strength, then by names', () => {
      const seekerA = org('Seeker A', Prospect, 0);
      const seekerB = org('Seeker B', Prospect, 0);
      const candidates = [
        // 15 + 14 + (10 + 2) + 10 · 9 / 30 = 44
        candidate(org('Alpha', Active, 9), seekerA, { newCapabilityIds: ['food'], sharedAudienceIds: ['teens'] }),
        // 40 + 0 + (2 + 2) + 0 = 44
        candidate(org('Zeta', Prospect, 0), seekerA, { soughtCapabilityIds: ['space'] }),
        // 40 + 0 + 4 + 0 = 44 each
        candidate(org('Beta', Prospect, 0), seekerB, { soughtCapabilityIds: ['coaching'] }),
        candidate(org('Beta', Prospect, 0), seekerA, { soughtCapabilityIds: ['coaching'] }),
        // 40 + 14 + 20 + 10 = 84
        candidate(org('Omega', Active, 15), org('Seeker C', Active, 15), {
          soughtCapabilityIds: ['space'],
          seekerAudienceIds: ['teens'],
        }),
        // nothing to suggest
        candidate(org('Nobody', Active, 15), seekerA, {}),
      ];
      const ranked = rankSuggestions(candidates, small);
      expect(ranked.map((s) => [pairOf(s), s.strength])).toEqual([
        ['Omega → Seeker C', 84],
        ['Beta → Seeker A', 44],
        ['Beta → Seeker B', 44],
        ['Zeta → Seeker A', 44],
        ['Alpha → Seeker A', 44],
      ]);
      expect(rankSuggestions([...candidates].reverse(), small)).toEqual(ranked);
    });
  });

  describe('candidateFor', () => {
    it('finds what the seeker looks for, what it has not got at all, and the audiences both serve', () => {
      const provider = {
        ...org('P', Active, 10),
        capabilityIds: ['coaching', 'space', 'food'],
        seeksCapabilityIds: [],
        audienceIds: ['teens', 'kids'],
      };
      const seeker = {
        ...org('S', Active, 10),
        capabilityIds: ['food'],
        seeksCapabilityIds: ['space'],
        audienceIds: ['parents', 'teens'],
      };
      expect(candidateFor(provider, seeker)).toEqual({
        provider: org('P', Active, 10),
        seeker: org('S', Active, 10),
        soughtCapabilityIds: ['space'],
        newCapabilityIds: ['coaching'],
        seekerAudienceIds: ['parents', 'teens'],
        sharedAudienceIds: ['teens'],
      });
    });
  });

  describe('listOf', () => {
    it('names up to three, then counts the rest', () => {
      expect(listOf([])).toBe('');
      expect(listOf(['A'])).toBe('A');
      expect(listOf(['A', 'B'])).toBe('A and B');
      expect(listOf(['A', 'B', 'C'])).toBe('A, B and C');
      expect(listOf(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
    });
  });
});
