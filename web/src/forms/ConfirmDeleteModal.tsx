import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/problem';

/**
 * "Delete this …?" with what it means, before anything is deleted. `remove` runs only on the
 * confirming button; a record already gone counts as deleted.
 */
export function ConfirmDeleteModal({
  title,
  confirmLabel,
  children,
  remove,
  onDeleted,
  onClose,
}: {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  remove: () => Promise<unknown>;
  onDeleted: () => void | Promise<void>;
  onClose: () => void;
}) {
  const deletion = useMutation({
    mutationFn: async () => {
      try {
        await remove();
      } catch (error) {
        // Deleted by a colleague meanwhile: what the person wanted has happened.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    },
    onSuccess: () => onDeleted(),
  });
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }} centered>
      <Stack>
        {deletion.error && (
          <Alert color="red" role="alert" title="Nothing was deleted">
            {errorMessage(deletion.error)}
          </Alert>
        )}
        <Text size="sm" component="div">
          {children}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep it
          </Button>
          <Button color="red" onClick={() => deletion.mutate()} loading={deletion.isPending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
