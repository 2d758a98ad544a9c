import { Alert, Anchor, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Contact } from '../api/types';
import { Section } from './Section';

const CHANNEL_LABELS: Record<Contact['preferredChannel'], string> = {
  email: 'email',
  phone: 'phone',
  text: 'text message',
  'in-person': 'in person',
};

/**
 * People at the partner. Viewers get email, phone and notes as null from the API; then nothing
 * is shown for them, not even a label (notes are not shown here at all).
 */
export function ContactsSection({ organizationId }: { organizationId: string }) {
  const contacts = useQuery({
    queryKey: queryKeys.contacts(organizationId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/contacts', { params: { query: { organizationId, limit: 100 } } })).data,
  });

  return (
    <Section id="contacts" title="Contacts">
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
              <Group gap="xs">
                <Text fw={600}>{contact.name}</Text>
                {contact.isPrimary && (
                  <Badge variant="outline" color="gray.8" size="sm" tt="none">
                    Primary
                  </Badge>
                )}
              </Group>
              {contact.title && (
                <Text size="sm" c="dimmed">
                  {contact.title}
                </Text>
              )}
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
                Prefers {CHANNEL_LABELS[contact.preferredChannel]}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}
