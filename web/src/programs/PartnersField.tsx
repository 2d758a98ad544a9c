import { ActionIcon, Group, Input, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useOrganizations } from '../api/queries';
import { PARTNER_ROLES, ROLE_LABELS, type PartnerRole } from './program-types';

export interface PartnerRow {
  organizationId: string;
  organizationName: string;
  role: PartnerRole;
}

/** Partners offered at once; typing narrows them on the server (a library has hundreds). */
const OPTIONS_SHOWN = 20;

/**
 * The program's partners and how each takes part. A partner is added by searching the
 * directory; each appears once (the server refuses the same organization twice).
 */
export function PartnersField({
  partners,
  onChange,
  errors,
}: {
  partners: PartnerRow[];
  onChange: (partners: PartnerRow[]) => void;
  /** Server messages by field (`partners.1.role`). */
  errors: Record<string, string>;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useOrganizations({ q: q ? q.slice(0, 200) : undefined, sort: 'name', limit: OPTIONS_SHOWN });
  const taken = new Set(partners.map((partner) => partner.organizationId));
  const options = (list.data?.data ?? [])
    .filter((organization) => !taken.has(organization.id))
    .map((organization) => ({ value: organization.id, label: organization.name }));
  const listError = Object.entries(errors).find(([field]) => field === 'partners')?.[1];

  function add(organizationId: string | null) {
    const organization = list.data?.data.find((candidate) => candidate.id === organizationId);
    if (!organization) return;
    onChange([
      ...partners,
      {
        organizationId: organization.id,
        organizationName: organization.name,
        role: partners.length === 0 ? 'host' : 'co-facilitator',
      },
    ]);
    setSearch('');
  }

  return (
    <Input.Wrapper
      labelElement="div"
      label="Partners"
      description="Who runs it with the library, and how"
      error={listError}
    >
      <Stack gap="xs" mt={6}>
        {partners.length === 0 && (
          <Text size="sm" c="dimmed">
            No partner yet.
          </Text>
        )}
        {partners.length > 0 && (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Chosen partners">
            {partners.map((partner, index) => {
              const fieldError =
                errors[`partners.${index}.organizationId`] ??
                errors[`partners.${index}.role`] ??
                errors[`partners.${index}`];
              return (
                <li key={partner.organizationId}>
                  <Group gap="sm" wrap="wrap" align="flex-end">
                    <Text fw={600} style={{ flex: '1 1 12rem', overflowWrap: 'anywhere' }}>
                      {partner.organizationName}
                    </Text>
                    <Select
                      aria-label={`Role of ${partner.organizationName}`}
                      data={PARTNER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
                      value={partner.role}
                      allowDeselect={false}
                      w={190}
                      onChange={(role) =>
                        role &&
                        onChange(
                          partners.map((other) =>
                            other.organizationId === partner.organizationId ? { ...other, role: role } : other,
                          ),
                        )
                      }
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`Remove ${partner.organizationName}`}
                      onClick={() =>
                        onChange(partners.filter((other) => other.organizationId !== partner.organizationId))
                      }
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Group>
                  {fieldError && (
                    <Text size="sm" c="var(--mantine-color-error)" role="alert">
                      {fieldError}
                    </Text>
                  )}
                </li>
              );
            })}
          </Stack>
        )}
        <Select
          label="Add a partner"
          placeholder="Search the directory"
          searchable
          clearable
          data={options}
          value={null}
          onChange={add}
          searchValue={search}
          onSearchChange={setSearch}
          // The server already matched the words (ignoring case and accents); do not filter again.
          filter={({ options: all }) => all}
          nothingFoundMessage={list.isFetching ? 'Searching…' : 'No partner by that name'}
        />
      </Stack>
    </Input.Wrapper>
  );
}
