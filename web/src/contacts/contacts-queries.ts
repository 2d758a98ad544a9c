import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Contact, ContactListQuery } from '../api/types';
import { reminderKeys } from '../reminders/reminder-queries';
import { outreachKeys } from '../visits/outreach-data';
import type { CreateContact, UpdateContact } from './contact-form';

/** One page of the Contacts screen: everyone at every partner matching the search. */
export function useContactList(query: ContactListQuery) {
  return useQuery({
    queryKey: queryKeys.contactList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/contacts', { params: { query }, signal })),
    // Keep the last page on screen while the next loads, so typing does not blank the list.
    placeholderData: keepPreviousData,
  });
}

/** A contact as saved now (after a colleague's save in between). */
export async function fetchContact(id: string): Promise<Contact> {
  return unwrap(await api.GET('/api/v1/contacts/{id}', { params: { path: { id } } }));
}

export async function createContact(body: CreateContact): Promise<Contact> {
  return unwrap(await api.POST('/api/v1/contacts', { body }));
}

export async function patchContact(id: string, body: UpdateContact): Promise<Contact> {
  return unwrap(await api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body }));
}

/** After a contact was added or changed: every list of contacts (a new primary un-marks the previous one). */
export function useContactsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.allContacts });
}

/**
 * Erases a contact everywhere; one a colleague already erased counts as done. Afterwards the
 * lists where the person was named refresh: contacts, visits' "who we met", reminders'
 * recipients, the partner's check-ins.
 */
export function useEraseContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (target: Contact) => {
      try {
        unwrap(await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: target.id } } }));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      return target;
    },
    onSuccess: (target) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.allContacts }),
        queryClient.invalidateQueries({ queryKey: outreachKeys.visits }),
        queryClient.invalidateQueries({ queryKey: reminderKeys.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.checkIns(target.organizationId) }),
      ]),
  });
}
