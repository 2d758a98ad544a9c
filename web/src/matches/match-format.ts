/** Words and paging for the suggested introductions. */

export const MATCHES_PAGE_SIZE = 20;

export function introductionTitle(provider: string, seeker: string): string {
  return `Introduce ${provider} to ${seeker}`;
}

/** "Strength 72 of 100". */
export function strengthText(strength: number): string {
  return `Strength ${Math.round(strength)} of 100`;
}

export interface MatchesSearch {
  page?: number;
}

/** Only a whole page number from 2 up is kept in the address (page 1 is the bare address). */
export function parseMatchesSearch(raw: Record<string, unknown>): MatchesSearch {
  const page = typeof raw.page === 'number' ? raw.page : typeof raw.page === 'string' ? Number(raw.page) : NaN;
  return Number.isInteger(page) && page >= 2 && page <= 10_000 ? { page } : {};
}

export function matchesPageCount(total: number): number {
  return Math.max(1, Math.ceil(total / MATCHES_PAGE_SIZE));
}

/** "1–20 of 45 suggestions", "No suggestions right now." */
export function matchesRangeText(total: number, page: number, shown: number): string {
  if (total === 0) return 'No suggestions right now.';
  const first = (page - 1) * MATCHES_PAGE_SIZE + 1;
  return `${first}–${first + shown - 1} of ${total} ${total === 1 ? 'suggestion' : 'suggestions'}`;
}
