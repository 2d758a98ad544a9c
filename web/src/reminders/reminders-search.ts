// Apart from RemindersPage so the router can check the address without loading the page's chunk.

export interface RemindersSearch {
  active?: boolean;
  page?: number;
}

/** The valid parameters of the list's URL (the router hands over every parameter, valid or not). */
export function parseRemindersSearch(raw: Record<string, unknown>): RemindersSearch {
  const search: RemindersSearch = {};
  if (raw.active === true || raw.active === 'true') search.active = true;
  if (raw.active === false || raw.active === 'false') search.active = false;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 10_000) search.page = page;
  return search;
}
