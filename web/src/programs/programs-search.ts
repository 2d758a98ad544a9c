import { PROGRAM_STATUSES, type ProgramStatus } from './program-types';
import type { ProgramListQuery } from './program-queries';

/** Programs per page of the list. */
export const PROGRAMS_PAGE_SIZE = 25;

export interface ProgramsSearch {
  status?: ProgramStatus;
  page?: number;
}

/** The valid parameters of the list's URL (the router hands over every parameter, valid or not). */
export function parseProgramsSearch(raw: Record<string, unknown>): ProgramsSearch {
  const search: ProgramsSearch = {};
  if (PROGRAM_STATUSES.includes(raw.status as ProgramStatus)) search.status = raw.status as ProgramStatus;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 10_000) search.page = page;
  return search;
}

export function toProgramListQuery(search: ProgramsSearch): ProgramListQuery {
  return {
    ...(search.status ? { status: search.status } : {}),
    limit: PROGRAMS_PAGE_SIZE,
    offset: ((search.page ?? 1) - 1) * PROGRAMS_PAGE_SIZE,
  };
}

/** A month of the calendar, `YYYY-MM`, from the program page's URL. */
export interface ProgramPageSearch {
  month?: string;
}

export function parseProgramPageSearch(raw: Record<string, unknown>): ProgramPageSearch {
  const month = typeof raw.month === 'string' && /^(\d{4})-(0[1-9]|1[0-2])$/.exec(raw.month);
  return month && Number(month[1]) >= 1900 && Number(month[1]) <= 9999 ? { month: raw.month as string } : {};
}

export interface NewProgramSearch {
  /** Start with this partner as the host (from a partner's page, or the provider of a suggested introduction). */
  organizationId?: string;
  /** And this one as co-facilitator (the seeker of a suggested introduction); only with organizationId. */
  partnerId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseNewProgramSearch(raw: Record<string, unknown>): NewProgramSearch {
  if (typeof raw.organizationId !== 'string' || !UUID.test(raw.organizationId)) return {};
  const partnerId =
    typeof raw.partnerId === 'string' &&
    UUID.test(raw.partnerId) &&
    raw.partnerId.toLowerCase() !== raw.organizationId.toLowerCase()
      ? raw.partnerId
      : undefined;
  return partnerId ? { organizationId: raw.organizationId, partnerId } : { organizationId: raw.organizationId };
}
