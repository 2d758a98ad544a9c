import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../common/AnchorLink';
import { useMemo } from 'react';
import { ownerLabel, useAudiences, useCapabilities, useColleagues, useOrganizations } from '../api/queries';
import { STAGE_LABELS, STAGES, type Organization } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { formatDate } from '../common/format';
import { ListFrame, usePhoneLayout } from '../common/ListFrame';
import { StageBadge } from '../common/StageBadge';
import { useDebouncedUrlText } from '../common/useDebouncedUrlText';
import { AddOrganizationModal } from './AddOrganizationModal';
import { exportFailureText } from './directory-csv';
import { ImportCsvModal } from './ImportCsvModal';
import { useDirectoryExport } from './directory-queries';
import {
  clearFilters,
  foldedFilterCount,
  hasFilters,
  MAX_QUERY_LENGTH,
  MAX_TAG_LENGTH,
  PAGE_SIZE,
  parseDirectorySearch,
  sortDirection,
  toggleSort,
  toListQuery,
  withFilters,
  withPage,
  type DirectoryFilters,
  type DirectorySearch,
  type SortField,
} from './directory-search';

const route = getRouteApi('/app/organizations');

function SortableHeader({ field, label, search }: { field: SortField; label: string; search: DirectorySearch }) {
  const navigate = route.useNavigate();
  const direction = sortDirection(search, field);
  const arrow = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '';
  return (
    <Table.Th aria-sort={direction}>
      <UnstyledButton
        onClick={() => void navigate({ search: (previous) => toggleSort(previous, field) })}
        fw={700}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {label}
        <span aria-hidden="true"> {arrow}</span>
        <VisuallyHidden>{direction === 'none' ? ', sort by this column' : ', change sort direction'}</VisuallyHidden>
      </UnstyledButton>
    </Table.Th>
  );
}

