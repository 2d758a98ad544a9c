import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Organization } from '../api/types';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';

/**
 * Managers delete a partner after reading what goes with it (the database deletes its contacts,
 * notes, visits, tasks, feedback, check-ins and health history; programs stay without it).
 */
export function DeleteOrganizationModal({
  organization,
  onClose,
}: {
  organization: Organization;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <ConfirmDeleteModal
      title="Delete this partner?"
      confirmLabel="Delete partner"
      remove={async () =>
        unwrap(await api.DELETE('/api/v1/organizations/{id}', { params: { path: { id: organization.id } } }))
      }
      onDeleted={async () => {
        onClose();
        queryClient.removeQueries({ queryKey: queryKeys.organization(organization.id) });
        await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
        await navigate({ to: '/organizations' });
      }}
      onClose={onClose}
    >
      <Text style={{ overflowWrap: 'anywhere' }}>
        Deleting <strong>{organization.name}</strong> also deletes its contacts, notes, visits, tasks, feedback,
        check-ins and health history. Programs stay, without this partner. This cannot be undone.
      </Text>
      <Text size="sm" c="dimmed" mt="xs">
        If the partnership is over, changing its stage to Ended keeps its history.
      </Text>
    </ConfirmDeleteModal>
  );
}
