import { validatePublicBody } from '../common/public/public-body.interceptor';
import { PublicFeedbackDto } from './dto/feedback.dto';
import { formToPublicFeedback, formValuesOf } from './public-feedback-form';

/** What the route does to a body (PublicBodyInterceptor, then the global ValidationPipe). */
const parsePublicFeedback = (body: unknown, isForm: boolean) =>
  validatePublicBody(body, isForm, formToPublicFeedback, PublicFeedbackDto);

describe('formToPublicFeedback', () => {
  it('maps the flat form fields onto the JSON shape, radio values to numbers', () => {
    const { input, unknownFields } = formToPublicFeedback({
      rating: '4',
      outcomeKnowledge: '5',
      outcomeConfidence: '',
      outcomeApplication: ' 2 ',
      outcomeAwareness: '1',
      worked: 'Games',
      didntWork: '',
      suggestions: 'More',
    });
    expect(unknownFields).toEqual([]);
    expect(input).toEqual({
      rating: 4,
      outcomes: { knowledge: 5, application: 2, awareness: 1 },
      worked: 'Games',
      didntWork: '',
      suggestions: 'More',
    });
  });

  it('takes a filled honeypot and the key of this filling-in, and leaves out empty ones', () => {
    expect(formToPublicFeedback({ rating: '3', website: '', submissionKey: '' })).toEqual({
      input: { rating: 3 },
      unknownFields: [],
    });
    expect(formToPublicFeedback({ rating: '3', website: 'http://x.test', submissionKey: 'abcd1234' }).input).toEqual({
      rating: 3,
      website: 'http://x.test',
      submissionKey: 'abcd1234',
    });
  });

  it("takes the page's language, and leaves out an empty one", () => {
    expect(formToPublicFeedback({ rating: '5', language: 'es' })).toEqual({
      input: { rating: 5, language: 'es' },
      unknownFields: [],
    });
    expect(formToPublicFeedback({ rating: '5', language: '' }).input).toEqual({ rating: 5 });
  });

  it('leaves out outcomes nobody picked', () => {
    expect(formToPublicFeedback({ rating: '3', outcomeKnowledge: '' }).input).toEqual({ rating: 3 });
  });

  it('keeps values that are not small whole numbers for the validator to refuse', () => {
    expect(formToPublicFeedback({ rating: 'great', outcomeKnowledge: '1e1' }).input).toEqual({
      rating: 'great',
      outcomes: { knowledge: '1e1' },
    });
    expect(formToPublicFeedback({ rating: ['4', '5'] }).input).toEqual({ rating: ['4', '5'] });
  });

  it('reports fields the form does not have and copies none of them', () => {
    const form = Object.assign(Object.create(null) as Record<string, unknown>, { rating: '4', email: 'a@b.c' });
    Object.defineProperty(form, '__proto__', { value: 'polluted', enumerable: true });
    const { input, unknownFields } = formToPublicFeedback(form);
    expect(unknownFields.sort()).toEqual(['__proto__', 'email']);
    expect(Object.keys(input)).toEqual(['rating']);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
  });
});

describe('formValuesOf', () => {
  it('reads the answers as the form names them from a form post or a JSON body', () => {
    expect(formValuesOf({ rating: '4', outcomeAwareness: '2', worked: 'x', email: 'no' }, true)).toEqual({
      rating: '4',
      outcomeAwareness: '2',
      worked: 'x',
    });
    expect(formValuesOf({ rating: 4, outcomes: { knowledge: 5 }, suggestions: 's' }, false)).toEqual({
      rating: '4',
      outcomeKnowledge: '5',
      suggestions: 's',
    });
    expect(formValuesOf('nope', false)).toEqual({});
  });

  it("keeps the page's language for the form shown again", () => {
    expect(formValuesOf({ rating: '2', language: 'es', website: 'x' }, true)).toEqual({ rating: '2', language: 'es' });
  });
});

describe('a public feedback body, as its route validates it', () => {
  it('validates a form post into the DTO', async () => {
    const parsed = await parsePublicFeedback(
      { rating: '5', outcomeConfidence: '4', worked: '  fun  ', didntWork: '' },
      true,
    );
    expect('dto' in parsed && parsed.dto).toMatchObject({
      rating: 5,
      outcomes: { confidence: 4 },
      worked: 'fun',
      didntWork: null,
    });
  });

  it('validates the language as a short string (whether the library offers it is for the service)', async () => {
    const parsed = await parsePublicFeedback({ rating: '5', language: 'es' }, true);
    expect('dto' in parsed && parsed.dto).toMatchObject({ rating: 5, language: 'es' });
    const long = await parsePublicFeedback({ rating: '5', language: 'x'.repeat(500) }, true);
    expect('errors' in long && long.errors.map((e) => e.field)).toEqual(['language']);
    const wrongType = await parsePublicFeedback({ rating: 5, language: 7 }, false);
    expect('errors' in wrongType && wrongType.errors.map((e) => e.field)).toEqual(['language']);
  });

  it('refuses a missing rating and out-of-range outcomes, naming the fields', async () => {
    const parsed = await parsePublicFeedback({ outcomeKnowledge: '9' }, true);
    expect('errors' in parsed && parsed.errors.map((e) => e.field)).toEqual(['rating', 'outcomes.knowledge']);
  });

  it('refuses unknown JSON fields like the global pipe does', async () => {
    const parsed = await parsePublicFeedback({ rating: 4, email: 'kid@example.org' }, false);
    expect('errors' in parsed && parsed.errors).toEqual([{ field: 'email', message: 'is not an allowed field' }]);
  });

  it('refuses strings for numbers in JSON (only the form converts)', async () => {
    const parsed = await parsePublicFeedback({ rating: '4' }, false);
    expect('errors' in parsed && parsed.errors.map((e) => e.field)).toEqual(['rating']);
  });

  it.each([null, undefined, 'text', [1, 2], 42])('refuses a body that is not an object (%j)', async (body) => {
    const parsed = await parsePublicFeedback(body, false);
    expect('errors' in parsed && parsed.errors[0].field).toBe('body');
  });
});
