import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, errorMessage } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { applyProblem } from '../forms/apply-problem';
import { useUpdateUser } from './admin-queries';
import { roleOptions } from './InviteUserModal';
import { editUserFormErrors, type EditUserFormValues } from './user-form';
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
  const form = useForm<EditUserFormValues>({
    mode: 'controlled',
    initialValues: { name: user.name, role: user.role, active: user.active },
    validate: editUserFormErrors,
  });

  const save = useUpdateUser(user.id, {
    onSuccess: (saved) => {
      onSaved(saved, user);
      onClose();
    },
    // The name's error goes next to it; anything else is said above the form (below).
    onError: (error) => void applyProblem(form, error),
  });

  const submit = form.onSubmit((values) =>
    save.mutate({ name: values.name.trim(), role: values.role, active: values.active, version: user.version }),
  );

  const error = save.error;
  const conflict = error instanceof ApiError && error.status === 409;
  const lastAdmin = error instanceof ApiError && error.problem.code === 'LAST_ADMIN';
  const self = user.id === me.id;
  const { role, active } = form.getValues();
  const nameError = form.errors.name;
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
          <TextInput label="Name" required maxLength={120} {...form.getInputProps('name')} />
          <Select
            label="Role"
            data={roleOptions()}
            allowDeselect={false}
            {...form.getInputProps('role')}
            onChange={(value: string | null) => value && form.setFieldValue('role', value as Role)}
          />
          <Checkbox
            label="Active: can sign in"
            description="Unticked, their session ends at once and they get no more reminders; their records stay."
            {...form.getInputProps('active', { type: 'checkbox' })}
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
