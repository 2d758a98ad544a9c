import { IsInt, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe } from './validation';
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
});
