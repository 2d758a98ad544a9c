import type { FieldError } from '../../common/errors/domain-error';
import { Role } from '../../auth/role.enum';

/** The roles an admin can require two-factor sign-in for (`/api/v1/settings/security`). */
export const MFA_REQUIRABLE_ROLES = [Role.Admin, Role.Manager] as const;
export type MfaRequirableRole = (typeof MFA_REQUIRABLE_ROLES)[number];

/**
 * Security settings an admin changes at run time. `requireMfaFor`: roles whose members must
 * have two-factor on; one without it is taken to setup and may use nothing else meanwhile.
 */
export interface SecuritySettings {
  requireMfaFor: MfaRequirableRole[];
}

/** Nobody is required to use two-factor until an admin says so (every account may turn it on). */
export const DEFAULT_SECURITY_SETTINGS: Readonly<SecuritySettings> = Object.freeze({ requireMfaFor: [] });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** In the order of MFA_REQUIRABLE_ROLES without duplicates, so equal settings compare (and audit) equal. */
export function canonicalRoles(roles: readonly string[]): MfaRequirableRole[] {
  return MFA_REQUIRABLE_ROLES.filter((role) => roles.includes(role));
}

export function validateSecuritySettings(value: unknown): FieldError[] {
  if (!isRecord(value)) return [{ field: 'settings', message: 'must be an object with requireMfaFor' }];
  const errors: FieldError[] = [];
  const roles = value.requireMfaFor;
  if (!Array.isArray(roles) || roles.some((role) => !(MFA_REQUIRABLE_ROLES as readonly unknown[]).includes(role))) {
    errors.push({ field: 'requireMfaFor', message: `must be a list of ${MFA_REQUIRABLE_ROLES.join(' and ')}` });
  }
  for (const key of Object.keys(value)) {
    if (key !== 'requireMfaFor') errors.push({ field: key, message: 'is not a security setting' });
  }
  return errors;
}

/** Stored settings over the defaults; null when they no longer validate. */
export function securitySettingsFromStored(value: unknown): SecuritySettings | null {
  const merged = { ...DEFAULT_SECURITY_SETTINGS, ...(isRecord(value) ? value : {}) };
  if (validateSecuritySettings(merged).length > 0) return null;
  return { requireMfaFor: canonicalRoles(merged.requireMfaFor) };
}

/** Whether someone of this role must have two-factor on under these settings. */
export function mfaRequiredFor(settings: SecuritySettings, role: Role): boolean {
  return (settings.requireMfaFor as readonly Role[]).includes(role);
}
