import { Alert, Loader, Stack, Text } from '@mantine/core';
import { ButtonLink } from './ButtonLink';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { Section } from '../organization/Section';
import type { VisitListQuery } from './outreach-data';
import { VisitList } from './VisitList';
import { useVisits } from './visits-queries';

const SHOWN = 5;

/** "Log a visit" for this partner, for those who may; it opens the form with the partner chosen. */
export function LogVisitButton({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  if (!can(user, 'outreach.write')) return null;
  return (
    <ButtonLink to="/log-visit" search={{ organizationId }} size="md" mt="xs" style={{ alignSelf: 'flex-start' }}>
      Log a visit
    </ButtonLink>
  );
}

/** The partner's latest visits, with a link to all of them. */
export function OrganizationVisitsSection({ organizationId }: { organizationId: string }) {
  const query: VisitListQuery = { organizationId, sort: '-visitedAt', limit: SHOWN };
  const visits = useVisits(query);
  const total = visits.data?.meta.total ?? 0;

  return (
    <Section id="visits" title="Visits">
      <Stack gap="sm">
        {visits.isPending && <Loader size="sm" aria-label="Loading visits" />}
        {visits.isError && (
          <Alert color="red" role="alert">
            {errorMessage(visits.error)}
          </Alert>
        )}
        {visits.data?.data.length === 0 && <Text c="dimmed">No visits logged yet.</Text>}
        {visits.data && visits.data.data.length > 0 && <VisitList visits={visits.data.data} showPartner={false} />}
        {total > 0 && (
          <AnchorLink to="/visits" search={{ organizationId }} size="sm">
            {total > SHOWN ? `All ${total} visits with this partner` : 'Visits with this partner'}
          </AnchorLink>
        )}
      </Stack>
    </Section>
  );
}
