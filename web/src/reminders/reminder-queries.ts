import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AfterWrite } from '../admin/admin-queries';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { operations } from '../api/schema';
import type { Program } from '../programs/program-types';
import type { CreateReminder, Reminder, UpdateReminder } from './reminder-text';

export type ReminderListQuery = NonNullable<operations['ReminderController_list']['parameters']['query']>;
export type DeliveryListQuery = NonNullable<operations['ReminderController_deliveries']['parameters']['query']>;

export const reminderKeys = {
  all: ['reminders'] as const,
  list: (query: ReminderListQuery) => ['reminders', 'list', query] as const,
  detail: (id: string) => ['reminders', id] as const,
  deliveries: (id: string, query: DeliveryListQuery) => ['reminders', id, 'deliveries', query] as const,
};

export function useReminders(query: ReminderListQuery) {
  return useQuery({
    queryKey: reminderKeys.list(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/reminders', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useDeliveries(reminderId: string, query: DeliveryListQuery) {
  return useQuery({
    queryKey: reminderKeys.deliveries(reminderId, query),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/reminders/{id}/deliveries', { params: { path: { id: reminderId }, query }, signal }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The contacts of these partners, each with the partner's name (the people a reminder may email). */
export function useContactsOf(partners: readonly { organizationId: string; organizationName: string }[]) {
  return useQueries({
    queries: partners.map((partner) => ({
      queryKey: queryKeys.contacts(partner.organizationId),
      queryFn: async () =>
        unwrap(
          await api.GET('/api/v1/contacts', {
            params: { query: { organizationId: partner.organizationId, limit: 100 } },
          }),
        ).data,
    })),
    combine: (results) => ({
      pending: results.some((result) => result.isPending),
      contacts: results.flatMap((result, index) =>
        (result.data ?? []).map((contact) => ({ contact, organizationName: partners[index].organizationName })),
      ),
    }),
  });
}

/** The contacts of the program's partners. */
export function usePartnerContacts(program: Program | undefined) {
  return useContactsOf(program?.partners ?? []);
}

/** One reminder rule. */
export function useReminder(id: string) {
  return useQuery({
    queryKey: reminderKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/reminders/{id}', { params: { path: { id } }, signal })),
  });
}

/** After a reminder is saved: it goes into the cache and every reminder list refreshes; a 409 fetches it again. */
function useReminderWrite<V>(
  reminderId: string | undefined,
  write: (variables: V) => Promise<Reminder>,
  after: AfterWrite<Reminder, V>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (saved, variables) => {
      queryClient.setQueryData(reminderKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: reminderKeys.all });
      await after.onSuccess?.(saved, variables);
    },
    onError: async (error, variables) => {
      await after.onError?.(error, variables);
      if (error instanceof ApiError && error.status === 409 && reminderId)
        await queryClient.invalidateQueries({ queryKey: reminderKeys.detail(reminderId) });
    },
  });
}

/** Adds a reminder (no `reminder`) or replaces one's settings, version-checked. */
export function useSaveReminder(reminder: Reminder | undefined, after: AfterWrite<Reminder, CreateReminder> = {}) {
  return useReminderWrite(
    reminder?.id,
    async (body: CreateReminder) => {
      if (!reminder) return unwrap(await api.POST('/api/v1/reminders', { body }));
      const update: UpdateReminder = { ...body, version: reminder.version };
      return unwrap(await api.PATCH('/api/v1/reminders/{id}', { params: { path: { id: reminder.id } }, body: update }));
    },
    after,
  );
}

/** Turns a reminder's sending on or off, version-checked. */
export function useSetReminderActive(rule: Reminder, after: AfterWrite<Reminder, boolean> = {}) {
  return useReminderWrite(
    rule.id,
    async (active: boolean) =>
      unwrap(
        await api.PATCH('/api/v1/reminders/{id}', {
          params: { path: { id: rule.id } },
          body: { active, version: rule.version },
        }),
      ),
    after,
  );
}

/** Deletes a reminder rule (its delivery log goes with it); the screen then forgets it from the cache. */
export async function deleteReminder(id: string) {
  return unwrap(await api.DELETE('/api/v1/reminders/{id}', { params: { path: { id } } }));
}

/** Open tasks to remind about (the picker of a new task reminder). */
export function useOpenTasks(enabled: boolean) {
  return useQuery({
    queryKey: ['tasks', 'open-for-reminders'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks', { params: { query: { status: 'open', limit: 100 } } })).data,
    enabled,
  });
}

/** The task a reminder follows; with no id nothing is asked. */
export function useTask(id: string | null) {
  return useQuery({
    queryKey: ['tasks', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}
