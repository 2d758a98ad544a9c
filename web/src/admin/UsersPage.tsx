import { Alert, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { errorMessage } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { useResendInvitation, useUserPage, USERS_PAGE_SIZE } from './admin-queries';
import { EditUserModal } from './EditUserModal';
import { InvitationLinkModal } from './InvitationLinkModal';
import { InviteUserModal } from './InviteUserModal';
import { ResetTwoFactorModal } from './ResetTwoFactorModal';
import { accountState, invitationState, ROLE_LABELS, type AdminUser } from './user-status';
import { Pager } from '../common/Pager';

/** Users and invitations: invite, change a role, deactivate, send a new link; each invitation email's fate in words. */
export function UsersPage() {
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const users = useUserPage(page);
  const [inviting, inviteModal] = useDisclosure(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const [linkFor, setLinkFor] = useState<AdminUser | null>(null);
  const [notice, setNotice] = useState<{ tone: 'green' | 'red'; text: string } | null>(null);

  const resend = useResendInvitation({
    onSuccess: (user) =>
      setNotice({
        tone: 'green',
        text: `A new link to choose a password is on its way to ${user.email}. Earlier links no longer work.`,
      }),
    onError: (error, user) =>
      setNotice({ tone: 'red', text: `No new link was sent to ${user.name}: ${errorMessage(error)}` }),
  });

  function saved(user: AdminUser, before: AdminUser) {
    const changes = [
      user.role !== before.role && `now ${ROLE_LABELS[user.role]}`,
      user.active !== before.active && (user.active ? 'active again' : 'deactivated: they can no longer sign in'),
      user.name !== before.name && 'renamed',
    ].filter(Boolean);
    setNotice({ tone: 'green', text: `${user.name}: ${changes.length > 0 ? changes.join(', ') : 'nothing changed'}.` });
    // My own role or access changed: the app reloads, so it shows what I may now do.
    if (user.id === me.id && (user.role !== before.role || !user.active)) window.location.assign('/');
  }

  const rows = users.data?.data ?? [];
  const total = users.data?.meta.total ?? 0;
  const now = new Date();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle>Users</PageTitle>
        <Button onClick={inviteModal.open}>Invite a colleague</Button>
      </Group>

      <div role="status" aria-live="polite">
        {notice && (
          <Alert color={notice.tone} withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice.text}
          </Alert>
        )}
      </div>

      {users.isError && (
        <Alert color="red" role="alert" title="The users could not be loaded">
          {errorMessage(users.error)}
        </Alert>
      )}
      {users.isPending && <Text>Loading users…</Text>}

      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped verticalSpacing="sm">
            <VisuallyHidden component="caption">Users by name, {total} in all</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Two-factor</Table.Th>
                <Table.Th>Invitation email</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((user) => {
                const account = accountState(user);
                const invitation = invitationState(user, now);
                return (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text fw={600}>
                        {user.name}
                        {user.id === me.id && (
                          <Text span c="dimmed" fw={400}>
                            {' '}
                            (you)
                          </Text>
                        )}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {user.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{ROLE_LABELS[user.role]}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={account.tone} tt="none" size="md">
                        {account.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={user.mfaEnabled ? 'green' : 'gray'} tt="none" size="md">
                        {user.mfaEnabled ? 'On' : 'Off'}
                      </Badge>
                    </Table.Td>
                    <Table.Td maw={320}>
                      {invitation ? (
                        <>
                          <Badge variant="dot" color={invitation.tone} tt="none" size="md">
                            {invitation.label}
                          </Badge>
                          {invitation.detail && (
                            <Text size="sm" mt={4}>
                              {invitation.detail}
                            </Text>
                          )}
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">
                          None sent
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button variant="default" size="compact-sm" onClick={() => setEditing(user)}>
                          Edit<VisuallyHidden> {user.name}</VisuallyHidden>
                        </Button>
                        {user.active && (
                          <Button
                            variant="default"
                            size="compact-sm"
                            loading={resend.isPending && resend.variables?.id === user.id}
                            onClick={() => resend.mutate(user)}
                          >
                            {user.invitationPending ? 'Send a new invitation' : 'Send a password link'}
                            <VisuallyHidden> to {user.name}</VisuallyHidden>
                          </Button>
                        )}
                        {user.active && user.invitationPending && (
                          <Button variant="default" size="compact-sm" onClick={() => setLinkFor(user)}>
                            Copy invitation link<VisuallyHidden> for {user.name}</VisuallyHidden>
                          </Button>
                        )}
                        {user.mfaEnabled && user.id !== me.id && (
                          <Button variant="default" size="compact-sm" onClick={() => setResetting(user)}>
                            Reset two-factor<VisuallyHidden> for {user.name}</VisuallyHidden>
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Pager total={total} pageSize={USERS_PAGE_SIZE} page={page} onChange={setPage} />

      <InviteUserModal
        opened={inviting}
        onClose={inviteModal.close}
        onInvited={(user) =>
          setNotice({
            tone: 'green',
            text: `${user.name} is invited: an email with a link to choose a password is on its way to ${user.email}. If it does not arrive, use “Copy invitation link” and hand the link over yourself.`,
          })
        }
      />
      {linkFor && <InvitationLinkModal user={linkFor} onClose={() => setLinkFor(null)} />}
      {resetting && (
        <ResetTwoFactorModal
          user={resetting}
          onClose={() => setResetting(null)}
          onReset={(user) =>
            setNotice({
              tone: 'green',
              text: `${user.name}: two-factor sign-in is off and they are signed out everywhere. They can set it up again from their account.`,
            })
          }
        />
      )}
      {editing && (
        <EditUserModal
          key={`${editing.id}:${editing.version}`}
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
    </Stack>
  );
}
