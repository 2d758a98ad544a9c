import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AfterWrite } from '../admin/admin-queries';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { CreateOrganization, Organization } from '../api/types';
import { saveFile } from '../common/save-file';
import { exportFileName, toExportQuery, type ImportResult } from './directory-csv';
import type { DirectorySearch } from './directory-search';

/** Adds a partner; every directory query is refreshed before the screen hears of it. */
export function useCreateOrganization(after: AfterWrite<Organization, CreateOrganization> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateOrganization) => unwrap(await api.POST('/api/v1/organizations', { body })),
    onSuccess: async (organization, body) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      await after.onSuccess?.(organization, body);
    },
    onError: (error, body) => after.onError?.(error, body),
  });
}

/**
 * Downloads the directory as the reader sees it (filters, search and sort of the URL; every
 * page) as a dated CSV file. The access token is a bearer header, which a plain link cannot
 * carry, so the file comes through the app's authenticated client and is saved from memory.
 */
export function useDirectoryExport() {
  return useMutation({
    mutationFn: async (search: DirectorySearch) => {
      const file = unwrap(
        await api.GET('/api/v1/organizations/export.csv', {
          params: { query: toExportQuery(search) },
          parseAs: 'blob',
        }),
      );
      saveFile(file, exportFileName(new Date()));
    },
  });
}

/**
 * POST /organizations/import with one CSV file: with `dryRun` it only checks (the answer lists
 * every row error, nothing is written); without, it imports every row or, with any error, none.
 * A real import refreshes every directory query.
 */
export function useCsvImport({ dryRun }: { dryRun: boolean }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<ImportResult> =>
      unwrap(
        await api.POST('/api/v1/organizations/import', {
          params: { query: dryRun ? { dryRun: true } : {} },
          // The generated type says string (OpenAPI's "binary"); the serializer sends the file itself.
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file, file.name);
            return form;
          },
        }),
      ),
    onSuccess: async () => {
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
}
