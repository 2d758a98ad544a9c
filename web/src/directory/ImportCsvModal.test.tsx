import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';
import type { ImportResult, ImportRowError } from './directory-csv';

const STAFF: User = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const VIEWER: User = { ...STAFF, id: '22222222-2222-4222-8222-222222222222', name: 'Vic Viewer', role: 'viewer' };
const HEADER = 'id,name,stage,mission,version\r\n';
const STAGE_ERROR: ImportRowError = {
  row: 3,
  field: 'stage',
  message: 'must be one of prospect, exploring, active, paused, ended',
};

interface Upload {
  dryRun: boolean;
  fileName: string;
  text: string;
}

type Answer = ImportResult | { status: number; problem: Record<string, unknown> };

/**
 * A stand-in for the API: the directory's list, and an import route that records every upload
 * (dry run or not, the file's name and text) and answers from the queue given.
 */
function fakeApi(answers: { dryRun: Answer[]; run?: Answer[] }) {
  const uploads: Upload[] = [];
  const listCalls: URLSearchParams[] = [];
  const exports: URLSearchParams[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
    });
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const request = input instanceof Request ? input : new Request(input);
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/api/v1/organizations':
        listCalls.push(url.searchParams);
        return json({ data: [], meta: { total: 0, limit: 25, offset: 0 } });
      case '/api/v1/organizations/export.csv':
        exports.push(url.searchParams);
        return new Response(`\uFEFF${HEADER}`, { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
      case '/api/v1/organizations/import': {
        expect(request.method).toBe('POST');
        const dryRun = url.searchParams.get('dryRun') === 'true';
        const file = (await request.formData()).get('file') as File;
        uploads.push({ dryRun, fileName: file.name, text: await file.text() });
        const answer = (dryRun ? answers.dryRun : (answers.run ?? [])).shift();
        if (!answer) throw new Error(`no answer queued for ${dryRun ? 'a dry run' : 'an import'}`);
        return 'status' in answer ? json(answer.problem, answer.status) : json(answer);
      }
      case '/api/v1/audiences':
      case '/api/v1/capabilities':
      case '/api/v1/users/directory':
        return json({ data: [] });
      default:
        return json({ status: 404, detail: 'not here' }, 404);
    }
  });
  vi.stubGlobal('fetch', fetch);
  return { uploads, listCalls, exports };
}

/**
 * jsdom's File and FormData are not the classes Node's fetch (undici) serializes: a jsdom file in
 * a request's form arrives empty. A browser has one of each; so does the test, with Node's own.
 */
async function useNodeFiles() {
  const NodeFormData = (await new Response(new URLSearchParams('a=b')).formData()).constructor;
  vi.stubGlobal('File', NodeFile);
  vi.stubGlobal('Blob', NodeBlob);
  vi.stubGlobal('FormData', NodeFormData);
}

function renderDirectory(user: User = STAFF, path = '/organizations') {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
}

async function openImport() {
  await userEvent.click(await screen.findByRole('button', { name: 'Import CSV' }));
  return screen.findByRole('dialog', { name: 'Import partners from a CSV file' });
}

function csvFile(text: string, name = 'partners.csv'): File {
  return new File([text], name, { type: 'text/csv' });
}

/** Picks a file in the dialog's file input, as a person choosing it in the file picker does. */
async function pickFile(dialog: HTMLElement, file: File) {
  const input = dialog.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input in the dialog');
  await userEvent.setup().upload(input, file);
}

const button = (dialog: HTMLElement, name: string) => within(dialog).getByRole('button', { name });

