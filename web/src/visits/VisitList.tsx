import { Badge, Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ownerLabel, useColleagues } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDateTime } from '../common/format';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';
import { EditVisitModal } from './EditVisitModal';
import { useOrganizationNames, useProgramOptions } from './outreach-data';
import { countsSummary, PURPOSE_LABELS, type Visit } from './visit-form';
import { deleteVisit, useRefreshVisitViews } from './visits-queries';

/**
 * Visits as cards (a table would scroll sideways on a phone). Who was met is shown as a count,
 * and only to those who may see contacts' details at all; the names are on the partner's page.
 * Staff edit or delete a visit from its card; viewers see no such control.
 */
export function VisitList({ visits, showPartner = true }: { visits: readonly Visit[]; showPartner?: boolean }) {
  const user = useCurrentUser();
  const refreshVisitViews = useRefreshVisitViews();
  const colleagues = useColleagues();
  const canWrite = can(user, 'outreach.write');
  const [editing, setEditing] = useState<Visit | null>(null);
  const [deleting, setDeleting] = useState<Visit | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const programs = useProgramOptions();
  const names = useOrganizationNames(showPartner ? visits.map((visit) => visit.organizationId) : []);
  const programNames = new Map(programs.data?.map((program) => [program.id, program.name]));
  const seesContacts = can(user, 'directory.write');

  return (
    <>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {visits.map((visit) => {
          const counts = countsSummary(visit);
          const program = visit.programId ? programNames.get(visit.programId) : undefined;
          const when = formatDateTime(visit.visitedAt);
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
                    <time dateTime={visit.visitedAt}>{when}</time>
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
              {canWrite && (
                <Group gap="xs" mt="xs">
                  <Button
                    variant="light"
                    size="compact-sm"
                    aria-label={`Edit the visit of ${when}`}
                    onClick={() => setEditing(visit)}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    aria-label={`Delete the visit of ${when}`}
                    onClick={() => setDeleting(visit)}
                  >
                    Delete
                  </Button>
                </Group>
              )}
            </Paper>
          );
        })}
      </Stack>
      {editing && (
        <EditVisitModal
          visit={editing}
          onClose={() => setEditing(null)}
          onSaved={() => setAnnouncement('Visit saved.')}
        />
      )}
      {deleting && (
        <ConfirmDeleteModal
          title="Delete this visit?"
          confirmLabel="Delete visit"
          remove={() => deleteVisit(deleting.id)}
          onDeleted={async () => {
            setDeleting(null);
            setAnnouncement('Visit deleted.');
            await refreshVisitViews([deleting.organizationId]);
          }}
          onClose={() => setDeleting(null)}
        >
          The visit
          {showPartner && names.get(deleting.organizationId) ? ` to ${names.get(deleting.organizationId)}` : ''} on{' '}
          {formatDateTime(deleting.visitedAt)} goes from the records and the reports. Follow-ups made from it stay, no
          longer linked to it. This cannot be undone.
        </ConfirmDeleteModal>
      )}
    </>
  );
}
