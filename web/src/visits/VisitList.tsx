import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { ownerLabel, useColleagues } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDateTime } from '../common/format';
import { useOrganizationNames, useProgramOptions } from './outreach-data';
import { countsSummary, PURPOSE_LABELS, type Visit } from './visit-form';

/**
 * Visits as cards (a table would scroll sideways on a phone). Who was met is shown as a count,
 * and only to those who may see contacts' details at all; the names are on the partner's page.
 */
export function VisitList({ visits, showPartner = true }: { visits: readonly Visit[]; showPartner?: boolean }) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const programs = useProgramOptions();
  const names = useOrganizationNames(showPartner ? visits.map((visit) => visit.organizationId) : []);
  const programNames = new Map(programs.data?.map((program) => [program.id, program.name]));
  const seesContacts = can(user, 'directory.write');

  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {visits.map((visit) => {
        const counts = countsSummary(visit);
        const program = visit.programId ? programNames.get(visit.programId) : undefined;
        return (
          <Paper key={visit.id} component="li" withBorder p="sm" data-testid="visit">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Stack gap={2}>
                {showPartner && (
                  <AnchorLink
                    to="/organizations/$organizationId"
                    params={{ organizationId: visit.organizationId }}
                    fw={600}
                  >
                    {names.get(visit.organizationId) ?? 'Partner'}
                  </AnchorLink>
                )}
                <Text size="sm">
                  <time dateTime={visit.visitedAt}>{formatDateTime(visit.visitedAt)}</time>
                  {visit.location ? ` · ${visit.location}` : ''}
                </Text>
              </Stack>
              <Badge variant="light" color="blue" tt="none">
                {PURPOSE_LABELS[visit.purpose]}
              </Badge>
            </Group>
            {counts && (
              <Text size="sm" fw={500} mt={4}>
                {counts}
              </Text>
            )}
            <Text size="sm" c="dimmed" mt={4}>
              {[
                `With ${visit.staffIds.map((id) => ownerLabel(id, user, colleagues.data).replace(/^(You|A colleague)$/, (word) => word.toLowerCase())).join(', ')}`,
                seesContacts && visit.contactIds.length > 0
                  ? `met ${visit.contactIds.length} ${visit.contactIds.length === 1 ? 'contact' : 'contacts'}`
                  : null,
                program ? `for ${program}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {visit.notes && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
                {visit.notes}
              </Text>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
