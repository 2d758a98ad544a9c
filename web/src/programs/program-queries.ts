import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { operations } from '../api/schema';

export type ProgramListQuery = NonNullable<operations['ProgramController_list']['parameters']['query']>;

/** Query keys of the program screens, so a write can invalidate exactly what it changed. */
export const programKeys = {
  all: ['programs'] as const,
  list: (query: ProgramListQuery) => ['programs', 'list', query] as const,
  detail: (id: string) => ['programs', id] as const,
  sessions: (id: string) => ['programs', id, 'sessions'] as const,
  sessionsIn: (id: string, from: string, to: string) => ['programs', id, 'sessions', from, to] as const,
  feedbackLinks: (id: string) => ['programs', id, 'feedback-links'] as const,
  calendarLink: (id: string) => ['programs', id, 'calendar-link'] as const,
  closures: ['closures'] as const,
  reminders: ['reminders'] as const,
};

export function usePrograms(query: ProgramListQuery) {
  return useQuery({
    queryKey: programKeys.list(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/programs', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** One program; with no id (a reminder about a task, say) nothing is asked. */
export function useProgram(id: string | undefined) {
  return useQuery({
    queryKey: programKeys.detail(id ?? ''),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/programs/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
  });
}

/** Every closure day (a library has a handful a year); the schedule preview and calendar mark them. */
export function useClosures() {
  return useQuery({
    queryKey: programKeys.closures,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/closures', { signal })).data,
    staleTime: 60_000,
  });
}
