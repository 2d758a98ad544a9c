import { CHECK_IN_AREAS } from '../partnership/health-rules';
import {
  areaResults,
  areaScores,
  CHECK_IN_STATEMENT_IDS,
  CHECK_IN_STATEMENTS,
  CheckInAnswers,
  classifyAverage,
  concernAreas,
  overallAverage,
  statementResults,
  validateAnswers,
} from './check-in-survey';

/** The library owner's answers: resources.coordination skipped. */
const OWNER: CheckInAnswers = {
  'environment.backing': 4,
  'environment.fit': 5,
  'membership.trust': 5,
  'membership.worthwhile': 4,
  'processAndStructure.roles': 3,
  'processAndStructure.adapting': 3,
  'communication.heard': 2,
  'communication.informed': 3,
  'purpose.shared': 5,
  'purpose.progress': 4,
  'resources.capacity': 2,
};
/** The partner's answers: everything answered. */
const PARTNER: CheckInAnswers = {
  'environment.backing': 4,
  'environment.fit': 4,
  'membership.trust': 4,
  'membership.worthwhile': 5,
  'processAndStructure.roles': 4,
  'processAndStructure.adapting': 2,
  'communication.heard': 2,
  'communication.informed': 3,
  'purpose.shared': 5,
  'purpose.progress': 5,
  'resources.capacity': 3,
  'resources.coordination': 2,
};

