import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Contact } from '../api/types';
import { reminderKeys } from '../reminders/reminder-queries';
import { outreachKeys } from '../visits/outreach-data';

/**
 * Erasing a contact, after saying plainly what it means (managers and admins; the caller shows
 * it only to them). The server removes the person everywhere: visits, check-in answers and
 * reminders lose them, and the audit keeps only ids.
 */
export function EraseContactModal({
  contact,
  opened,
  onClose,
  onErased,
}: {
  contact: Contact | null;
  opened: boolean;
  onClose: () => void;
  /** After the person is gone (also when a colleague had already erased them). */
  onErased?: (contact: Contact) => void;
}) {
  const queryClient = useQueryClient();
  const erase = useMutation({
    mutationFn: async (target: Contact) => {
      try {
        unwrap(await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: target.id } } }));
      } catch (error) {
        // Already erased by a colleague: what the person asked for is done.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      return target;
    },
    onSuccess: async (target) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.allContacts }),
        // Where the person was named: visits' "who we met", reminders' recipients, check-in answers.
        queryClient.invalidateQueries({ queryKey: outreachKeys.visits }),
        queryClient.invalidateQueries({ queryKey: reminderKeys.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.checkIns(target.organizationId) }),
      ]);
      onErased?.(target);
      onClose();
    },
  });

  const close = () => {
    erase.reset();
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={contact ? `Erase ${contact.name}?` : 'Erase this contact?'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      {contact && (
        <Stack>
          {erase.isError && (
            <Alert color="red" role="alert" title="Nothing was erased">
              {errorMessage(erase.error)}
            </Alert>
          )}
          <Text>
            Erasing removes {contact.name} from Tandem everywhere: their name, title, email, phone and notes are
            deleted, and visits, check-ins and reminders keep no trace of them.
          </Text>
          <Text fw={700}>This cannot be undone.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              Keep {contact.name}
            </Button>
            <Button color="red" loading={erase.isPending} onClick={() => erase.mutate(contact)}>
              Erase for good
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
