import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { PageTitle } from './PageTitle';

/**
 * What a record's page shows until its record is there: "Loading …", or a page that says the
 * record is not there (404) or could not be loaded, with a way back. Use it as
 * `if (!query.isSuccess) return <QueryState query={query} … />`, which also narrows `query.data`.
 */
export function QueryState({
  query,
  noun,
  notFound,
  back,
}: {
  query: UseQueryResult<unknown>;
  /** What the page shows, in words: "partner", "program". */
  noun: string;
  /** What to say of a 404: "There is no such program (it may have been deleted)." */
  notFound: string;
  /** A link back to the list the record belongs to. */
  back: ReactNode;
}) {
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    const title = noun.charAt(0).toUpperCase() + noun.slice(1);
    return (
      <Stack>
        <PageTitle>{missing ? `${title} not found` : `${title} could not be loaded`}</PageTitle>
        <Alert color={missing ? 'yellow' : 'red'} role="alert">
          {missing ? notFound : errorMessage(query.error)}
        </Alert>
        {back}
      </Stack>
    );
  }
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text>Loading {noun}…</Text>
    </Group>
  );
}
