import { Alert, Group, List, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { HealthComponents } from '../api/types';
import { BandBadge } from '../common/StageBadge';
import { Section } from './Section';

/** Every component the API scores; a new one fails the type check until it has a label here. */
const COMPONENT_LABELS: Record<keyof HealthComponents, string> = {
  recency: 'Contact recency',
  sessions: 'Sessions held',
  feedback: 'Feedback',
  attendance: 'Attendance trend',
  followUps: 'Follow-ups',
  fit: 'Fit',
  checkIn: 'Latest check-in',
};

export function HealthSection({ organizationId }: { organizationId: string }) {
  const health = useQuery({
    queryKey: queryKeys.health(organizationId),
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{id}/health', { params: { path: { id: organizationId } } })),
  });

  return (
    <Section id="health" title="Partnership health">
      {health.isPending && <Loader size="sm" aria-label="Loading health" />}
      {health.isError && (
        <Alert color="red" role="alert">
          {errorMessage(health.error)}
        </Alert>
      )}
      {health.data && (
        <Stack gap="sm">
          <Group gap="sm" align="baseline">
            <Text fz={32} fw={700} lh={1}>
              {health.data.score}
              <Text span fz="md" fw={500}>
                {' '}
                / 100
              </Text>
            </Text>
            <BandBadge band={health.data.band} />
          </Group>
          <div>
            <Text fw={600} size="sm" id="health-drivers">
              What drives it
            </Text>
            {health.data.drivers.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing holds this partnership back.
              </Text>
            ) : (
              <List size="sm" aria-labelledby="health-drivers" spacing={2}>
                {health.data.drivers.map((driver) => (
                  <List.Item key={driver}>{driver}</List.Item>
                ))}
              </List>
            )}
          </div>
          <Table withTableBorder={false} verticalSpacing={4} fz="sm" captionSide="top">
            <caption style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 4 }}>Components (0–100)</caption>
            <Table.Tbody>
              {(Object.keys(COMPONENT_LABELS) as (keyof HealthComponents)[]).map((key) => {
                const value = health.data.components[key];
                return (
                  <Table.Tr key={key}>
                    <Table.Th scope="row" fw={500}>
                      {COMPONENT_LABELS[key]}
                    </Table.Th>
                    <Table.Td ta="right">{value === null ? <Text span size="sm" c="dimmed">no data</Text> : value}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Section>
  );
}
