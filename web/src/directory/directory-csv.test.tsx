import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';
import { CSV_COLUMNS, exportFileName, pickedFileProblem, templateCsv, toExportQuery } from './directory-csv';

const STAFF: User = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const YOUTH = '33333333-3333-4333-8333-333333333333';

describe('directory-csv', () => {
  it('exports what the directory shows: its filters and sort, every page', () => {
    expect(toExportQuery({ q: 'shelter', stage: 'active', audienceId: YOUTH, sort: '-updatedAt', page: 3 })).toEqual({
      q: 'shelter',
      stage: 'active',
      audienceId: YOUTH,
      sort: '-updatedAt',
    });
    expect(toExportQuery({})).toEqual({ sort: 'name' });
  });

  it('names the file by the reader’s own date', () => {
    expect(exportFileName(new Date(2026, 11, 7, 23, 59))).toBe('tandem-partners-2026-12-07.csv');
    expect(exportFileName(new Date(2027, 0, 1, 0, 0))).toBe('tandem-partners-2027-01-01.csv');
  });

  it('makes a template of the export’s header row only', () => {
    expect(templateCsv()).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
    expect(CSV_COLUMNS).toContain('name');
  });

  it('refuses a picked file that is not .csv, empty or over 5 MB, and takes any .csv', () => {
    expect(pickedFileProblem({ name: 'partners.xlsx', size: 10 })).toMatch(/not a CSV file/);
    expect(pickedFileProblem({ name: 'partners.CSV', size: 0 })).toMatch(/The file is empty/);
    expect(pickedFileProblem({ name: 'partners.csv', size: 5 * 1024 * 1024 + 1 })).toMatch(/at most 5 MB/);
    expect(pickedFileProblem({ name: 'Partners - Sheet1.CSV', size: 5 * 1024 * 1024 })).toBeNull();
  });
});

describe('Export CSV on the directory', () => {
  let saved: { name: string; bytes: Promise<Uint8Array> }[];

  beforeEach(() => {
    vi.unstubAllGlobals();
    saved = [];
    const blobs = new Map<string, Blob>();
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob as Blob);
      return url;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({
        name: this.download,
        bytes: blobs
          .get(this.href)!
          .arrayBuffer()
          .then((buffer) => new Uint8Array(buffer)),
      });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  function fakeApi(exportAnswer: () => Response) {
    const exports: URLSearchParams[] = [];
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    const fetch = vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === '/api/v1/organizations/export.csv') {
        expect(input.headers.get('Authorization')).toBe('Bearer test-token');
        exports.push(url.searchParams);
        return exportAnswer();
      }
      if (url.pathname === '/api/v1/organizations') return json({ data: [], meta: { total: 0, limit: 25, offset: 0 } });
      return json({ data: [] });
    });
    vi.stubGlobal('fetch', fetch);
    return exports;
  }

  function renderAt(path: string) {
    session.signInForTest(STAFF);
    const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
    render(
      <App
        router={router}
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
        env="test"
      />,
    );
  }

  it('downloads the directory with the filters, search and sort of the URL, as a dated file', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 11, 7, 9, 30) });
    const csv = '\uFEFFid,name\r\n1,Harbor House\r\n';
    const exports = fakeApi(
      () => new Response(csv, { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } }),
    );
    renderAt(`/organizations?q=shelter&stage=active&audienceId=${YOUTH}&sort=-updatedAt&page=2`);
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    vi.useRealTimers();
    expect(Object.fromEntries(exports[0])).toEqual({
      q: 'shelter',
      stage: 'active',
      audienceId: YOUTH,
      sort: '-updatedAt',
    });
    expect(saved[0].name).toBe('tandem-partners-2026-12-07.csv');
    // The bytes as served (the byte order mark included, so Excel reads accents).
    expect(Array.from(await saved[0].bytes)).toEqual(Array.from(new TextEncoder().encode(csv)));
  });

  it('says in plain words when the file could not be downloaded', async () => {
    fakeApi(
      () =>
        new Response(JSON.stringify({ status: 400, detail: 'stage must be one of prospect, exploring' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    renderAt('/organizations');
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The CSV file could not be downloaded');
    expect(alert).toHaveTextContent('stage must be one of prospect, exploring');
    expect(saved).toEqual([]);
  });
});
