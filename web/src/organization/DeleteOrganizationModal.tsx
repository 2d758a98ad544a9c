import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Organization } from '../api/types';

/**
 * Managers delete a partner after reading what goes with it (the database deletes its contacts,
 * notes, visits, tasks, feedback, check-ins and health history; programs stay without it).
 */
export function DeleteOrganizationModal({
  organization,
  opened,
  onClose,
}: {
  organization: Organization;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/api/v1/organizations/{id}', { params: { path: { id: organization.id } } })),
    onSuccess: async () => {
      onClose();
      queryClient.removeQueries({ queryKey: queryKeys.organization(organization.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      await navigate({ to: '/organizations' });
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Delete this partner?"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <Stack>
        <Text style={{ overflowWrap: 'anywhere' }}>
          Deleting <strong>{organization.name}</strong> also deletes its contacts, notes, visits, tasks, feedback,
          check-ins and health history. Programs stay, without this partner. This cannot be undone.
        </Text>
        <Text size="sm" c="dimmed">
          If the partnership is over, changing its stage to Ended keeps its history.
        </Text>
        {remove.error && (
          <Alert color="red" role="alert" title="The partner was not deleted">
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep it
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            Delete partner
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
