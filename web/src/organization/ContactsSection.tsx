import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/problem';
import type { Contact } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { CHANNEL_WORDS } from '../contacts/contact-form';
import { ContactFormModal } from '../contacts/ContactFormModal';
import { EraseContactModal } from '../contacts/EraseContactModal';
import { LanguageBadge } from '../library/languages';
import { usePartnerContacts } from './organization-queries';
import { Section } from './Section';

/** The section's anchor: the Contacts screen links to /organizations/:id#contacts. */
const ANCHOR = 'contacts';

/**
 * People at the partner. Viewers get email, phone and notes as null from the API; then nothing
 * is shown for them, not even a label, and they get no controls. Staff and above add and edit
 * contacts; managers and admins may also erase one.
 */
export function ContactsSection({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const canWrite = can(user, 'directory.write');
  const canErase = can(user, 'directory.delete');
  const contacts = usePartnerContacts(organizationId);
  // The form stays mounted while it closes (its fade-out), so what it was opened on is kept apart.
  const [editing, setEditing] = useState<{ contact?: Contact; opened: boolean }>({ opened: false });
  const [erasing, setErasing] = useState<{ contact: Contact | null; opened: boolean }>({
    contact: null,
    opened: false,
  });
  const [notice, setNotice] = useState('');

  // The page renders its sections once the partner has loaded, after the router's own jump to the
  // address's #fragment: a link to #contacts is followed here.
  useEffect(() => {
    if (window.location.hash === `#${ANCHOR}`) document.getElementById(ANCHOR)?.scrollIntoView();
  }, []);

  return (
    <Section
      id={ANCHOR}
      title="Contacts"
      actions={
        canWrite && (
          <Button size="xs" variant="light" onClick={() => setEditing({ opened: true })}>
            Add contact
          </Button>
        )
      }
    >
      <Text role="status" aria-live="polite" size="sm" mb={notice ? 'xs' : 0}>
        {notice}
      </Text>
      {contacts.isPending && <Loader size="sm" aria-label="Loading contacts" />}
      {contacts.isError && (
        <Alert color="red" role="alert">
          {errorMessage(contacts.error)}
        </Alert>
      )}
      {contacts.data?.length === 0 && <Text c="dimmed">No contacts recorded.</Text>}
      {contacts.data && contacts.data.length > 0 && (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {contacts.data.map((contact) => (
            <li key={contact.id} data-testid="contact">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {contact.name}
                    </Text>
                    {contact.isPrimary && (
                      <Badge variant="outline" color="gray.8" size="sm" tt="none">
                        Primary
                      </Badge>
                    )}
                    <LanguageBadge language={contact.language} />
                  </Group>
                  {contact.title && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {contact.title}
                    </Text>
                  )}
                </div>
                {(canWrite || canErase) && (
                  <Group gap={4} wrap="nowrap">
                    {canWrite && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={`Edit ${contact.name}`}
                        onClick={() => setEditing({ contact, opened: true })}
                      >
                        Edit
                      </Button>
                    )}
                    {canErase && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={`Erase ${contact.name}`}
                        onClick={() => setErasing({ contact, opened: true })}
                      >
                        Erase
                      </Button>
                    )}
                  </Group>
                )}
              </Group>
              <Group gap="md" mt={2}>
                {contact.email && (
                  <Anchor href={`mailto:${contact.email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {contact.email}
                  </Anchor>
                )}
                {contact.phone && (
                  <Anchor href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`} size="sm">
                    {contact.phone}
                  </Anchor>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                Prefers {CHANNEL_WORDS[contact.preferredChannel]}
              </Text>
              {contact.notes && (
                <Text size="sm" mt={2} lineClamp={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {contact.notes}
                </Text>
              )}
            </li>
          ))}
        </Stack>
      )}
      {canWrite && (
        <ContactFormModal
          organizationId={organizationId}
          contact={editing.contact}
          opened={editing.opened}
          onClose={() => setEditing((current) => ({ ...current, opened: false }))}
        />
      )}
      {canErase && (
        <EraseContactModal
          contact={erasing.contact}
          opened={erasing.opened}
          onClose={() => setErasing((current) => ({ ...current, opened: false }))}
          onErased={(contact) => setNotice(`${contact.name} was erased.`)}
        />
      )}
    </Section>
  );
}
