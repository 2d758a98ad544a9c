import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AfterWrite } from '../admin/admin-queries';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { operations } from '../api/schema';
import type { CreateProgram, FeedbackLinkCreated, Program, Session, UpdateProgram } from './program-types';

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

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * Creates a program (no `program`) or changes one (the body carries its `version`). The saved
 * program goes into the cache and every program screen and its partners' timelines refresh; on a
 * 409 the program is fetched again, so the page shows the colleague's version.
 */
export function useSaveProgram(
  program: Program | undefined,
  after: AfterWrite<Program, CreateProgram | UpdateProgram> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateProgram | UpdateProgram): Promise<Program> =>
      program && 'version' in body
        ? unwrap(await api.PATCH('/api/v1/programs/{id}', { params: { path: { id: program.id } }, body }))
        : unwrap(await api.POST('/api/v1/programs', { body: body as CreateProgram })),
    onSuccess: async (saved, body) => {
      queryClient.setQueryData(programKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: programKeys.all });
      for (const partner of saved.partners)
        void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(partner.organizationId) });
      await after.onSuccess?.(saved, body);
    },
    onError: async (error, body) => {
      await after.onError?.(error, body);
      if (isConflict(error) && program)
        await queryClient.invalidateQueries({ queryKey: programKeys.detail(program.id) });
    },
  });
}

/** The signed-in person's own iCalendar link to the program (null url until they make one). */
export function useCalendarLink(programId: string) {
  return useQuery({
    queryKey: programKeys.calendarLink(programId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/programs/{id}/calendar-link', { params: { path: { id: programId } }, signal })),
  });
}

/** Makes a new calendar link (the old one stops at once); the new one goes straight into the cache. */
export function useMakeCalendarLink(programId: string, after: AfterWrite<{ url: string | null }> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/programs/{id}/calendar-link', { params: { path: { id: programId } } })),
    onSuccess: async (made) => {
      queryClient.setQueryData(programKeys.calendarLink(programId), made);
      await after.onSuccess?.(made);
    },
    onError: (error) => after.onError?.(error),
  });
}

/** Every feedback link of the program, revoked ones included (a program has a handful). */
export function useFeedbackLinks(programId: string) {
  return useQuery({
    queryKey: programKeys.feedbackLinks(programId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/programs/{id}/feedback-links', {
          params: { path: { id: programId }, query: { limit: 100 } },
          signal,
        }),
      ).data,
  });
}

/** Makes a printable feedback link; the answer is the one time its address is shown. */
export function useCreateFeedbackLink(programId: string, after: AfterWrite<FeedbackLinkCreated> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/programs/{id}/feedback-link', { params: { path: { id: programId } } })),
    onSuccess: async (link) => {
      await after.onSuccess?.(link);
      await queryClient.invalidateQueries({ queryKey: programKeys.feedbackLinks(programId) });
    },
    onError: (error) => after.onError?.(error),
  });
}

/** Revokes one feedback link: its address shows "not found" from then on. */
export function useRevokeFeedbackLink(programId: string, linkId: string, after: AfterWrite<unknown> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.DELETE('/api/v1/programs/{id}/feedback-links/{linkId}', {
          params: { path: { id: programId, linkId } },
        }),
      ),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.feedbackLinks(programId) });
      await after.onSuccess?.(answer);
    },
    onError: (error) => after.onError?.(error),
  });
}

/** The program's sessions starting in [from, to) (a month of the sessions calendar). */
export function useProgramSessions(programId: string, from: string, to: string) {
  return useQuery({
    queryKey: programKeys.sessionsIn(programId, from, to),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/programs/{id}/sessions', {
          params: { path: { id: programId }, query: { from, to } },
          signal,
        }),
      ).data,
  });
}

type SessionChange = { attendance?: number | null; cancelled?: boolean };

/**
 * Records a session's attendance or cancels it (version-checked). The month shown is updated in
 * place, and the partners' timelines and health, which read both, refresh; on a 409 the month is
 * fetched again.
 */
export function useUpdateSession(
  program: Program,
  session: Session,
  range: { from: string; to: string },
  after: AfterWrite<Session, SessionChange> = {},
) {
  const queryClient = useQueryClient();
  const monthKey = programKeys.sessionsIn(program.id, range.from, range.to);
  return useMutation({
    mutationFn: async (body: SessionChange) =>
      unwrap(
        await api.PATCH('/api/v1/sessions/{id}', {
          params: { path: { id: session.id } },
          body: { ...body, version: session.version },
        }),
      ),
    onSuccess: async (updated, body) => {
      queryClient.setQueryData<Session[]>(monthKey, (list) =>
        list?.map((other) => (other.id === updated.id ? updated : other)),
      );
      for (const partner of program.partners) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(partner.organizationId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.health(partner.organizationId) });
      }
      await after.onSuccess?.(updated, body);
    },
    onError: async (error, body) => {
      await after.onError?.(error, body);
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: monthKey });
    },
  });
}
