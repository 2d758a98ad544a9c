import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { errorMessage } from '../api/problem';
import type { Contact } from '../api/types';
import { useEraseContact } from './contacts-queries';

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
  const erase = useEraseContact();

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
            <Button
              color="red"
              loading={erase.isPending}
              onClick={() =>
                erase.mutate(contact, {
                  onSuccess: (target) => {
                    onErased?.(target);
                    onClose();
                  },
                })
              }
            >
              Erase for good
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
