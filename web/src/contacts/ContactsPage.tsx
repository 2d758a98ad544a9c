import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { Contact } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { ListFrame, usePhoneLayout } from '../common/ListFrame';
import { useDebouncedUrlText } from '../common/useDebouncedUrlText';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { useOrganizationNames } from '../visits/outreach-data';
import {
  CONTACTS_PAGE_SIZE,
  hasContactFilters,
  MAX_CONTACT_QUERY_LENGTH,
  parseContactsSearch,
  toContactListQuery,
  withContactFilters,
  withContactsPage,
} from './contacts-search';
import { useContactList } from './contacts-queries';
import { LanguageBadge } from '../library/languages';

const route = getRouteApi('/app/contacts');

/**
 * The people at every partner, searchable by name and title (staff and above also by email and
 * phone) and filtered by partner; the search lives in the URL. Viewers see names, titles and
 * partners only: the API sends them no email or phone. Contacts are added and edited on their
 * partner's page, which each row links to.
 */
export function ContactsPage() {
  const user = useCurrentUser();
  const seesDetails = can(user, 'directory.write');
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseContactsSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const query = useMemo(() => toContactListQuery(search), [search]);
  const contacts = useContactList(query);
  const rows = contacts.data?.data ?? [];
  const partnerNames = useOrganizationNames(rows.map((contact) => contact.organizationId));
  const phone = usePhoneLayout();

  const setFilters = (changes: Parameters<typeof withContactFilters>[1], replace = false) =>
    void navigate({ search: (previous) => withContactFilters(previous as Record<string, unknown>, changes), replace });
  const [q, setQ] = useDebouncedUrlText(search.q, (value) => setFilters({ q: value }, true));

  const filtered = hasContactFilters(search);
  const total = contacts.data?.meta.total ?? 0;
  const partnerName = (contact: Contact) => partnerNames.get(contact.organizationId) ?? 'Partner';

  return (
    <ListFrame
      title="Contacts"
      filters={
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="search"
            label="Search contacts"
            description={seesDetails ? 'Name, title, email or phone' : 'Name or title'}
            placeholder="e.g. case manager"
            value={q}
            maxLength={MAX_CONTACT_QUERY_LENGTH}
            onChange={(event) => setQ(event.currentTarget.value)}
          />
          <OrganizationSelect
            label="Partner"
            description="Only the people at this partner"
            placeholder="Any partner"
            clearable
            value={search.organizationId ?? null}
            onChange={(organizationId) => setFilters({ organizationId: organizationId ?? undefined })}
          />
        </SimpleGrid>
      }
      filtered={filtered}
      onClearFilters={() => void navigate({ search: {} })}
      query={contacts}
      noun={{ one: 'contact', many: 'contacts' }}
      total={total}
      emptyText="No contacts yet. Add them on a partner’s page."
      errorTitle="The contacts could not be loaded"
      pagination={{
        page: search.page ?? 1,
        pageSize: CONTACTS_PAGE_SIZE,
        onChange: (page) =>
          void navigate({ search: (previous) => withContactsPage(previous as Record<string, unknown>, page) }),
      }}
    >
      {rows.length > 0 &&
        (!phone ? (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="sm" captionSide="top">
              <VisuallyHidden component="caption">Contacts, primary contacts first, then by name</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Partner</Table.Th>
                  {seesDetails && <Table.Th>Email</Table.Th>}
                  {seesDetails && <Table.Th>Phone</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((contact) => (
                  <Table.Tr key={contact.id} data-testid="contact-row">
                    <Table.Td>
                      <ContactName contact={contact} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{contact.title ?? ''}</Text>
                    </Table.Td>
                    <Table.Td>
                      <PartnerLink contact={contact} name={partnerName(contact)} />
                    </Table.Td>
                    {seesDetails && (
                      <Table.Td>
                        <EmailLink contact={contact} />
                      </Table.Td>
                    )}
                    {seesDetails && (
                      <Table.Td>
                        <PhoneLink contact={contact} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {rows.map((contact) => (
              <Paper key={contact.id} component="li" withBorder p="sm" data-testid="contact-row">
                <ContactName contact={contact} />
                {contact.title && (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {contact.title}
                  </Text>
                )}
                <Text size="sm" mt={4}>
                  At <PartnerLink contact={contact} name={partnerName(contact)} />
                </Text>
                {seesDetails && (contact.email || contact.phone) && (
                  <Group gap="md" mt={4}>
                    <EmailLink contact={contact} />
                    <PhoneLink contact={contact} />
                  </Group>
                )}
              </Paper>
            ))}
          </Stack>
        ))}
    </ListFrame>
  );
}

function ContactName({ contact }: { contact: Contact }) {
  return (
    <Group gap="xs" wrap="wrap">
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
  );
}

function PartnerLink({ contact, name }: { contact: Contact; name: string }) {
  return (
    <AnchorLink
      to="/organizations/$organizationId"
      params={{ organizationId: contact.organizationId }}
      hash="contacts"
      size="sm"
      style={{ overflowWrap: 'anywhere' }}
    >
      {name}
    </AnchorLink>
  );
}

function EmailLink({ contact }: { contact: Contact }) {
  if (!contact.email) return null;
  return (
    <Anchor href={`mailto:${contact.email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {contact.email}
    </Anchor>
  );
}

function PhoneLink({ contact }: { contact: Contact }) {
  if (!contact.phone) return null;
  return (
    <Anchor href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
      {contact.phone}
    </Anchor>
  );
}
