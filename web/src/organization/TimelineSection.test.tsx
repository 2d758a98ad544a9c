import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from '../test/user-event';
import { cssVariablesResolver, theme } from '../theme';
import { TimelineSection } from './TimelineSection';

const ORG = '22222222-2222-4222-8222-222222222222';
const TOTAL = 35;
const entry = (index: number) => ({
  type: 'note',
  at: new Date(Date.UTC(2026, 10, 30) - index * 3_600_000).toISOString(),
  summary: `Note ${index + 1}`,
  refId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('TimelineSection', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the latest 30 events and the next ones below them on "Show more" (by the server’s cursor), until all are shown', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request | URL | string) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        // The fake's cursor is the index of the next event.
        const cursor = url.searchParams.get('cursor');
        const from = cursor === null ? 0 : Number(cursor);
        const limit = Number(url.searchParams.get('limit'));
        asked.push(`${cursor ?? 'first'}/${limit}`);
        const data = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - from)) }, (_, i) => entry(from + i));
        const nextCursor = from + limit < TOTAL ? String(from + limit) : null;
        return json({ data, meta: { total: TOTAL, limit, offset: 0, nextCursor } });
      }),
    );
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
        <QueryClientProvider client={queryClient}>
          <TimelineSection organizationId={ORG} canWrite={false} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    const section = await screen.findByRole('region', { name: 'Timeline' });
    await within(section).findByText('Note 1');
    expect(within(section).getAllByRole('listitem')).toHaveLength(30);
    expect(within(section).getByRole('status')).toHaveTextContent('Showing 30 of 35 events.');
    await userEvent.click(within(section).getByRole('button', { name: 'Show more' }));
    await within(section).findByText('Note 35');
    expect(within(section).getAllByRole('listitem')).toHaveLength(35);
    expect(within(section).queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    expect(asked).toEqual(['first/30', '30/30']);
  });

  it('names the language of feedback given in another language than the library’s default', async () => {
    const feedback = (language: string | null, index: number) => ({
      ...entry(index),
      type: 'feedback',
      summary: `Youth feedback ${index}`,
      language,
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request | URL | string) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (url.pathname === '/api/v1/settings/library')
          return json({ version: 1, name: 'L', timezone: 'UTC', defaultLanguage: 'en', languages: ['en', 'es'] });
        const data = [feedback('es', 0), feedback('en', 1), feedback(null, 2), entry(3)];
        return json({ data, meta: { total: data.length, limit: 30, offset: 0, nextCursor: null } });
      }),
    );
    render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <TimelineSection organizationId={ORG} canWrite={false} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    const section = await screen.findByRole('region', { name: 'Timeline' });
    const items = await within(section).findAllByRole('listitem');
    expect(await within(items[0]).findByText('Español')).toBeInTheDocument();
    for (const item of items.slice(1)) expect(within(item).queryByText(/Español|English/)).toBeNull();
  });
});
