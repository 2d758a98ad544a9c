import { submissionFingerprint } from '../common/rate-limit/recent-submissions';
import type { PublicFeedbackDto } from './dto/feedback.dto';
import { feedbackContent, senderOf } from './public-feedback-intake';

const dto = (fields: Partial<PublicFeedbackDto>): PublicFeedbackDto => ({ rating: 4, ...fields });

describe('the duplicate guard of public feedback', () => {
  it('judges a post by its answers, not by the honeypot or its key', () => {
    const answers = { rating: 4, outcomes: { knowledge: 3 }, worked: 'games' };
    expect(feedbackContent(dto({ ...answers, submissionKey: 'key-one-1', website: '' }))).toEqual(
      feedbackContent(dto(answers)),
    );
    expect(feedbackContent(dto({ rating: 4 }))).toEqual({
      rating: 4,
      outcomes: null,
      worked: null,
      didntWork: null,
      suggestions: null,
      language: null,
    });
  });

  it('tells the same answers in two languages apart, whatever case the tag came in', () => {
    expect(feedbackContent(dto({ language: 'ES' }))).toEqual(feedbackContent(dto({ language: 'es' })));
    expect(feedbackContent(dto({ language: 'es' }))).not.toEqual(feedbackContent(dto({ language: 'en' })));
  });

  it('takes the form’s key as the sender when there is one, else the hashed address', () => {
    expect(senderOf(dto({ submissionKey: 'phone-one-key' }), '10.0.0.1')).toBe('key:phone-one-key');
    const byAddress = senderOf(dto({}), '10.0.0.1');
    expect(byAddress).toMatch(/^ip:[0-9a-f]{32}$/);
    expect(byAddress).not.toContain('10.0.0.1');
    expect(senderOf(dto({}), '10.0.0.2')).not.toBe(byAddress);
  });

  it('tells two phones in one room with the same answers apart, and a double tap not', () => {
    const print = (key: string) =>
      submissionFingerprint('link', senderOf(dto({ submissionKey: key }), '10.0.0.1'), feedbackContent(dto({})));
    expect(print('phone-one-key')).toBe(print('phone-one-key'));
    expect(print('phone-one-key')).not.toBe(print('phone-two-key'));
  });
});