export function DirectoryPage() {
  const user = useCurrentUser();
  // The router hands over every parameter of the URL, validated or not; read only the valid ones.
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseDirectorySearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const [adding, addModal] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  // On a phone the partners are cards and the filters fold behind a button (ListFrame does that).
  const phone = usePhoneLayout();
  const csvExport = useDirectoryExport();
  const query = useMemo(() => toListQuery(search), [search]);
  const organizations = useOrganizations(query);
  const audiences = useAudiences();
  const capabilities = useCapabilities();
  const colleagues = useColleagues();

  const setFilters = (changes: Partial<DirectoryFilters>, replace = false) =>
    void navigate({ search: (previous) => withFilters(previous, changes), replace });

  const [q, setQ] = useDebouncedUrlText(search.q, (value) => setFilters({ q: value }, true));
  const [tag, setTag] = useDebouncedUrlText(search.tag, (value) => setFilters({ tag: value }, true));

  const audienceNames = useMemo(
    () => new Map(audiences.data?.map((audience) => [audience.id, audience.name])),
    [audiences.data],
  );
  const audienceOptions = audiences.data?.map((audience) => ({ value: audience.id, label: audience.name })) ?? [];
  const capabilityOptions =
    capabilities.data?.map((capability) => ({ value: capability.id, label: capability.name })) ?? [];
  const ownerOptions = [
    { value: user.id, label: 'Me' },
    ...(colleagues.data ?? [])
      .filter((other) => other.id !== user.id)
      .map((other) => ({ value: other.id, label: other.name })),
  ];
  if (search.ownerId && !ownerOptions.some((option) => option.value === search.ownerId)) {
    ownerOptions.push({ value: search.ownerId, label: 'A colleague' });
  }

  const total = organizations.data?.meta.total ?? 0;
  // Above 10,000 matches the server estimates rather than counts them all.
  const estimated = organizations.data?.meta.totalIsEstimate ?? false;
  const rows = organizations.data?.data ?? [];
  const filtered = hasFilters(search);
  const canWrite = can(user, 'directory.write');

  return (
    <ListFrame
      title="Partner directory"
      actions={
        canWrite && (
          <Group gap="sm">
            {/* The everyday action first: on a phone it is the first stop after the header. */}
            <Button onClick={addModal.open}>Add partner</Button>
            <Button variant="default" onClick={importModal.open}>
              Import CSV
            </Button>
            <Button variant="default" onClick={() => csvExport.mutate(search)} loading={csvExport.isPending}>
              Export CSV
            </Button>
          </Group>
        )
      }
      intro={
        csvExport.isError && (
          <Alert
            color="red"
            role="alert"
            title="The CSV file could not be downloaded"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => csvExport.reset()}
          >
            {exportFailureText(csvExport.error)}
          </Alert>
        )
      }
      filters={
        <TextInput
          type="search"
          label="Search partners"
          description="Name, mission or notes"
          placeholder="e.g. shelter"
          value={q}
          maxLength={MAX_QUERY_LENGTH}
          onChange={(event) => setQ(event.currentTarget.value)}
        />
      }
      foldedFilters={{
        id: 'directory-filters',
        count: foldedFilterCount(search),
        content: (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
            <Select
              label="Stage"
              placeholder="Any stage"
              clearable
              data={STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
              value={search.stage ?? null}
              onChange={(value) => setFilters({ stage: (value as DirectoryFilters['stage']) ?? undefined })}
            />
            <Select
              label="Audience served"
              placeholder="Any audience"
              clearable
              searchable
              nothingFoundMessage="No such audience"
              data={audienceOptions}
              value={search.audienceId ?? null}
              onChange={(value) => setFilters({ audienceId: value ?? undefined })}
            />
            <Select
              label="Offers"
              placeholder="Any skill or resource"
              clearable
              searchable
              nothingFoundMessage="No such skill or resource"
              data={capabilityOptions}
              value={search.capabilityId ?? null}
              onChange={(value) => setFilters({ capabilityId: value ?? undefined })}
            />
            <Select
              label="Looks for"
              placeholder="Any skill or resource"
              clearable
              searchable
              nothingFoundMessage="No such skill or resource"
              data={capabilityOptions}
              value={search.seeksCapabilityId ?? null}
              onChange={(value) => setFilters({ seeksCapabilityId: value ?? undefined })}
            />
            <Select
              label="Owner"
              placeholder="Anyone"
              clearable
              searchable
              nothingFoundMessage="No such colleague"
              data={ownerOptions}
              value={search.ownerId ?? null}
              onChange={(value) => setFilters({ ownerId: value ?? undefined })}
            />
            <TextInput
              label="Tag"
              placeholder="e.g. drop-in"
              value={tag}
              maxLength={MAX_TAG_LENGTH}
              onChange={(event) => setTag(event.currentTarget.value)}
            />
          </SimpleGrid>
        ),
      }}
      filtered={filtered}
      onClearFilters={() => void navigate({ search: (previous) => clearFilters(previous) })}
      query={organizations}
      noun={{ one: 'partner', many: 'partners' }}
      total={total}
      countText={
        estimated ? (count) => `About ${count.toLocaleString('en-US')} partners${filtered ? ' found' : ''}` : undefined
      }
      emptyText="No partners yet."
      errorTitle="The directory could not be loaded"
      pagination={{
        page: search.page ?? 1,
        pageSize: PAGE_SIZE,
        onChange: (page) => void navigate({ search: (previous) => withPage(previous, page) }),
      }}
      footer={
        <>
          {rows.length === 0 && !filtered && !organizations.isPending && !organizations.isError && canWrite && (
            <Text>
              Start with a partner you already work with.{' '}
              <Anchor component="button" type="button" onClick={addModal.open}>
                Add the first partner
              </Anchor>
              , or{' '}
              <Anchor component="button" type="button" onClick={importModal.open}>
                import them from a spreadsheet
              </Anchor>
              .
            </Text>
          )}

          {canWrite && <AddOrganizationModal opened={adding} onClose={addModal.close} />}
          {canWrite && <ImportCsvModal opened={importing} onClose={importModal.close} />}
        </>
      }
    >
      {rows.length > 0 && phone && (
        // A phone gets the same partners as cards, a wider screen the table.
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Partners">
          {rows.map((organization) => (
            <DirectoryCard
              key={organization.id}
              organization={organization}
              audienceNames={audienceNames}
              owner={ownerLabel(organization.ownerId, user, colleagues.data)}
            />
          ))}
        </Stack>
      )}
      {rows.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm" captionSide="top">
            <VisuallyHidden component="caption">Partners, {sortCaption(search)}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <SortableHeader field="name" label="Name" search={search} />
                <SortableHeader field="stage" label="Stage" search={search} />
                <Table.Th>Audiences</Table.Th>
                <Table.Th>Owner</Table.Th>
                <SortableHeader field="updatedAt" label="Updated" search={search} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((organization) => (
                <DirectoryRow
                  key={organization.id}
                  organization={organization}
                  audienceNames={audienceNames}
                  owner={ownerLabel(organization.ownerId, user, colleagues.data)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ListFrame>
  );
}

const SORT_NAMES: Record<SortField, string> = {
  name: 'name',
  stage: 'stage',
  updatedAt: 'last update',
  createdAt: 'date added',
};

function sortCaption(search: DirectorySearch): string {
  const sort = search.sort ?? 'name';
  const field = sort.replace(/^-/, '') as SortField;
  return `sorted by ${SORT_NAMES[field]}, ${sort.startsWith('-') ? 'descending' : 'ascending'}`;
}

function audienceNamesOf(organization: Organization, audienceNames: Map<string, string>): string[] {
  return organization.audienceIds.map((id) => audienceNames.get(id)).filter((name): name is string => !!name);
}

/** A partner on a phone: the row's facts stacked, the name the link. */
function DirectoryCard({
  organization,
  audienceNames,
  owner,
}: {
  organization: Organization;
  audienceNames: Map<string, string>;
  owner: string;
}) {
  const audiences = audienceNamesOf(organization, audienceNames);
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="directory-card">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <AnchorLink to="/organizations/$organizationId" params={{ organizationId: organization.id }} fw={600}>
              {organization.name}
            </AnchorLink>
            {organization.type && (
              <Text size="sm" c="dimmed">
                {organization.type}
              </Text>
            )}
          </div>
          <StageBadge stage={organization.stage} />
        </Group>
        {audiences.length > 0 && (
          <Group gap={4}>
            {audiences.map((name) => (
              <Badge key={name} variant="outline" color="gray.8" tt="none" fw={500} maw="100%">
                {name}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="sm">
          {owner} · updated {formatDate(organization.updatedAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

function DirectoryRow({
  organization,
  audienceNames,
  owner,
}: {
  organization: Organization;
  audienceNames: Map<string, string>;
  owner: string;
}) {
  const navigate = route.useNavigate();
  const audiences = audienceNamesOf(organization, audienceNames);
  return (
    <Table.Tr
      className="clickable-row"
      onClick={(event) => {
        // The name link navigates by itself; a click elsewhere on the row does the same.
        if ((event.target as HTMLElement).closest('a,button')) return;
        void navigate({ to: '/organizations/$organizationId', params: { organizationId: organization.id } });
      }}
    >
      <Table.Td>
        <AnchorLink to="/organizations/$organizationId" params={{ organizationId: organization.id }} fw={600}>
          {organization.name}
        </AnchorLink>
        {organization.type && (
          <Text size="sm" c="dimmed">
            {organization.type}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <StageBadge stage={organization.stage} />
      </Table.Td>
      <Table.Td>
        {audiences.length > 0 ? (
          <Group gap={4}>
            {audiences.map((name) => (
              <Badge key={name} variant="outline" color="gray.8" tt="none" fw={500}>
                {name}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            None yet
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{owner}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(organization.updatedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
