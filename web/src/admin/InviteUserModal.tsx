import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { ROLES, type AdminUser, type Role } from './user-status';

type Field = 'name' | 'email' | 'role';
const EMPTY = { name: '', email: '', role: 'staff' as Role };

/** The role picker: each role with what it may do, so the choice is informed. */
export function roleOptions() {
  return ROLES.map((role) => ({ value: role.value, label: `${role.label} — ${role.description}` }));
}

/**
 * Invites a colleague: the API creates the account without a password and emails a one-time
 * link to choose one (PUBLIC_URL/accept-invitation?token=…).
 */
export function InviteUserModal({
  opened,
  onClose,
  onInvited,
}: {
  opened: boolean;
  onClose: () => void;
  onInvited: (user: AdminUser) => void;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const invite = useMutation({
    mutationFn: async (body: { name: string; email: string; role: Role }) =>
      unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      setValues(EMPTY);
      onInvited(user);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        setErrors({ email: 'Someone with this email already has an account.' });
      else if (error instanceof ApiError)
        setErrors({ name: error.fieldError('name'), email: error.fieldError('email'), role: error.fieldError('role') });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = 'Enter their name';
    if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) found.email = 'Enter their email address';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    invite.mutate({ name: values.name.trim(), email: values.email.trim(), role: values.role });
  }

  const fieldErrorShown = Object.values(errors).some(Boolean);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Invite a colleague"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            They get an email with a link to choose a password; the link works once, for a limited time.
          </Text>
          {invite.error && !fieldErrorShown && (
            <Alert color="red" role="alert" title="The invitation was not sent">
              {errorMessage(invite.error)}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={120}
            autoComplete="off"
            value={values.name}
            onChange={(event) => {
              const name = event.currentTarget.value;
              setValues((current) => ({ ...current, name }));
              setErrors((current) => ({ ...current, name: undefined }));
              invite.reset();
            }}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            value={values.email}
            onChange={(event) => {
              const email = event.currentTarget.value;
              setValues((current) => ({ ...current, email }));
              setErrors((current) => ({ ...current, email: undefined }));
              invite.reset();
            }}
            error={errors.email}
          />
          <Select
            label="Role"
            data={roleOptions()}
            value={values.role}
            allowDeselect={false}
            onChange={(role) => role && setValues((current) => ({ ...current, role: role }))}
            error={errors.role}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
