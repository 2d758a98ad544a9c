import type { components } from '../api/schema';
import type { CreateOrganization, Organization, Stage } from '../api/types';

export type UpdateOrganization = components['schemas']['UpdateOrganizationDto'];

/** The three criteria for choosing a partner, asked as the seed asks them, each 0–5. */
export const FIT_CRITERIA = [
  {
    key: 'audienceReach',
    label: 'Audience reach',
    question: 'Are they reaching an audience we want to serve?',
  },
  {
    key: 'missionOverlap',
    label: 'Mission overlap',
    question: 'Does their mission overlap with ours (and our work plan)?',
  },
  {
    key: 'complementaryResources',
    label: 'Complementary skills & resources',
    question: 'Do they have skills or resources we don’t have?',
  },
] as const;

export type FitCriterion = (typeof FIT_CRITERIA)[number]['key'];

/** A partner as its form holds it: text as typed (blank for none), the fit as whole numbers. */
export interface OrganizationFormValues {
  name: string;
  type: string;
  stage: Stage;
  website: string;
  email: string;
  phone: string;
  address: string;
  mission: string;
  notes: string;
  ownerId: string | null;
  audienceIds: string[];
  capabilityIds: string[];
  seeksCapabilityIds: string[];
  tags: string[];
  fit: Record<FitCriterion, number> & { notes: string };
}

/** What each field is called on the form, for messages and for a colleague's changes. */
export const ORGANIZATION_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  type: 'Type',
  stage: 'Stage',
  website: 'Website',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  mission: 'Mission',
  notes: 'Notes',
  ownerId: 'Looked after by',
  audienceIds: 'Audiences they serve',
  capabilityIds: 'Skills & resources they offer',
  seeksCapabilityIds: 'Skills & resources they look for',
  tags: 'Tags',
  'fit.audienceReach': 'Audience reach',
  'fit.missionOverlap': 'Mission overlap',
  'fit.complementaryResources': 'Complementary skills & resources',
  'fit.notes': 'Notes on fit',
};

/** The form's values for a partner, or for a new one looked after by `ownerId`. */
export function organizationFormValues(org?: Organization, ownerId: string | null = null): OrganizationFormValues {
  return {
    name: org?.name ?? '',
    type: org?.type ?? '',
    stage: org?.stage ?? 'prospect',
    website: org?.website ?? '',
    email: org?.email ?? '',
    phone: org?.phone ?? '',
    address: org?.address ?? '',
    mission: org?.mission ?? '',
    notes: org?.notes ?? '',
    ownerId: org ? org.ownerId : ownerId,
    audienceIds: [...(org?.audienceIds ?? [])],
    capabilityIds: [...(org?.capabilityIds ?? [])],
    seeksCapabilityIds: [...(org?.seeksCapabilityIds ?? [])],
    tags: [...(org?.tags ?? [])],
    fit: {
      audienceReach: org?.fit.audienceReach ?? 0,
      missionOverlap: org?.fit.missionOverlap ?? 0,
      complementaryResources: org?.fit.complementaryResources ?? 0,
      notes: org?.fit.notes ?? '',
    },
  };
}

const TEXT_FIELDS = ['type', 'website', 'email', 'phone', 'address', 'mission', 'notes'] as const;
const LIST_FIELDS = ['audienceIds', 'capabilityIds', 'seeksCapabilityIds', 'tags'] as const;
const blankToNull = (value: string) => (value.trim() ? value.trim() : null);
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** The body that adds a new partner. */
export function createOrganizationBody(values: OrganizationFormValues): CreateOrganization {
  return {
    name: values.name.trim(),
    stage: values.stage,
    ownerId: values.ownerId,
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, blankToNull(values[field])])),
    audienceIds: values.audienceIds,
    capabilityIds: values.capabilityIds,
    seeksCapabilityIds: values.seeksCapabilityIds,
    tags: values.tags,
    fit: { ...values.fit, notes: blankToNull(values.fit.notes) },
  };
}

/**
 * Only what the person changed from `base` (what the form started from), so saving never
 * overwrites a field a colleague changed meanwhile that this person did not touch. The stage is
 * changed on its own (with a reason), not here.
 */
export function organizationChanges(
  base: OrganizationFormValues,
  values: OrganizationFormValues,
): Omit<UpdateOrganization, 'version'> {
  const changes: Omit<UpdateOrganization, 'version'> = {};
  if (values.name.trim() !== base.name.trim()) changes.name = values.name.trim();
  for (const field of TEXT_FIELDS) {
    if (blankToNull(values[field]) !== blankToNull(base[field])) changes[field] = blankToNull(values[field]);
  }
  if (values.ownerId !== base.ownerId) changes.ownerId = values.ownerId;
  for (const field of LIST_FIELDS) {
    if (!sameList(values[field], base[field])) changes[field] = values[field];
  }
  const fit: NonNullable<UpdateOrganization['fit']> = {};
  for (const { key } of FIT_CRITERIA) if (values.fit[key] !== base.fit[key]) fit[key] = values.fit[key];
  if (blankToNull(values.fit.notes) !== blankToNull(base.fit.notes)) fit.notes = blankToNull(values.fit.notes);
  if (Object.keys(fit).length > 0) changes.fit = fit;
  return changes;
}

/** Checks made before sending; the server checks again. */
export function validateOrganizationForm(values: OrganizationFormValues): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter the partner’s name';
  if (values.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
    errors.email = 'Enter an email address like name@example.org';
  for (const { key } of FIT_CRITERIA) {
    const score = values.fit[key];
    if (!Number.isInteger(score) || score < 0 || score > 5) errors[`fit.${key}`] = 'Pick a score from 0 to 5';
  }
  return errors;
}
