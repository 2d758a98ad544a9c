import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { operations } from '../api/schema';
import type { Program } from '../programs/program-types';

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
