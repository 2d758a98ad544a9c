import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';

/** Query keys of the administration screens; user pages sit under the shared `users` key, so a change refreshes every list of users. */
export const adminKeys = {
  userPage: (page: number) => [...queryKeys.users, 'page', page] as const,
  healthSettings: ['settings', 'health'] as const,
  checkInSettings: ['settings', 'check-ins'] as const,
  demoData: ['demo-data'] as const,
};

export const USERS_PAGE_SIZE = 50;

/** One page of users (by name) with their latest invitation email; refreshed every few seconds while an email waits to go out. */
export function useUserPage(page: number) {
  return useQuery({
    queryKey: adminKeys.userPage(page),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: { query: { limit: USERS_PAGE_SIZE, offset: (page - 1) * USERS_PAGE_SIZE, sort: 'name' } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.data.some((user) => user.invitation?.status === 'scheduled') ? 2000 : false,
  });
}

export function useHealthSettings() {
  return useQuery({
    queryKey: adminKeys.healthSettings,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/health')),
  });
}

export function useCheckInSettings() {
  return useQuery({
    queryKey: adminKeys.checkInSettings,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/check-ins')),
  });
}