describe('ImportCsvModal', () => {
  beforeEach(async () => {
    vi.unstubAllGlobals();
    await useNodeFiles();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks the file with a dry run and lists its row errors in a table, with Import still off', async () => {
    const api = fakeApi({
      dryRun: [
        {
          created: 0,
          updated: 1,
          errors: [STAGE_ERROR, { row: 2, field: null, message: 'has 2 cells; the header has 5' }],
        },
      ],
    });
    renderDirectory();
    const dialog = await openImport();
    expect(button(dialog, 'Import')).toBeDisabled();
    expect(button(dialog, 'Check the file')).toBeDisabled();

    const text = `${HEADER}1,Harbor,active,New mission,1\r\n2,Dogwood,thriving,,1\r\n`;
    await pickFile(dialog, csvFile(text));
    await userEvent.click(button(dialog, 'Check the file'));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was written: 2 problems to fix');
    expect(alert).toHaveTextContent('The other rows are fine (0 new partners, 1 updated)');
    const table = within(dialog).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Row', 'Column', 'Problem']);
    // In the file's order, in plain words.
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((cell) => cell.textContent),
        ),
    ).toEqual([
      ['2', 'Whole row', 'Has 2 cells; the header has 5'],
      ['3', 'stage', 'Must be one of prospect, exploring, active, paused, ended'],
    ]);
    expect(button(dialog, 'Import')).toBeDisabled();
    expect(api.uploads).toEqual([{ dryRun: true, fileName: 'partners.csv', text }]);
  });

  it('offers Import only after a clean check of the file picked now; a file picked again needs a check of its own', async () => {
    const api = fakeApi({
      dryRun: [
        { created: 0, updated: 1, errors: [STAGE_ERROR] },
        { created: 1, updated: 2, errors: [] },
      ],
      run: [{ created: 1, updated: 2, errors: [] }],
    });
    renderDirectory();
    const dialog = await openImport();
    await pickFile(dialog, csvFile(`${HEADER}1,Harbor,active,,1\r\n2,Dogwood,thriving,,1\r\n`));
    await userEvent.click(button(dialog, 'Check the file'));
    await within(dialog).findByRole('table');
    expect(button(dialog, 'Import')).toBeDisabled();

    // Fixed in the spreadsheet and picked again: the errors of the old file go, and a new check is needed.
    const fixed = `${HEADER}1,Harbor,active,,1\r\n2,Dogwood,paused,,1\r\n,Westside Food Pantry,,,\r\n`;
    await pickFile(dialog, csvFile(fixed));
    expect(within(dialog).queryByRole('table')).not.toBeInTheDocument();
    expect(button(dialog, 'Import')).toBeDisabled();
    await userEvent.click(button(dialog, 'Check the file'));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Ready: 1 new partner, 2 updated');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    await waitFor(() => expect(button(dialog, 'Import')).toBeEnabled());

    // Another file picked after a clean check needs its own check.
    await pickFile(dialog, csvFile(`${HEADER},Another,,,\r\n`, 'other.csv'));
    expect(button(dialog, 'Import')).toBeDisabled();
    expect(within(dialog).queryByText(/^Ready:/)).not.toBeInTheDocument();
    expect(api.uploads.map((upload) => upload.dryRun)).toEqual([true, true]);
  });

  it('imports after a clean check, shows the summary and refreshes the directory', async () => {
    const api = fakeApi({
      dryRun: [{ created: 1, updated: 2, errors: [] }],
      run: [{ created: 1, updated: 2, errors: [] }],
    });
    renderDirectory();
    const dialog = await openImport();
    const text = `${HEADER}1,Harbor,active,New mission,1\r\n,Westside Food Pantry,,,\r\n`;
    await pickFile(dialog, csvFile(text));
    await userEvent.click(button(dialog, 'Check the file'));
    await within(dialog).findByText('Ready: 1 new partner, 2 updated');
    const listCallsBefore = api.listCalls.length;

    await userEvent.click(button(dialog, 'Import'));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Imported: 1 new partner, 2 updated');
    expect(api.uploads).toEqual([
      { dryRun: true, fileName: 'partners.csv', text },
      { dryRun: false, fileName: 'partners.csv', text },
    ]);
    // The directory behind the dialog asks the API again.
    await waitFor(() => expect(api.listCalls.length).toBeGreaterThan(listCallsBefore));
    expect(within(dialog).queryByRole('button', { name: 'Import' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Check the file' })).not.toBeInTheDocument();

    await userEvent.click(button(dialog, 'Done'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says "Nothing to import" for a header-only file and keeps Import off', async () => {
    fakeApi({ dryRun: [{ created: 0, updated: 0, errors: [] }] });
    renderDirectory();
    const dialog = await openImport();
    await pickFile(dialog, csvFile(HEADER));
    await userEvent.click(button(dialog, 'Check the file'));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Nothing to import');
    expect(button(dialog, 'Import')).toBeDisabled();
  });

  it('shows the rows of an import the server refuses after all (changed since the check), and asks for a new check', async () => {
    const stale: ImportRowError = {
      row: 2,
      field: 'version',
      message: 'is 1, but the organization is now at version 2: someone changed it since this file was exported.',
    };
    fakeApi({
      dryRun: [{ created: 0, updated: 1, errors: [] }],
      run: [
        {
          status: 400,
          problem: {
            status: 400,
            code: 'CSV_IMPORT_INVALID',
            detail: 'Nothing was imported: the file has an error.',
            errors: [stale],
            errorCount: 1,
          },
        },
      ],
    });
    renderDirectory();
    const dialog = await openImport();
    await pickFile(dialog, csvFile(`${HEADER}1,Harbor,active,,1\r\n`));
    await userEvent.click(button(dialog, 'Check the file'));
    await within(dialog).findByText('Ready: 0 new partners, 1 updated');
    await userEvent.click(button(dialog, 'Import'));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported');
    expect(
      within(within(dialog).getByRole('table'))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      '2',
      'version',
      'Is 1, but the organization is now at version 2: someone changed it since this file was exported.',
    ]);
    expect(within(dialog).queryByText(/^Ready:/)).not.toBeInTheDocument();
    expect(button(dialog, 'Import')).toBeDisabled();
  });

  it('refuses a file that is not a .csv or is over 5 MB in plain words, without sending it', async () => {
    const api = fakeApi({ dryRun: [] });
    renderDirectory();
    const dialog = await openImport();
    const big = csvFile('x');
    Object.defineProperty(big, 'size', { value: 6 * 1024 * 1024 });
    await pickFile(dialog, big);
    expect(
      await within(dialog).findByText(/The file is 6 MB; at most 5 MB can be imported at once/),
    ).toBeInTheDocument();
    expect(button(dialog, 'Check the file')).toBeDisabled();

    // The picker offers .csv files; a workbook can still be chosen (its "All files" choice).
    const input = dialog.querySelector<HTMLInputElement>('input[type="file"]')!;
    fireEvent.change(input, { target: { files: [new File(['PK'], 'partners.xlsx')] } });
    expect(await within(dialog).findByText(/“partners\.xlsx” is not a CSV file/)).toBeInTheDocument();
    expect(button(dialog, 'Check the file')).toBeDisabled();
    expect(api.uploads).toEqual([]);
  });

  it('shows the server’s plain words for a file it cannot read, and for one too large', async () => {
    fakeApi({
      dryRun: [
        {
          status: 400,
          problem: {
            status: 400,
            code: 'CSV_UNREADABLE',
            detail: 'The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.',
          },
        },
        { status: 413, problem: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'File too large' } },
      ],
    });
    renderDirectory();
    const dialog = await openImport();
    await pickFile(dialog, csvFile('caf\u00e9'));
    await userEvent.click(button(dialog, 'Check the file'));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The file could not be checked');
    expect(alert).toHaveTextContent('The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.');

    await userEvent.click(button(dialog, 'Check the file'));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'The file is larger than 5 MB. Split it into smaller files and import them one after the other.',
      ),
    );
    expect(button(dialog, 'Import')).toBeDisabled();
  });

  it('shows neither Export CSV nor Import CSV to a viewer', async () => {
    fakeApi({ dryRun: [] });
    renderDirectory(VIEWER);
    await screen.findByRole('heading', { level: 1, name: 'Partner directory' });
    await screen.findByRole('status');
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).not.toBeInTheDocument();
  });
});
