import { registerDecorator, ValidationOptions } from 'class-validator';

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
