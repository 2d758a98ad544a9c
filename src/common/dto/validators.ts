import { ValidateIf } from 'class-validator';

// Defined beside the environment schema, which needs it too and depends on nothing.
export { IsIanaTimeZone, isIanaTimeZone } from '../../config/time-zone.validator';

/**
 * May be left out, but not set to null (unlike @IsOptional, which lets null through to a
 * NOT NULL column).
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Trims strings; leaves anything else for the validators to refuse. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** A query parameter that may list several values (`stage=active,paused`): an array of trimmed parts. */
export const commaSeparated = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

/** Trims strings and turns "" into null, for optional free-text fields. */
export const trimToNull = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};
