import { Button, MantineProvider } from '@mantine/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from '../test/user-event';
import { cssVariablesResolver, theme } from '../theme';
import { ListFrame } from './ListFrame';

const loaded = { isPending: false, isError: false, error: null };

function frame(props: Partial<ComponentProps<typeof ListFrame>> = {}) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <ListFrame
        title="Contacts"
        query={loaded}
        noun={{ one: 'contact', many: 'contacts' }}
        total={0}
        emptyText="No contacts yet."
        errorTitle="The contacts could not be loaded"
        {...props}
      />
    </MantineProvider>
  );
}

const renderFrame = (props: Partial<ComponentProps<typeof ListFrame>> = {}) => render(frame(props));

describe('ListFrame', () => {
  it('shows the title with its actions, the filters region and the list', () => {
    renderFrame({
      actions: <Button>Add contact</Button>,
      filters: <input type="search" aria-label="Search contacts" />,
      total: 2,
      children: <ul aria-label="The list" />,
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Contacts' })).toBeInTheDocument();
    expect(document.title).toBe('Contacts · Tandem');
    expect(screen.getByRole('button', { name: 'Add contact' })).toBeInTheDocument();
    const filters = screen.getByRole('region', { name: 'Search and filters' });
    expect(within(filters).getByRole('searchbox', { name: 'Search contacts' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'The list' })).toBeInTheDocument();
  });

  it('says in its live status line that the list loads, is empty, matches nothing or how many it holds', () => {
    const { rerender } = renderFrame({ query: { ...loaded, isPending: true } });
    const status = () => screen.getByRole('status');
    expect(status()).toHaveTextContent('Loading contacts…');

    const again = (props: Partial<ComponentProps<typeof ListFrame>>) => rerender(frame(props));
    again({});
    expect(status()).toHaveTextContent('No contacts yet.');
    again({ filtered: true });
    expect(status()).toHaveTextContent('No contact matches these filters.');
    again({ filtered: true, noMatchText: 'No paused programs.' });
    expect(status()).toHaveTextContent('No paused programs.');
    again({ total: 1 });
    expect(status()).toHaveTextContent(/^1 contact$/);
    again({ total: 12, filtered: true });
    expect(status()).toHaveTextContent('12 contacts found');
    // Thousands grouped, as the directory's "About 12,015 partners" writes them.
    again({ total: 2405, filtered: true });
    expect(status()).toHaveTextContent('2,405 contacts found');
    again({ total: 12, countText: (total) => `${total} need action` });
    expect(status()).toHaveTextContent('12 need action');
    again({ total: 12, status: '' });
    expect(status()).toBeEmptyDOMElement();
  });

  it('shows the error in an alert and leaves the status line empty', () => {
    renderFrame({ query: { isPending: false, isError: true, error: new Error('The server is down') } });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The contacts could not be loaded');
    expect(alert).toHaveTextContent('The server is down');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('offers "Clear filters" only while filtered', async () => {
    const onClearFilters = vi.fn();
    const { unmount } = renderFrame({ filters: <input aria-label="Search" />, onClearFilters });
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    unmount();
    renderFrame({ filters: <input aria-label="Search" />, filtered: true, onClearFilters });
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onClearFilters).toHaveBeenCalledOnce();
  });

  it('pages with "Page N" buttons only when there is more than a page', async () => {
    const onChange = vi.fn();
    const { unmount } = renderFrame({ total: 25, pagination: { page: 1, pageSize: 25, onChange } });
    expect(screen.queryByRole('button', { name: 'Page 1' })).toBeNull();
    unmount();
    renderFrame({ total: 26, pagination: { page: 1, pageSize: 25, onChange } });
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Page 2' }));
    expect(onChange).toHaveBeenCalledWith(2);
  });

  it('shows folded filters on a wide screen without a "Filters" button', () => {
    renderFrame({
      foldedFilters: { id: 'more-filters', count: 1, content: <input aria-label="Tag" /> },
    });
    expect(screen.queryByRole('button', { name: /^Filters/ })).toBeNull();
    expect(document.getElementById('more-filters')).toBeVisible();
  });
});

describe('ListFrame on a phone', () => {
  const realMatchMedia = window.matchMedia;
  afterEach(() => {
    window.matchMedia = realMatchMedia;
  });

  it('folds the filters behind a button that says how many are set', async () => {
    window.matchMedia = (query: string) => ({ ...realMatchMedia(query), matches: /max-width/.test(query) });
    renderFrame({
      filters: <input type="search" aria-label="Search contacts" />,
      foldedFilters: { id: 'more-filters', count: 2, content: <input aria-label="Tag" /> },
    });
    expect(screen.getByRole('searchbox', { name: 'Search contacts' })).toBeVisible();
    const button = screen.getByRole('button', { name: 'Filters (2 set)' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveAttribute('aria-controls', 'more-filters');
    expect(document.getElementById('more-filters')).not.toBeVisible();
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(document.getElementById('more-filters')).toBeVisible());
  });
});
