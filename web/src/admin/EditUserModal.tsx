import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { roleOptions } from './InviteUserModal';
import type { AdminUser, Role } from './user-status';

/**
 * Renames a user, changes their role, deactivates or reactivates them. Sends the version read,
 * so a change someone else saved meanwhile is not overwritten (409). Takes effect on the
 * person's next request.
 */
export function EditUserModal({
  user,
  onClose,
  onSaved,
}: {
  user: AdminUser;
  onClose: () => void;
  onSaved: (user: AdminUser, before: AdminUser) => void;
}) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [active, setActive] = useState(user.active);
  const [nameError, setNameError] = useState<string | undefined>();

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { name: name.trim(), role, active, version: user.version },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onSaved(saved, user);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      if (error instanceof ApiError) setNameError(error.fieldError('name'));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Enter their name');
      return;
    }
    setNameError(undefined);
    save.mutate();
  }

  const error = save.error;
  const conflict = error instanceof ApiError && error.status === 409;
  const lastAdmin = error instanceof ApiError && error.problem.code === 'LAST_ADMIN';
  const self = user.id === me.id;
  const losingAccess = self && (role !== 'admin' || !active);
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Edit ${user.name}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{user.email}</Text>
          {error && !nameError && (
            <Alert color={conflict ? 'yellow' : 'red'} role="alert" title="Not saved">
              {conflict
                ? 'Someone changed this user since you opened it. Close this window to see their version, then make your change again.'
                : lastAdmin
                  ? 'Tandem needs at least one active admin. Make someone else an admin first.'
                  : errorMessage(error)}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
          />
          <Select
            label="Role"
            data={roleOptions()}
            value={role}
            allowDeselect={false}
            onChange={(value) => value && setRole(value)}
          />
          <Checkbox
            label="Active: can sign in"
            description="Unticked, their session ends at once and they get no more reminders; their records stay."
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
          {losingAccess && (
            <Alert color="yellow" role="status">
              This is your own account: once saved, you can no longer use the admin screens.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
