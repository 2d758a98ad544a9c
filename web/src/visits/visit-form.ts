import type { components } from '../api/schema';
import { countProblem, countText, parseCount } from '../forms/count';
import { fromZonedInputValue, toZonedInputValue } from '../common/format';

export type Visit = components['schemas']['VisitResponseDto'];
export type CreateVisit = components['schemas']['CreateVisitDto'];
export type UpdateVisit = components['schemas']['UpdateVisitDto'];
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
/**
 * More than this at one visit is more likely a slip of the finger than a count: the person is
 * asked to confirm it (the API takes up to MAX_COUNT, for a big fair, say).
 */
export const LARGE_COUNT = 1_000;

export const COUNT_FIELDS = ['invitationsHandedOut', 'peopleReached'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/**
 * What the form holds: text as typed (counts too, so nothing typed is silently changed); `when`
 * is the value of a datetime-local input, empty for "now" when logging a visit.
 */
export interface VisitFormValues {
  organizationId: string | null;
  purpose: VisitPurpose | null;
  when: string;
  location: string;
  programId: string | null;
  staffIds: string[];
  contactIds: string[];
  invitationsHandedOut: string;
  peopleReached: string;
  /** Ticked to say that a count above LARGE_COUNT is right. */
  largeCountsConfirmed: boolean;
  notes: string;
}

/** What each field is called on the form, for messages and for a colleague's changes. */
export const VISIT_FIELD_LABELS: Record<string, string> = {
  organizationId: 'Partner',
  purpose: 'What it was for',
  when: 'When',
  visitedAt: 'When',
  location: 'Where',
  programId: 'Program',
  staffIds: 'Who went',
  contactIds: 'Who you met',
  invitationsHandedOut: 'Invitations handed out',
  peopleReached: 'People reached',
  notes: 'Notes',
};

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
    largeCountsConfirmed: false,
    notes: '',
  };
}

/** The form's values for a visit being edited: its time in the reader's zone, its counts as text. */
export function visitFormValues(visit: Visit): VisitFormValues {
  return {
    organizationId: visit.organizationId,
    purpose: visit.purpose,
    when: toLocalInputValue(new Date(visit.visitedAt)),
    location: visit.location ?? '',
    programId: visit.programId,
    staffIds: [...visit.staffIds],
    contactIds: [...visit.contactIds],
    invitationsHandedOut: countText(visit.invitationsHandedOut),
    peopleReached: countText(visit.peopleReached),
    largeCountsConfirmed: false,
    notes: visit.notes ?? '',
  };
}

/**
 * Counts above LARGE_COUNT still to be confirmed: typed here, not already saved so (`base`, when
 * editing), and the box not ticked.
 */
export function unconfirmedLargeCounts(values: VisitFormValues, base?: VisitFormValues): CountField[] {
  if (values.largeCountsConfirmed) return [];
  return COUNT_FIELDS.filter((field) => {
    if (countProblem(values[field], MAX_COUNT)) return false;
    const count = parseCount(values[field]);
    return count > LARGE_COUNT && (!base || countProblem(base[field], MAX_COUNT) || parseCount(base[field]) !== count);
  });
}

/**
 * Why the form cannot be sent yet, per field, before asking the server. `base` is the visit as it
 * was when editing (the time is then required; a large count already saved needs no confirming).
 */
export function visitFormProblems(
  values: VisitFormValues,
  base?: VisitFormValues,
): Partial<Record<keyof VisitFormValues, string>> {
  const problems: Partial<Record<keyof VisitFormValues, string>> = {};
  if (!values.organizationId) problems.organizationId = 'Choose the partner you visited';
  if (!values.purpose) problems.purpose = 'Choose what the visit was for';
  if (values.when ? Number.isNaN(fromZonedInputValue(values.when).getTime()) : base !== undefined)
    problems.when = 'Enter a date and time';
  if (values.staffIds.length === 0) problems.staffIds = 'Choose at least one person who went';
  for (const field of COUNT_FIELDS) {
    const problem = countProblem(values[field], MAX_COUNT);
    if (problem) problems[field] = problem;
  }
  for (const field of unconfirmedLargeCounts(values, base)) {
    problems[field] =
      `${parseCount(values[field]).toLocaleString('en')} is a lot for one visit. Check the number, or tick “Yes, the numbers are right” if it is.`;
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
    invitationsHandedOut: parseCount(values.invitationsHandedOut),
    peopleReached: parseCount(values.peopleReached),
  };
  if (values.when) body.visitedAt = fromZonedInputValue(values.when).toISOString();
  if (values.location.trim()) body.location = values.location.trim();
  if (values.programId) body.programId = values.programId;
  if (values.notes.trim()) body.notes = values.notes.trim();
  return body;
}

const blankToNull = (text: string) => (text.trim() ? text.trim() : null);
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((id, index) => id === [...b].sort()[index]);

/**
 * The PATCH body without its version: only what the person changed from `base` (what the form
 * started from), so saving never overwrites what a colleague changed meanwhile in another field.
 * Call only when visitFormProblems() found nothing.
 */
export function visitChanges(base: VisitFormValues, values: VisitFormValues): Omit<UpdateVisit, 'version'> {
  const changes: Omit<UpdateVisit, 'version'> = {};
  if (values.organizationId !== base.organizationId && values.organizationId)
    changes.organizationId = values.organizationId;
  if (values.purpose !== base.purpose && values.purpose) changes.purpose = values.purpose;
  if (values.when !== base.when && values.when) changes.visitedAt = fromZonedInputValue(values.when).toISOString();
  if (blankToNull(values.location) !== blankToNull(base.location)) changes.location = blankToNull(values.location);
  if (values.programId !== base.programId) changes.programId = values.programId;
  if (!sameIds(values.staffIds, base.staffIds)) changes.staffIds = values.staffIds;
  if (!sameIds(values.contactIds, base.contactIds)) changes.contactIds = values.contactIds;
  for (const field of COUNT_FIELDS) {
    if (countProblem(values[field], MAX_COUNT)) continue;
    if (countProblem(base[field], MAX_COUNT) || parseCount(values[field]) !== parseCount(base[field]))
      changes[field] = parseCount(values[field]);
  }
  if (blankToNull(values.notes) !== blankToNull(base.notes)) changes.notes = blankToNull(values.notes);
  return changes;
}

/** A date as a datetime-local input wants it: "2026-03-04T15:30", in the library's zone (common/format.ts). */
export const toLocalInputValue = toZonedInputValue;

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
