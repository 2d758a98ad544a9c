import { Alert, Box, Button, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useId, type ReactNode } from 'react';
import { errorMessage } from '../api/problem';
import { PageTitle } from './PageTitle';
import { Pager } from './Pager';

/**
 * True below Mantine's "sm" breakpoint, where list screens turn their tables into cards and fold
 * their filters. Read on the first render (not in an effect), so a phone never flashes a table.
 */
export function usePhoneLayout(): boolean {
  return useMediaQuery('(max-width: 47.99em)', undefined, { getInitialValueInEffect: false }) ?? false;
}

/** What the frame needs to know of the list's query (a TanStack `UseQueryResult` fits). */
export interface ListQueryState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

export interface ListFrameProps {
  /** The page's h1. */
  title: ReactNode;
  /** The browser tab's name when `title` is not plain text. */
  documentTitle?: string;
  /** Buttons and links beside the title ("Add partner"). */
  actions?: ReactNode;
  /** What sits between the title and the filters: a line of explanation, an alert about an action. */
  intro?: ReactNode;
  /** Filters always in view (the search box). */
  filters?: ReactNode;
  /** The filters region's accessible name. */
  filtersLabel?: string;
  /**
   * Filters that fold behind a "Filters (N set)" button on a phone and are simply shown on a wider
   * screen. `count` is how many of them are set; `id` names the folded block (for aria-controls).
   */
  foldedFilters?: { content: ReactNode; count: number; id?: string };
  /** Whether any filter is set: it words the status line and shows "Clear filters". */
  filtered?: boolean;
  /** Clears the filters; without it there is no "Clear filters" button. */
  onClearFilters?: () => void;
  /** The list's query: the status line says it is loading, the alert shows its error. */
  query: ListQueryState;
  /** What the list holds, in words: { one: 'contact', many: 'contacts' }. */
  noun: { one: string; many: string };
  /** How many items match, across every page. */
  total: number;
  /** The status line of an empty, unfiltered list ("No contacts yet."). */
  emptyText: string;
  /** The status line when filters match nothing; "No contact matches these filters." by default. */
  noMatchText?: string;
  /** The status line when items match; "12 contacts" (+ " found" when filtered) by default. */
  countText?: (total: number) => string;
  /** Replaces the status line whatever the query says ('' while the filters themselves are wrong). */
  status?: string;
  /** The error alert's title ("The contacts could not be loaded"). */
  errorTitle: string;
  /** Shown under the list when `total` is more than a page. */
  pagination?: { page: number; pageSize: number; onChange: (page: number) => void };
  /** The list itself: a table, or cards on a phone (the page's own choice). */
  children?: ReactNode;
  /** What comes after the pages: an empty list's first step, the page's modals. */
  footer?: ReactNode;
}

/**
 * The frame every list screen shares: title and actions, the filters, a live status line ("Loading
 * contacts…", "No contact matches these filters.", "12 contacts found"), the error, the list, and
 * the pages. One frame, so every list reads and announces the same way.
 */
export function ListFrame({
  title,
  documentTitle,
  actions,
  intro,
  filters,
  filtersLabel = 'Search and filters',
  foldedFilters,
  filtered = false,
  onClearFilters,
  query,
  noun,
  total,
  emptyText,
  noMatchText,
  countText,
  status,
  errorTitle,
  pagination,
  children,
  footer,
}: ListFrameProps) {
  const phone = usePhoneLayout();
  const [filtersOpen, filtersFold] = useDisclosure(false);
  const generatedId = useId();
  const foldedId = foldedFilters?.id ?? generatedId;

  const statusLine =
    status ??
    (query.isPending
      ? `Loading ${noun.many}…`
      : query.isError
        ? ''
        : total === 0
          ? filtered
            ? (noMatchText ?? `No ${noun.one} matches these filters.`)
            : emptyText
          : countText
            ? countText(total)
            : `${total.toLocaleString('en-US')} ${total === 1 ? noun.one : noun.many}${filtered ? ' found' : ''}`);

  return (
    <Stack gap="md">
      {actions ? (
        <Group justify="space-between" align="center" wrap="wrap">
          <PageTitle documentTitle={documentTitle}>{title}</PageTitle>
          {actions}
        </Group>
      ) : (
        <PageTitle documentTitle={documentTitle}>{title}</PageTitle>
      )}

      {intro}

      {(filters || foldedFilters) && (
        <Box component="section" aria-label={filtersLabel}>
          <Stack gap="sm">
            {filters}
            {foldedFilters && phone && (
              <Group>
                <Button
                  variant="default"
                  onClick={filtersFold.toggle}
                  aria-expanded={filtersOpen}
                  aria-controls={foldedId}
                >
                  {foldedFilters.count === 0 ? 'Filters' : `Filters (${foldedFilters.count} set)`}
                </Button>
              </Group>
            )}
            {foldedFilters && (
              <Collapse expanded={!phone || filtersOpen} keepMountedMode="display-none" id={foldedId}>
                {foldedFilters.content}
              </Collapse>
            )}
            {filtered && onClearFilters && (
              <Group>
                <Button variant="subtle" size="compact-sm" onClick={onClearFilters}>
                  Clear filters
                </Button>
              </Group>
            )}
          </Stack>
        </Box>
      )}

      <Text role="status" aria-live="polite" fw={500}>
        {statusLine}
      </Text>

      {query.isError && (
        <Alert color="red" role="alert" title={errorTitle}>
          {errorMessage(query.error)}
        </Alert>
      )}

      {children}

      {pagination && <Pager total={total} {...pagination} />}

      {footer}
    </Stack>
  );
}
