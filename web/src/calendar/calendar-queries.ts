import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { components } from '../api/schema';

/** A session in the all-programs calendar: the session with its program's name, status and place. */
export type CalendarSession = components['schemas']['CalendarSessionResponseDto'];

/**
 * Under `programs`, so whatever invalidates the program screens (a program edited, a closure
 * added or removed) refreshes the calendar too.
 */
export const calendarKeys = {
  range: (from: string, to: string) => ['programs', 'calendar', from, to] as const,
};

/** Every program's sessions starting in [from, to) (at most 62 days: a month grid fits). */
export function useCalendarSessions({ from, to }: { from: string; to: string }) {
  return useQuery({
    queryKey: calendarKeys.range(from, to),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/sessions', { params: { query: { from, to } }, signal })).data,
    // Attendance and cancellations are recorded on each program's page: look again on every visit.
    staleTime: 0,
  });
}
