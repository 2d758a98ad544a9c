import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';

/** Every partner's health, worst first, with the coverage and priorities of the manager's dashboard. */
export function useHealthDashboard() {
  return useQuery({
    queryKey: queryKeys.dashboard,
    queryFn: async () => unwrap(await api.GET('/api/v1/dashboard/health')),
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
