import { keepPreviousData, skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { saveFile } from '../common/save-file';
import { csvFileName } from './report-format';
import type { OutreachReportDto, OutreachReportQuery } from './report-types';

export const reportKeys = { outreach: ['reports', 'outreach'] as const };

/** The outreach report for a query (null: nothing to ask for yet, the dates given are incomplete). */
export function useOutreachReport(query: OutreachReportQuery | null) {
  return useQuery({
    queryKey: [...reportKeys.outreach, query] as const,
    queryFn: query
      ? async ({ signal }) => unwrap(await api.GET('/api/v1/reports/outreach', { params: { query }, signal }))
      : skipToken,
    // Keep the last report in view while another period or grouping loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * Downloads the report as CSV, same query. The access token is a bearer header, which a plain
 * link cannot carry, so the file comes through the authenticated client and is saved from memory
 * (as the directory's export does), named as the server names it.
 */
export function useReportCsv() {
  return useMutation({
    mutationFn: async ({ query, report }: { query: OutreachReportQuery; report: OutreachReportDto }) => {
      const file = unwrap(await api.GET('/api/v1/reports/outreach.csv', { params: { query }, parseAs: 'blob' }));
      saveFile(file, csvFileName(report));
    },
  });
}
