import { isISO8601, registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@tandem/shared';

/** A calendar date, "2026-03-04". */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An instant with an explicit offset, "2026-03-04T10:30:00Z" or "…T10:30+01:00" (no server-local guessing). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for an ISO 8601 date-time with a Z or ±hh:mm offset that names a real instant. */
export function isIsoDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 40 &&
    DATE_TIME.test(value) &&
    isISO8601(value, { strict: true }) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** True for an ISO 8601 calendar date ("2026-03-04") or a date-time with an offset. */
export function isIsoDateOrDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (DATE.test(value)) return isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value));
  return isIsoDateTime(value);
}

/** True when the string is a date without a time ("2026-03-04"). */
export function isDateOnly(value: string): boolean {
  return DATE.test(value);
}

export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an ISO 8601 date-time with an offset, such as 2026-03-04T10:30:00Z', ...options },
      validator: { validate: isIsoDateTime },
    });
}

export function IsIsoDateOrDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDateOrDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'must be an ISO 8601 date (2026-03-04) or date-time with an offset (2026-03-04T10:30:00Z)',
        ...options,
      },
      validator: { validate: isIsoDateOrDateTime },
    });
}

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a calendar date written YYYY-MM-DD, such as 2026-07-01', ...options },
      validator: { validate: isIsoDate },
    });
}
