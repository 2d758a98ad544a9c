import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Pagination,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Contact } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
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
  const contacts = useQuery({
    queryKey: queryKeys.contactList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/contacts', { params: { query }, signal })),
    // Keep the last page on screen while the next loads, so typing does not blank the list.
    placeholderData: keepPreviousData,
  });
  const rows = contacts.data?.data ?? [];
  const partnerNames = useOrganizationNames(rows.map((contact) => contact.organizationId));
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false });

  const setFilters = (changes: Parameters<typeof withContactFilters>[1], replace = false) =>
    void navigate({ search: (previous) => withContactFilters(previous as Record<string, unknown>, changes), replace });
  const [q, setQ] = useDebouncedUrlText(search.q, (value) => setFilters({ q: value }, true));

  const filtered = hasContactFilters(search);
  const total = contacts.data?.meta.total ?? 0;
  const partnerName = (contact: Contact) => partnerNames.get(contact.organizationId) ?? 'Partner';

  return (
    <Stack gap="md">
      <PageTitle>Contacts</PageTitle>

      <Box component="section" aria-label="Search and filters">
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
        {filtered && (
          <Button mt="xs" variant="subtle" size="compact-sm" onClick={() => void navigate({ search: {} })}>
            Clear filters
          </Button>
        )}
      </Box>

      <Text role="status" aria-live="polite" fw={500}>
        {contacts.isPending
          ? 'Loading contacts…'
          : contacts.isError
            ? ''
            : total === 0
              ? filtered
                ? 'No contact matches these filters.'
                : 'No contacts yet. Add them on a partner’s page.'
              : `${total} ${total === 1 ? 'contact' : 'contacts'}${filtered ? ' found' : ''}`}
      </Text>

      {contacts.isError && (
        <Alert color="red" role="alert" title="The contacts could not be loaded">
          {errorMessage(contacts.error)}
        </Alert>
      )}

      {rows.length > 0 &&
        (wide ? (
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

      {total > CONTACTS_PAGE_SIZE && (
        <Group justify="center">
          <Pagination
            total={Math.ceil(total / CONTACTS_PAGE_SIZE)}
            value={search.page ?? 1}
            onChange={(page) =>
              void navigate({ search: (previous) => withContactsPage(previous as Record<string, unknown>, page) })
            }
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
            getControlProps={(control) =>
              control === 'previous'
                ? { 'aria-label': 'Previous page' }
                : control === 'next'
                  ? { 'aria-label': 'Next page' }
                  : {}
            }
          />
        </Group>
      )}
    </Stack>
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
