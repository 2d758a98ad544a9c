import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { DashboardQuery } from './types';

/**
 * A page of the portfolio's health, worst first and filtered, with the whole portfolio's counts
 * and the coverage and priorities of the manager's dashboard. Under `queryKeys.dashboard`, so
 * what invalidates the dashboard (a dismissed introduction) refreshes every page.
 */
export function useHealthDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: [...queryKeys.dashboard, 'portfolio', query] as const,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/dashboard/health', { params: { query }, signal })),
    // Keep the last page in view while the next one (or another filter) loads.
    placeholderData: keepPreviousData,
  });
}

/** The portfolio's health week by week (the dashboard's trend chart). */
export function usePortfolioHistory() {
  return useQuery({
    queryKey: queryKeys.portfolioHistory,
    queryFn: async () => unwrap(await api.GET('/api/v1/dashboard/health/history')).data,
  });
}

/** The weekly digest to managers, as sent this week or as it would be sent now. */
export function useDigest() {
  return useQuery({
    queryKey: queryKeys.digest,
    queryFn: async () => unwrap(await api.GET('/api/v1/dashboard/health/digest')),
  });
}