describe('the check-in survey', () => {
  it('has twelve statements, two per area, with stable unique ids named after their area', () => {
    expect(CHECK_IN_STATEMENTS).toHaveLength(12);
    expect(new Set(CHECK_IN_STATEMENT_IDS).size).toBe(12);
    for (const area of CHECK_IN_AREAS) {
      const ofArea = CHECK_IN_STATEMENTS.filter((statement) => statement.area === area);
      expect(ofArea).toHaveLength(2);
      for (const statement of ofArea) expect(statement.id).toMatch(new RegExp(`^${area}\\.[a-z]+$`));
    }
    expect(CHECK_IN_STATEMENT_IDS).toContain('communication.heard');
  });

  describe(areaResults.name, () => {
    it('averages every answer of every respondent per area, half up to one decimal, and classifies it', () => {
      expect(
        areaResults([OWNER, PARTNER]).map(({ area, average, classification, answers }) => ({
          area,
          average,
          classification,
          answers,
        })),
      ).toEqual([
        { area: 'environment', average: 4.3, classification: 'strength', answers: 4 }, // (4+5+4+4)/4 = 4.25 → 4.3
        { area: 'membership', average: 4.5, classification: 'strength', answers: 4 }, // 18/4
        { area: 'processAndStructure', average: 3, classification: 'borderline', answers: 4 }, // (3+3+4+2)/4
        { area: 'communication', average: 2.5, classification: 'concern', answers: 4 }, // (2+3+2+3)/4
        { area: 'purpose', average: 4.8, classification: 'strength', answers: 4 }, // 19/4 = 4.75 → 4.8
        { area: 'resources', average: 2.3, classification: 'concern', answers: 3 }, // (2+3+2)/3 = 2.33
      ]);
    });

    it('weights each answer once, not each respondent: 1 from one side and 4, 4 from the other is 3.0, not 2.5', () => {
      const [resources] = areaResults([
        { 'resources.capacity': 1 },
        { 'resources.capacity': 4, 'resources.coordination': 4 },
      ]).filter((a) => a.area === 'resources');
      expect(resources).toMatchObject({ average: 3, classification: 'borderline', answers: 3 });
    });

    it('leaves an area nobody answered as null, and ignores unanswered responses and values outside the scale', () => {
      const results = areaResults([
        { 'purpose.shared': 2 },
        null,
        { 'purpose.progress': 3, 'membership.trust': 9, 'nonsense.id': 5 },
      ]);
      expect(results.find((a) => a.area === 'purpose')).toMatchObject({
        average: 2.5,
        classification: 'concern',
        answers: 2,
      });
      expect(results.find((a) => a.area === 'membership')).toMatchObject({
        average: null,
        classification: null,
        answers: 0,
      });
      expect(areaResults([])).toEqual(
        CHECK_IN_AREAS.map((area) =>
          expect.objectContaining({ area, average: null, classification: null, answers: 0 }),
        ),
      );
    });

    it('labels the areas as the health score does', () => {
      expect(areaResults([]).map((a) => a.label)).toEqual([
        'environment',
        'membership',
        'process and structure',
        'communication',
        'purpose',
        'resources',
      ]);
    });
  });

  it('stores the same averages as area_scores', () => {
    expect(areaScores([OWNER, PARTNER])).toEqual({
      environment: 4.3,
      membership: 4.5,
      processAndStructure: 3,
      communication: 2.5,
      purpose: 4.8,
      resources: 2.3,
    });
    expect(areaScores([{ 'communication.heard': 1 }])).toEqual({
      environment: null,
      membership: null,
      processAndStructure: null,
      communication: 1,
      purpose: null,
      resources: null,
    });
  });

  describe(overallAverage.name, () => {
    it('is the mean of the area averages, each area counting once', () => {
      // (4.3 + 4.5 + 3.0 + 2.5 + 4.8 + 2.3) / 6 = 21.4 / 6 = 3.566… → 3.6
      expect(overallAverage(areaResults([OWNER, PARTNER]))).toBe(3.6);
      // Only two areas answered: (5 + 2) / 2 = 3.5.
      expect(overallAverage(areaResults([{ 'purpose.shared': 5, 'resources.capacity': 2 }]))).toBe(3.5);
      expect(overallAverage(areaResults([]))).toBeNull();
    });
  });

  describe(statementResults.name, () => {
    it('averages each statement over the respondents who answered it, in survey order', () => {
      const results = statementResults([OWNER, PARTNER]);
      expect(results.map((s) => s.id)).toEqual(CHECK_IN_STATEMENT_IDS);
      expect(results.find((s) => s.id === 'processAndStructure.adapting')).toMatchObject({ average: 2.5, answers: 2 });
      expect(results.find((s) => s.id === 'environment.fit')).toMatchObject({ average: 4.5, answers: 2 });
      expect(results.find((s) => s.id === 'resources.coordination')).toMatchObject({ average: 2, answers: 1 });
      expect(
        statementResults([{ 'purpose.shared': 3 }, { 'purpose.shared': 4 }, { 'purpose.shared': 4 }]).find(
          (s) => s.id === 'purpose.shared',
        ),
      ).toMatchObject({
        average: 3.7, // 11/3 = 3.666…
        answers: 3,
      });
    });
  });

  describe(classifyAverage.name, () => {
    it('is strength from 4, borderline from 3 to 3.9, concern below 3, null without answers', () => {
      expect([5, 4, 3.9, 3.5, 3, 2.9, 1].map(classifyAverage)).toEqual([
        'strength',
        'strength',
        'borderline',
        'borderline',
        'borderline',
        'concern',
        'concern',
      ]);
      expect(classifyAverage(null)).toBeNull();
    });

    it('classifies the average as shown: 2.96 is shown as 3.0 and is borderline', () => {
      // One 2 and twenty-four 3s: (2 + 24 × 3) / 25 = 74 / 25 = 2.96.
      const answers = Array.from({ length: 25 }, (_, i) => ({ 'communication.heard': i === 0 ? 2 : 3 }));
      const [communication] = areaResults(answers).filter((a) => a.area === 'communication');
      expect(communication).toMatchObject({ average: 3, classification: 'borderline', answers: 25 });
    });
  });

  it('picks out the concerns in survey order', () => {
    expect(concernAreas(areaResults([OWNER, PARTNER])).map((a) => a.area)).toEqual(['communication', 'resources']);
    expect(concernAreas(areaResults([{ 'purpose.shared': 5 }]))).toEqual([]);
  });

  describe(validateAnswers.name, () => {
    it('keeps answers 1–5, drops null (not sure), and orders them as the survey does', () => {
      expect(validateAnswers({ 'resources.capacity': 1, 'communication.heard': 5, 'purpose.shared': null })).toEqual({
        answers: { 'communication.heard': 5, 'resources.capacity': 1 },
      });
    });

    it('refuses values outside the scale, fractions, strings, booleans and nested values, naming each statement', () => {
      const result = validateAnswers({
        'environment.backing': 0,
        'environment.fit': 6,
        'membership.trust': 'x',
        'membership.worthwhile': 3.5,
        'purpose.shared': '4',
        'purpose.progress': true,
        'resources.capacity': [3],
        'resources.coordination': { value: 3 },
        'communication.heard': 4,
      });
      expect('errors' in result && result.errors.map((e) => e.field)).toEqual([
        'answers.environment.backing',
        'answers.environment.fit',
        'answers.membership.trust',
        'answers.membership.worthwhile',
        'answers.purpose.shared',
        'answers.purpose.progress',
        'answers.resources.capacity',
        'answers.resources.coordination',
      ]);
    });

    it('refuses statement ids the survey does not have', () => {
      expect(validateAnswers({ 'communication.heard': 4, 'communication.loud': 3, __proto__x: 1 })).toEqual({
        errors: [
          { field: 'answers.communication.loud', message: 'is not a statement of this survey' },
          { field: 'answers.__proto__x', message: 'is not a statement of this survey' },
        ],
      });
    });

    it('needs at least one answer, and an object', () => {
      expect(validateAnswers({})).toEqual({
        errors: [{ field: 'answers', message: 'must answer at least one statement' }],
      });
      expect(validateAnswers({ 'purpose.shared': null })).toEqual({
        errors: [{ field: 'answers', message: 'must answer at least one statement' }],
      });
      for (const input of [null, undefined, 4, 'x', [4], [{ 'purpose.shared': 4 }]]) {
        expect(validateAnswers(input)).toEqual({
          errors: [{ field: 'answers', message: 'must be an object of statement id → 1–5' }],
        });
      }
    });

    it('reports at most 20 problems, each field name cut short', () => {
      const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${'x'.repeat(100)}${i}`, 1]));
      const result = validateAnswers(many);
      expect('errors' in result && result.errors).toHaveLength(20);
      expect('errors' in result && result.errors[0].field.length).toBeLessThanOrEqual('answers.'.length + 60);
    });
  });
});
