/** Words and paging for the suggested introductions. */

import { displayZone } from '../common/format';

export const MATCHES_PAGE_SIZE = 20;

export function introductionTitle(provider: string, seeker: string): string {
  return `Introduce ${provider} to ${seeker}`;
}

/** "Strength 72 of 100". */
export function strengthText(strength: number): string {
  return `Strength ${Math.round(strength)} of 100`;
}

export const MATCH_STATUSES = ['open', 'introduced', 'dismissed'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const STATUS_LABELS: Record<MatchStatus, string> = {
  open: 'Open',
  introduced: 'Introduced',
  dismissed: 'Dismissed',
};

export interface MatchesSearch {
  page?: number;
  /** Introduced or dismissed; open is the bare address. */
  status?: Exclude<MatchStatus, 'open'>;
  /** Open list: also the weak suggestions and those past the cap per partner. */
  all?: true;
}

/**
 * Only a whole page number from 2 up is kept in the address (page 1 is the bare address), a
 * status other than open, and `all` on the open list; anything else is dropped.
 */
export function parseMatchesSearch(raw: Record<string, unknown>): MatchesSearch {
  const page = typeof raw.page === 'number' ? raw.page : typeof raw.page === 'string' ? Number(raw.page) : NaN;
  const search: MatchesSearch = Number.isInteger(page) && page >= 2 && page <= 10_000 ? { page } : {};
  if (raw.status === 'introduced' || raw.status === 'dismissed') search.status = raw.status;
  else if (raw.all === true || raw.all === 'true') search.all = true;
  return search;
}

/** "Introduced on Dec 7, 2026", "Dismissed on …" in the library's calendar (common/format.ts). */
export function decidedText(status: MatchStatus, decidedAt: string | null | undefined): string | null {
  if (status === 'open' || !decidedAt) return null;
  const date = new Date(decidedAt).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: displayZone(),
  });
  return `${STATUS_LABELS[status]} on ${date}`;
}

export function matchesPageCount(total: number): number {
  return Math.max(1, Math.ceil(total / MATCHES_PAGE_SIZE));
}

/** "1–20 of 45 suggestions", "No suggestions right now." (and the introduced / dismissed lists' own words) */
export function matchesRangeText(total: number, page: number, shown: number, status: MatchStatus = 'open'): string {
  if (total === 0)
    return status === 'open'
      ? 'No suggestions right now.'
      : status === 'introduced'
        ? 'No introductions recorded yet.'
        : 'No dismissed suggestions.';
  const first = (page - 1) * MATCHES_PAGE_SIZE + 1;
  const noun =
    status === 'open'
      ? total === 1
        ? 'suggestion'
        : 'suggestions'
      : status === 'introduced'
        ? total === 1
          ? 'introduction'
          : 'introductions'
        : total === 1
          ? 'dismissed suggestion'
          : 'dismissed suggestions';
  return `${first}–${first + shown - 1} of ${total} ${noun}`;
}

/** The introduction dialog's note: at most 2000 characters (the server's limit). */
export const INTRODUCTION_NOTE_MAX = 2000;

export function introductionNoteError(note: string): string | null {
  return note.trim().length > INTRODUCTION_NOTE_MAX
    ? `Keep the note to ${INTRODUCTION_NOTE_MAX} characters (it has ${note.trim().length})`
    : null;
}
