import { CSV_COLUMNS, MAX_IMPORT_BYTES, MAX_LISTED_ERRORS } from '@tandem/shared';
import { ApiError, errorMessage } from '../api/problem';
import type { components, operations } from '../api/schema';
import { toListQuery, type DirectorySearch } from './directory-search';

/** What POST /organizations/import answers (a dry run: what would happen, with every row error). */
export type ImportResult = components['schemas']['ImportResultDto'];
export type ImportRowError = ImportResult['errors'][number];
export type ExportQuery = NonNullable<operations['OrganizationController_exportCsv']['parameters']['query']>;

/**
 * The header row of an export, the server's own list (@tandem/shared, which the server writes and
 * reads the file with). The spreadsheets browser spec compares the template's header with a real export's.
 */
export { CSV_COLUMNS, MAX_IMPORT_BYTES, MAX_LISTED_ERRORS };

export const TEMPLATE_FILE_NAME = 'tandem-partners-template.csv';

/**
 * The export's query for what the directory shows: the same filters and sort as the list, without
 * paging (the export has every match; the API refuses `limit` and `offset` there).
 */
export function toExportQuery(search: DirectorySearch): ExportQuery {
  const { limit: _limit, offset: _offset, ...query } = toListQuery(search);
  return query;
}

/** "tandem-partners-2026-12-07.csv", dated by the reader's own calendar. */
export function exportFileName(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `tandem-partners-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

/**
 * A header-only file to fill in: the export's columns, UTF-8 with a byte order mark and CRLF line
 * ends as the export has them (so Excel reads accents typed into it).
 */
export function templateCsv(): string {
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 });
}

/**
 * What is wrong with a picked file before anything is sent: not a .csv (a workbook saved as
 * .xlsx, say), empty, or over the upload limit. Null when it may be checked.
 */
export function pickedFileProblem(file: Pick<File, 'name' | 'size'>): string | null {
  if (!/\.csv$/i.test(file.name.trim())) {
    return `“${file.name}” is not a CSV file. In your spreadsheet, save or download the sheet as CSV (UTF-8), then pick that file.`;
  }
  if (file.size === 0) return 'The file is empty. Its first row should name the columns (id, name, …).';
  if (file.size > MAX_IMPORT_BYTES) {
    return `The file is ${megabytes(file.size)} MB; at most ${megabytes(MAX_IMPORT_BYTES)} MB can be imported at once. Split it into smaller files and import them one after the other.`;
  }
  return null;
}

/** "2 new partners, 1 updated". */
export function countsText({ created, updated }: Pick<ImportResult, 'created' | 'updated'>): string {
  return `${created} new ${created === 1 ? 'partner' : 'partners'}, ${updated} updated`;
}

/** The column a row error names, or the whole row's. */
export function columnText(error: ImportRowError): string {
  return error.field ?? 'Whole row';
}

/** The server's message follows the column name ("must be one of …"); in its own cell it starts a sentence. */
export function problemText(error: ImportRowError): string {
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}

/** Row errors in the order of the file (the server adds a broken quote's row last). */
export function sortedRowErrors(errors: readonly ImportRowError[]): ImportRowError[] {
  return [...errors].sort((a, b) => a.row - b.row);
}

function isRowError(value: unknown): value is ImportRowError {
  if (typeof value !== 'object' || value === null) return false;
  const { row, field, message } = value as Record<string, unknown>;
  return typeof row === 'number' && (field === null || typeof field === 'string') && typeof message === 'string';
}

/**
 * The row errors of a refused import (400 CSV_IMPORT_INVALID): the file changed under the check,
 * or a colleague's edit made a row stale in between. Null for any other failure.
 */
export function refusedRows(error: unknown): ImportRowError[] | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'CSV_IMPORT_INVALID') return null;
  const errors: unknown = error.problem.errors;
  return Array.isArray(errors) ? errors.filter(isRowError) : [];
}

/** A failed upload, in plain words: the server's own sentence where it has one for people. */
export function importFailureText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 413)
      return `The file is larger than ${megabytes(MAX_IMPORT_BYTES)} MB. Split it into smaller files and import them one after the other.`;
    if (error.status === 403) return 'Your role cannot import partners. Ask a colleague with the staff role or higher.';
  }
  return errorMessage(error);
}

/** A failed export, in plain words. */
export function exportFailureText(error: unknown): string {
  if (error instanceof ApiError && error.status === 403)
    return 'Your role cannot export the directory. Ask a colleague with the staff role or higher.';
  return errorMessage(error);
}
