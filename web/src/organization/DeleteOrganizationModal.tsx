import { Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { Organization } from '../api/types';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';
import { deleteOrganization, useOrganizationDeleted } from './organization-queries';

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
  const deleted = useOrganizationDeleted();
  const navigate = useNavigate();
  return (
    <ConfirmDeleteModal
      title="Delete this partner?"
      confirmLabel="Delete partner"
      remove={() => deleteOrganization(organization.id)}
      onDeleted={async () => {
        onClose();
        await deleted(organization.id);
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
