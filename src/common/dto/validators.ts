import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/** True for an IANA time zone name this runtime knows (e.g. "America/Los_Angeles"). */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an IANA time zone such as America/Los_Angeles', ...options },
      validator: { validate: isIanaTimeZone },
    });
}

/**
 * May be left out, but not set to null (unlike @IsOptional, which lets null through to a
 * NOT NULL column).
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Trims strings; leaves anything else for the validators to refuse. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Trims strings and turns "" into null, for optional free-text fields. */
export const trimToNull = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};
