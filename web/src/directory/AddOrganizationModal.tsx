import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { applyProblem } from '../forms/apply-problem';
import {
  createOrganizationBody,
  ORGANIZATION_FIELD_LABELS,
  organizationFormValues,
} from '../organization/organization-form';
import { OrganizationFields, useOrganizationForm } from '../organization/OrganizationFields';
import { useCreateOrganization } from './directory-queries';

/** Adds a partner with everything known about it so far, looked after by the person adding it unless they say otherwise. */
export function AddOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Add a partner"
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      fullScreen={phone}
      centered
    >
      {opened && <AddOrganizationForm onClose={onClose} />}
    </Modal>
  );
}

function AddOrganizationForm({ onClose }: { onClose: () => void }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const form = useOrganizationForm(organizationFormValues(undefined, user.id));
  const [general, setGeneral] = useState<string | null>(null);

  const create = useCreateOrganization({
    onSuccess: async (organization) => {
      onClose();
      await navigate({ to: '/organizations/$organizationId', params: { organizationId: organization.id } });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        form.setFieldError('name', 'A partner with this name is already in the directory.');
        setGeneral(null);
      } else setGeneral(applyProblem(form, error, { labels: ORGANIZATION_FIELD_LABELS }));
    },
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    create.mutate(createOrganizationBody(values));
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general && (
          <Alert color="red" role="alert" title="The partner was not added">
            {general}
          </Alert>
        )}
        <OrganizationFields form={form} withStage />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add partner
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
