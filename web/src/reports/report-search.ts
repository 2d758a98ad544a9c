import { isIsoDate, isPeriodPreset, REPORT_GROUPINGS, type PeriodPreset, type ReportGrouping } from '@tandem/shared';

/**
 * The report's choices as they live in the URL (?period=last-quarter&groupBy=month, or
 * ?from=2026-07-01&to=2026-09-30), so a report can be bookmarked, shared and reloaded. Only
 * valid values survive parsing; dates given win over a preset. A scope id (?organizationId=…)
 * narrows the report to one partner, program or audience (links from those pages).
 */
export interface ReportSearch {
  period?: PeriodPreset;
  from?: string;
  to?: string;
  /** Absent: by partner. */
  groupBy?: ReportGrouping;
  organizationId?: string;
  programId?: string;
  audienceId?: string;
}

/** What the server reports on when no period is asked for (and what the picker shows then). */
export const DEFAULT_PERIOD: PeriodPreset = 'this-fiscal-year';
export const DEFAULT_GROUPING: ReportGrouping = 'partner';

/** The picker's value for dates given by hand. */
export const CUSTOM_PERIOD = 'custom';
export type PeriodChoice = PeriodPreset | typeof CUSTOM_PERIOD;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPES = ['organizationId', 'programId', 'audienceId'] as const;

function isGrouping(value: unknown): value is ReportGrouping {
  return typeof value === 'string' && (REPORT_GROUPINGS as readonly string[]).includes(value);
}

export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** The router's raw search object → a valid ReportSearch (the route's `validateSearch`). */
export function parseReportSearch(raw: Record<string, unknown>): ReportSearch {
  const from = isIsoDate(raw.from) ? raw.from : undefined;
  const to = isIsoDate(raw.to) ? raw.to : undefined;
  const custom = from !== undefined || to !== undefined;
  // At most one scope: the first valid one, in the API's order.
  const scope = SCOPES.find((name) => typeof raw[name] === 'string' && UUID.test(raw[name]));
  return compact({
    period: !custom && isPeriodPreset(raw.period) && raw.period !== DEFAULT_PERIOD ? raw.period : undefined,
    from,
    to,
    groupBy: isGrouping(raw.groupBy) && raw.groupBy !== DEFAULT_GROUPING ? raw.groupBy : undefined,
    ...(scope ? { [scope]: (raw[scope] as string).toLowerCase() } : {}),
  });
}
