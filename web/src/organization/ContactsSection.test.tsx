import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import type { Contact } from '../api/types';
import { cssVariablesResolver, theme } from '../theme';
import { ContactsSection } from './ContactsSection';

const ORG = '22222222-2222-4222-8222-222222222222';
const VIEWER = {
  id: '44444444-4444-4444-8444-444444444444',
  email: 'vic@library.test',
  name: 'Vic Viewer',
  role: 'viewer',
  active: true,
} as unknown as User;

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function renderWith(contacts: Contact[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => json({ data: contacts, meta: { total: contacts.length, limit: 100, offset: 0 } })),
  );
  session.signInForTest(VIEWER);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <ContactsSection organizationId={ORG} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('ContactsSection', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a viewer the name, title and channel of a contact whose email, phone and notes are null, with no empty links', async () => {
    renderWith([
      {
        id: '55555555-5555-4555-8555-555555555555',
        version: 1,
        organizationId: ORG,
        name: 'Dana Whitfield',
        title: 'Case manager',
        email: null,
        phone: null,
        preferredChannel: 'text',
        isPrimary: true,
        notes: null,
      },
    ]);
    const item = await screen.findByTestId('contact');
    expect(within(item).getByText('Dana Whitfield')).toBeInTheDocument();
    expect(within(item).getByText('Case manager')).toBeInTheDocument();
    expect(within(item).getByText('Prefers text message')).toBeInTheDocument();
    expect(within(item).queryAllByRole('link')).toEqual([]);
    expect(item.textContent).not.toMatch(/null|undefined|Notes/);
  });
});
