import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, errorMessage } from '../api/problem';
import { applyProblem } from '../forms/apply-problem';
import { useInviteUser } from './admin-queries';
import { inviteFormErrors, NEW_INVITATION, type InviteFormValues } from './user-form';
import { ROLES, type AdminUser, type Role } from './user-status';

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
  const form = useForm<InviteFormValues>({
    mode: 'controlled',
    initialValues: NEW_INVITATION,
    validate: inviteFormErrors,
    // A change answers the last failed invitation: its message goes with the field's.
    onValuesChange: () => {
      if (invite.isError) invite.reset();
    },
  });

  const invite = useInviteUser({
    onSuccess: (user) => {
      form.reset();
      onInvited(user);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        form.setErrors({ email: 'Someone with this email already has an account.' });
      // Field errors go next to their fields; anything else is said above the form (below).
      else applyProblem(form, error);
    },
  });

  const submit = form.onSubmit((values) =>
    invite.mutate({ name: values.name.trim(), email: values.email.trim(), role: values.role }),
  );

  const fieldErrorShown = Object.values(form.errors).some(Boolean);
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
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            data={roleOptions()}
            allowDeselect={false}
            {...form.getInputProps('role')}
            onChange={(role: string | null) => role && form.setFieldValue('role', role as Role)}
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
