import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { errorMessage } from '../api/problem';
import { useResetTwoFactor } from './admin-queries';
import type { AdminUser } from './user-status';

/** Confirms turning off someone's two-factor sign-in (they lost their phone); the server records it in the audit log. */
export function ResetTwoFactorModal({
  user,
  onClose,
  onReset,
}: {
  user: AdminUser;
  onClose: () => void;
  onReset: (user: AdminUser) => void;
}) {
  const reset = useResetTwoFactor(user.id, {
    onSuccess: () => {
      onReset(user);
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Reset two-factor sign-in for ${user.name}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <Stack>
        <Text>
          For someone who lost their phone or their recovery codes. Their authenticator and recovery codes stop working,
          they are signed out everywhere, and they sign in with their password alone until they set two-factor up again.
          The reset is recorded in the audit log.
        </Text>
        <Text size="sm" c="dimmed">
          Make sure it is really them asking, for example by calling them back.
        </Text>
        {reset.error && (
          <Alert color="red" role="alert" title="Not reset">
            {errorMessage(reset.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
            Reset two-factor
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
