import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { usePrograms } from '../programs/program-queries';
import { ROLE_LABELS } from '../programs/program-types';
import { ProgramStatusBadge } from '../programs/StatusBadge';
import { Section } from './Section';

const PROGRAMS_SHOWN = 50;

/** The programs this partner is part of, with its role in each; staff start a new one with it as host. */
export function OrganizationProgramsSection({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const programs = usePrograms({ organizationId, limit: PROGRAMS_SHOWN });
  const list = programs.data?.data ?? [];
  return (
    <Section id="programs" title="Programs">
      <Stack gap="sm">
        {programs.isPending && <Loader size="sm" aria-label="Loading programs" />}
        {programs.isError && (
          <Alert color="red" role="alert">
            {errorMessage(programs.error)}
          </Alert>
        )}
        {programs.isSuccess && list.length === 0 && <Text c="dimmed">No programs with this partner yet.</Text>}
        {list.length > 0 && (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {list.map((program) => {
              const role = program.partners.find((partner) => partner.organizationId === organizationId)?.role;
              return (
                <li key={program.id}>
                  <Group gap="xs" wrap="wrap">
                    <AnchorLink
                      to="/programs/$programId"
                      params={{ programId: program.id }}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {program.name}
                    </AnchorLink>
                    <ProgramStatusBadge status={program.status} />
                    {role && (
                      <Text size="sm" c="dimmed">
                        {ROLE_LABELS[role]}
                      </Text>
                    )}
                  </Group>
                </li>
              );
            })}
          </Stack>
        )}
        {programs.data && programs.data.meta.total > list.length && (
          <Text size="sm" c="dimmed">
            Showing {list.length} of {programs.data.meta.total} programs.
          </Text>
        )}
        {can(user, 'outreach.write') && (
          <AnchorLink to="/programs/new" search={{ organizationId }}>
            Start a program with this partner
          </AnchorLink>
        )}
      </Stack>
    </Section>
  );
}
