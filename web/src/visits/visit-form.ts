import type { components } from '../api/schema';

export type Visit = components['schemas']['VisitResponseDto'];
export type CreateVisit = components['schemas']['CreateVisitDto'];
export type VisitPurpose = Visit['purpose'];

/** The purposes in the order the form offers them; the type check fails if the API gains one this list lacks. */
export const PURPOSES = [
  'invitations',
  'relationship',
  'program-delivery',
  'planning',
  'other',
] as const satisfies readonly VisitPurpose[];
type MissingPurpose = Exclude<VisitPurpose, (typeof PURPOSES)[number]>;
const everyPurposeListed: MissingPurpose extends never ? true : MissingPurpose = true;
void everyPurposeListed;

export const PURPOSE_LABELS: Record<VisitPurpose, string> = {
  invitations: 'Handing out invitations',
  relationship: 'Keeping in touch',
  'program-delivery': 'Running a program',
  planning: 'Planning together',
  other: 'Something else',
};

/** The largest count the API accepts (src/visit/dto/visit.dto.ts, MAX_VISIT_COUNT). */
export const MAX_COUNT = 100_000;

/** What the form holds; `when` is the value of a datetime-local input, empty for "now". */
export interface VisitFormValues {
  organizationId: string | null;
  purpose: VisitPurpose | null;
  when: string;
  location: string;
  programId: string | null;
  staffIds: string[];
  contactIds: string[];
  invitationsHandedOut: number | '';
  peopleReached: number | '';
  notes: string;
}

/** What the form remembers of the last visit someone logged on this device: ids only, no personal data. */
export interface RememberedVisit {
  organizationId: string;
  purpose: VisitPurpose;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const storageKey = (userId: string) => `tandem.last-visit.${userId}`;

/** The last visit this user logged here, or null (nothing stored, storage blocked, or a value tampered with). */
export function readRememberedVisit(
  userId: string,
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
): RememberedVisit | null {
  try {
    const raw = storage?.getItem(storageKey(userId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<RememberedVisit>;
    if (!isUuid(parsed.organizationId) || !PURPOSES.includes(parsed.purpose as VisitPurpose)) return null;
    return { organizationId: parsed.organizationId, purpose: parsed.purpose as VisitPurpose };
  } catch {
    return null;
  }
}

export function rememberVisit(
  userId: string,
  visit: RememberedVisit,
  storage: Pick<Storage, 'setItem'> | null = safeStorage(),
): void {
  try {
    storage?.setItem(
      storageKey(userId),
      JSON.stringify({ organizationId: visit.organizationId, purpose: visit.purpose }),
    );
  } catch {
    // Private browsing or a full quota: the next visit simply starts without these defaults.
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The form's starting values. The partner is the one the person came from (the page's
 * `organizationId`), else the partner of the last visit they logged; the purpose is the one they
 * used last (people log the same kind of visit in a row, e.g. invitation rounds); when is now,
 * and the staff who went is the person logging.
 */
export function initialVisitValues({
  userId,
  organizationId,
  remembered,
}: {
  userId: string;
  organizationId?: string;
  remembered: RememberedVisit | null;
}): VisitFormValues {
  return {
    organizationId: organizationId ?? remembered?.organizationId ?? null,
    purpose: remembered?.purpose ?? null,
    when: '',
    location: '',
    programId: null,
    staffIds: [userId],
    contactIds: [],
    invitationsHandedOut: '',
    peopleReached: '',
    notes: '',
  };
}

/** Why the form cannot be sent yet, per field, before asking the server. */
export function visitFormProblems(values: VisitFormValues): Partial<Record<keyof VisitFormValues, string>> {
  const problems: Partial<Record<keyof VisitFormValues, string>> = {};
  if (!values.organizationId) problems.organizationId = 'Choose the partner you visited';
  if (!values.purpose) problems.purpose = 'Choose what the visit was for';
  if (values.when && Number.isNaN(new Date(values.when).getTime())) problems.when = 'Enter a date and time';
  if (values.staffIds.length === 0) problems.staffIds = 'Choose at least one person who went';
  for (const field of ['invitationsHandedOut', 'peopleReached'] as const) {
    const count = values[field];
    if (count !== '' && (!Number.isInteger(count) || count < 0 || count > MAX_COUNT))
      problems[field] = `Enter a whole number from 0 to ${MAX_COUNT.toLocaleString('en')}`;
  }
  return problems;
}

/**
 * The POST body. An untouched time stays out, so the server stamps the moment of saving (not
 * of opening the form); blank counts are 0, as the API's own default.
 * Call only when visitFormProblems() found nothing.
 */
export function toCreateVisitBody(values: VisitFormValues): CreateVisit {
  const body: CreateVisit = {
    organizationId: values.organizationId!,
    purpose: values.purpose!,
    staffIds: values.staffIds,
    contactIds: values.contactIds,
    invitationsHandedOut: values.invitationsHandedOut === '' ? 0 : values.invitationsHandedOut,
    peopleReached: values.peopleReached === '' ? 0 : values.peopleReached,
  };
  if (values.when) body.visitedAt = new Date(values.when).toISOString();
  if (values.location.trim()) body.location = values.location.trim();
  if (values.programId) body.programId = values.programId;
  if (values.notes.trim()) body.notes = values.notes.trim();
  return body;
}

/** A date as a datetime-local input wants it: "2026-03-04T15:30", in the reader's own zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "25 invitations handed out · 12 people reached", or null when both are 0. */
export function countsSummary(visit: Pick<Visit, 'invitationsHandedOut' | 'peopleReached'>): string | null {
  const parts: string[] = [];
  if (visit.invitationsHandedOut > 0)
    parts.push(
      `${visit.invitationsHandedOut} ${visit.invitationsHandedOut === 1 ? 'invitation' : 'invitations'} handed out`,
    );
  if (visit.peopleReached > 0)
    parts.push(`${visit.peopleReached} ${visit.peopleReached === 1 ? 'person' : 'people'} reached`);
  return parts.length > 0 ? parts.join(' · ') : null;
}
