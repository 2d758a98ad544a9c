import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useOrganizations } from '../api/queries';
import { useOrganization } from './outreach-data';

/** How many partners the picker offers at once; typing narrows them on the server. */
const OPTIONS_SHOWN = 20;
const LOADING = 'Loading…';

/**
 * A partner picker that searches the directory on the server as you type (a library has
 * hundreds of partners, more than one page), keeping the chosen partner as an option.
 */
export function OrganizationSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  value: string | null;
  onChange: (organizationId: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const selected = useOrganization(value);
  // Showing the chosen name is not a search: then offer the first partners again.
  const typed = search.trim() && search !== selected.data?.name && search !== LOADING ? search.trim() : undefined;
  const [q] = useDebouncedValue(typed, 250);
  const list = useOrganizations({ q: q?.slice(0, 200), sort: 'name', limit: OPTIONS_SHOWN });

  const options = (list.data?.data ?? []).map((organization) => ({ value: organization.id, label: organization.name }));
  if (value && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: selected.data?.name ?? LOADING });
  }

  return (
    <Select
      {...props}
      searchable
      data={options}
      value={value}
      onChange={(next) => onChange(next)}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the words (ignoring case and accents); do not filter again.
      filter={({ options: all }) => all}
      nothingFoundMessage={list.isFetching ? 'Searching…' : 'No partner by that name'}
    />
  );
}
