import { IsInt, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe, findUnstorableText, isStorableText, UNSTORABLE_TEXT_MESSAGE } from './validation';
import { ValidationFailedError } from '../errors/domain-error';

class Inner {
  @IsInt() count: number;
}
class Outer {
  @IsString() name: string;
  @ValidateNested() @Type(() => Inner) inner: Inner;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  async function errorsFor(body: unknown) {
    try {
      await pipe.transform(body, { type: 'body', metatype: Outer });
    } catch (error) {
      return (error as ValidationFailedError).errors;
    }
    return [];
  }

  it('names nested fields with dots and unknown fields as not allowed', async () => {
    expect(await errorsFor({ name: 3, inner: { count: 'x' }, extra: true })).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be a string' },
        { field: 'inner.count', message: 'must be an integer number' },
        { field: 'extra', message: 'is not an allowed field' },
      ]),
    );
  });

  it('passes a valid body through as a DTO instance', async () => {
    const value = await pipe.transform({ name: 'Drop-in', inner: { count: 2 } }, { type: 'body', metatype: Outer });
    expect(value).toBeInstanceOf(Outer);
  });

  it('refuses NUL and unpaired surrogates anywhere in a body or query before validating it, naming the field', async () => {
    const error = (field: string) => ({ field, message: UNSTORABLE_TEXT_MESSAGE });
    expect(await errorsFor({ name: 'a\u0000b', inner: { count: 'x' } })).toEqual([error('name')]);
    expect(await errorsFor({ name: 'ok', inner: { note: '\ud800' }, tags: ['x', '\udfff'] })).toEqual([
      error('inner.note'),
      error('tags.1'),
    ]);
    await expect(pipe.transform({ q: '\u0000' }, { type: 'query', metatype: Object })).rejects.toMatchObject({
      errors: [error('q')],
    });
    await expect(pipe.transform('\ud800x', { type: 'query', metatype: String, data: 'tag' })).rejects.toMatchObject({
      errors: [error('tag')],
    });
    // Path parameters are ids and tokens, checked by their own pipes (a malformed id is a 404).
    await expect(pipe.transform('\u0000', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('\u0000');
  });
});

describe('findUnstorableText', () => {
  it('accepts paired surrogates (emoji) and ordinary control characters', () => {
    expect(isStorableText('Teen tech night 🎮\ttabs\r\n')).toBe(true);
    expect(findUnstorableText({ a: ['🎉', { b: 'é' }], n: 3, z: null })).toEqual([]);
  });

  it('finds lone high and low surrogates and NUL at any depth, in document order', () => {
    expect(findUnstorableText({ a: 'x\ud83d', b: [{ c: '\ude00y' }], d: 'nul\u0000' }).map((e) => e.field)).toEqual([
      'a',
      'b.0.c',
      'd',
    ]);
    expect(findUnstorableText('\u0000')).toEqual([{ field: 'body', message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(findUnstorableText(deep)).toHaveLength(1);
  });
});
