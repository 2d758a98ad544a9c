import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { errorMessage } from '../api/problem';
import { formatDateTime } from '../common/format';
import { useIssueInvitationLink } from './admin-queries';
import type { AdminUser } from './user-status';

/**
 * For when the invitation email cannot reach the person (email not set up, or the mail server
 * refused it): the admin makes a new one-time link and hands it over themselves. Making it stops
 * every earlier link, the emailed one included, so it is a deliberate second step.
 */
export function InvitationLinkModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const issue = useIssueInvitationLink(user.id);
  const link = issue.data;

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Invitation link for ${user.name}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        {!link && (
          <Text>
            Make a new link for {user.name} to choose a password, and give it to them yourself — in person, by phone or
            in a chat. Any earlier link, including one in an email, stops working.
          </Text>
        )}
        {issue.error && (
          <Alert color="red" role="alert" title="No link was made">
            {errorMessage(issue.error)}
          </Alert>
        )}
        {link && (
          <>
            <TextInput
              label="Invitation link"
              description={`It works once, until ${formatDateTime(link.expiresAt)}. Anyone with it can sign in as ${user.name}: give it to them only.`}
              value={link.url}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm" role="status" aria-live="polite">
                    {copied ? 'Copied. Paste it into a message to them.' : ''}
                  </Text>
                  <Button onClick={copy} color={copied ? 'green' : undefined}>
                    {copied ? 'Link copied' : 'Copy link'}
                  </Button>
                </Group>
              )}
            </CopyButton>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {link ? 'Done' : 'Cancel'}
          </Button>
          {!link && (
            <Button onClick={() => issue.mutate()} loading={issue.isPending}>
              Make the link
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
