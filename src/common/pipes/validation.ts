import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from '../errors/domain-error';

const MAX_REPORTED_ERRORS = 50;

/**
 * A NUL character or a UTF-16 surrogate without its pair. PostgreSQL stores neither (text:
 * 22021 "invalid byte sequence", jsonb: 22P05), and no person types them: they only arrive from
 * broken or hostile clients, e.g. the JSON escape `"\ud800"`.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE_TEXT = /[\u0000\p{Surrogate}]/u;
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Whether PostgreSQL can store this string as text. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_TEXT.test(value);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Every string in `value` — nested in arrays and objects too — that PostgreSQL cannot store, as
 * field errors named like class-validator's (`fit.notes`, `tags.2`); `root` names `value` itself
 * (`body` when empty). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: [string, unknown][] = [[root, value]];
  const child = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (pending.length > 0 && errors.length < MAX_REPORTED_ERRORS) {
    const [path, current] = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) errors.push({ field: path || 'body', message: UNSTORABLE_TEXT_MESSAGE });
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) pending.push([child(path, index), current[index]]);
    } else if (isPlainRecord(current)) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index -= 1)
        pending.push([child(path, entries[index][0]), entries[index][1]]);
    }
  }
  return errors;
}

/** Flattens class-validator's nested errors into `{ field: "a.b.0.c", message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // One message per field: the last constraint is the topmost decorator, the most basic
    // one ("must be an array" rather than "each value must match …").
    const [constraint, message] = Object.entries(error.constraints ?? {}).at(-1) ?? [];
    if (constraint && message) {
      out.push({
        field,
        message:
          constraint === 'whitelistValidation'
            ? 'is not an allowed field'
            : message.startsWith(`${error.property} `)
              ? message.slice(error.property.length + 1)
              : message,
      });
    }
    if (error.children?.length) {
      out.push(...flattenValidationErrors(error.children, field));
    }
  }
  return out.slice(0, MAX_REPORTED_ERRORS);
}

/**
 * Refuses text PostgreSQL cannot store before anything else looks at the input, in every body
 * and query string, for every route (and for the login body, which LocalAuthGuard runs through
 * this same pipe; the public forms' posts reach it in their JSON shape, see
 * PublicBodyInterceptor). Path parameters are left alone: ids are checked as UUIDs (a
 * malformed one is a 404) and tokens are only hashed, so they never reach the database. A raw
 * body (`@Body() body: unknown`) is its handler's to validate.
 */
class TandemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const raw = metadata.type === 'body' && (metadata.metatype === undefined || metadata.metatype === Object);
    if ((metadata.type === 'body' || metadata.type === 'query') && !raw) {
      const errors = findUnstorableText(value, metadata.data ?? '');
      if (errors.length > 0) throw new ValidationFailedError(errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The one global ValidationPipe: text PostgreSQL cannot store is refused first (naming the
 * field), unknown fields are errors, payloads become DTO instances.
 */
export function createValidationPipe(): ValidationPipe {
  return new TandemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
