import { validatePublicBody } from '../common/public/public-body.interceptor';
import type { FieldError } from '../common/errors/domain-error';
import { CheckInAnswers, validateAnswers } from './check-in-survey';
import { SubmitCheckInAnswersDto } from './dto/check-in.dto';
import { CheckInFormValues, checkInFormValuesOf, formToCheckInAnswers } from './public-check-in-form';

/**
 * What POST /api/v1/public/check-ins/{token} does to a body: PublicBodyInterceptor and the global
 * ValidationPipe against SubmitCheckInAnswersDto, then the survey's own rule (validateAnswers).
 */
async function parseCheckInSubmission(
  body: unknown,
  isForm: boolean,
): Promise<
  | { answers: CheckInAnswers; comment: string | null; values: CheckInFormValues }
  | { errors: FieldError[]; values: CheckInFormValues }
> {
  const values = checkInFormValuesOf(body, isForm);
  const result = await validatePublicBody(body, isForm, formToCheckInAnswers, SubmitCheckInAnswersDto);
  if ('errors' in result) return { errors: result.errors, values };
  const checked = validateAnswers(result.dto.answers);
  if ('errors' in checked) return { errors: checked.errors, values };
  return { answers: checked.answers, comment: result.dto.comment ?? null, values };
}

const fields = (result: Awaited<ReturnType<typeof parseCheckInSubmission>>) =>
  'errors' in result ? result.errors.map((e) => e.field) : [];

describe('a public check-in body, as its route validates it', () => {
  describe('JSON', () => {
    it('takes answers and a trimmed comment', async () => {
      const result = await parseCheckInSubmission(
        { answers: { 'purpose.shared': 4, 'communication.heard': null }, comment: '  More notice, please.  ' },
        false,
      );
      expect(result).toMatchObject({ answers: { 'purpose.shared': 4 }, comment: 'More notice, please.' });
    });

    it('treats a blank comment as none', async () => {
      expect(await parseCheckInSubmission({ answers: { 'purpose.shared': 4 }, comment: '   ' }, false)).toMatchObject({
        comment: null,
      });
      expect(await parseCheckInSubmission({ answers: { 'purpose.shared': 4 } }, false)).toMatchObject({
        comment: null,
      });
    });

    it('refuses unknown fields, a missing or non-object answers, a non-string or huge comment', async () => {
      expect(fields(await parseCheckInSubmission({ answers: { 'purpose.shared': 4 }, rating: 5 }, false))).toEqual([
        'rating',
      ]);
      expect(fields(await parseCheckInSubmission({ comment: 'hi' }, false))).toEqual(['answers']);
      expect(fields(await parseCheckInSubmission({ answers: [4] }, false))).toEqual(['answers']);
      expect(fields(await parseCheckInSubmission({ answers: { 'purpose.shared': 4 }, comment: 7 }, false))).toEqual([
        'comment',
      ]);
      expect(
        fields(await parseCheckInSubmission({ answers: { 'purpose.shared': 4 }, comment: 'x'.repeat(2001) }, false)),
      ).toEqual(['comment']);
      expect(
        await parseCheckInSubmission({ answers: { 'purpose.shared': 4 }, comment: 'x'.repeat(2000) }, false),
      ).toMatchObject({ comment: 'x'.repeat(2000) });
    });

    it('refuses bad answers with the statement named', async () => {
      expect(fields(await parseCheckInSubmission({ answers: { 'purpose.shared': 6, 'made.up': 3 } }, false))).toEqual([
        'answers.purpose.shared',
        'answers.made.up',
      ]);
    });

    it('refuses a body that is not an object', async () => {
      for (const body of [null, 'answers', [1, 2], 5])
        expect(fields(await parseCheckInSubmission(body, false))).toEqual(['body']);
    });
  });

  describe('form posts', () => {
    it('maps one field per statement ("" is not sure) and the comment', async () => {
      const result = await parseCheckInSubmission(
        { 'purpose.shared': '5', 'communication.heard': '', 'resources.capacity': ' 2 ', comment: 'Thanks' },
        true,
      );
      expect(result).toMatchObject({ answers: { 'purpose.shared': 5, 'resources.capacity': 2 }, comment: 'Thanks' });
    });

    it('keeps what was sent for showing the form again', async () => {
      const result = await parseCheckInSubmission(
        { 'purpose.shared': '9', 'communication.heard': '', comment: 'Hi' },
        true,
      );
      expect(fields(result)).toEqual(['answers.purpose.shared']);
      expect(result.values).toEqual({ 'purpose.shared': '9', 'communication.heard': '', comment: 'Hi' });
    });

    it('refuses fields the form does not have, a repeated field, words and everything not sure', async () => {
      expect(
        fields(await parseCheckInSubmission({ 'purpose.shared': '4', rating: '5', __proto__: 'x' }, true)),
      ).toContain('rating');
      expect(fields(await parseCheckInSubmission({ 'purpose.shared': ['4', '5'] }, true))).toEqual([
        'answers.purpose.shared',
      ]);
      expect(fields(await parseCheckInSubmission({ 'purpose.shared': 'four' }, true))).toEqual([
        'answers.purpose.shared',
      ]);
      expect(fields(await parseCheckInSubmission({ 'purpose.shared': '0' }, true))).toEqual(['answers.purpose.shared']);
      expect(fields(await parseCheckInSubmission({ 'purpose.shared': '', 'purpose.progress': '' }, true))).toEqual([
        'answers',
      ]);
      expect(fields(await parseCheckInSubmission({}, true))).toEqual(['answers']);
    });
  });
});
