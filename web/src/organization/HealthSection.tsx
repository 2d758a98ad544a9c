import { Alert, Anchor, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDate } from '../common/format';
import { BandBadge } from '../common/StageBadge';
import { ScoreHistoryChart } from '../dashboard/charts';
import { capText, COMPONENT_LABELS, componentFacts, shareText, type ComponentKey } from '../dashboard/health-facts';
import { useOrganizationHealth } from './organization-queries';
import { Section } from './Section';

/**
 * The partnership's health: the score and band, what drives it, each component with its share
 * of the score and the facts behind it, and the weekly history.
 */
export function HealthSection({ organizationId }: { organizationId: string }) {
  const health = useOrganizationHealth(organizationId);

  return (
    <Section id="health" title="Partnership health">
      {health.isPending && <Loader size="sm" aria-label="Loading health" />}
      {health.isError && (
        <Alert color="red" role="alert">
          {errorMessage(health.error)}
        </Alert>
      )}
      {health.data && (health.data.score === null || health.data.band === 'unscored') && (
        <UnscoredHealth organizationId={organizationId} />
      )}
      {health.data && health.data.score !== null && health.data.band !== 'unscored' && (
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
          {health.data.cap && (
            <Text size="sm" data-testid="health-cap">
              {capText(health.data.cap, health.data.details)}
            </Text>
          )}
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
          <Table withTableBorder={false} verticalSpacing={6} fz="sm" captionSide="top">
            <caption style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 4 }}>Components (each 0–100)</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Component and its facts</Table.Th>
                <Table.Th ta="right">Score</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(Object.keys(COMPONENT_LABELS) as ComponentKey[]).map((key) => {
                const detail = health.data.details[key];
                const value = health.data.components[key];
                return (
                  <Table.Tr key={key} data-testid={`component-${key}`}>
                    <Table.Th scope="row" fw={400}>
                      <Text span fw={600} size="sm" display="block">
                        {COMPONENT_LABELS[key]}
                      </Text>
                      <Text span size="xs" c="dimmed" display="block">
                        {shareText(detail)}
                      </Text>
                      <Text span size="xs" display="block">
                        {componentFacts(key, detail, formatDate)}
                      </Text>
                    </Table.Th>
                    {/* Kept on one line: the body's break-anywhere rule would squeeze "no data" to a letter column. */}
                    <Table.Td ta="right" valign="top" style={{ whiteSpace: 'nowrap' }}>
                      {value === null ? (
                        <Text span size="sm" c="dimmed">
                          no data
                        </Text>
                      ) : (
                        value
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <div>
            <Title order={3} size="h5" mb={4}>
              Score history
            </Title>
            <ScoreHistoryChart history={health.data.history} />
          </div>
        </Stack>
      )}
    </Section>
  );
}

/**
 * A partnership with no evidence yet (no session held, visit, feedback or check-in) has no score:
 * a number from its fit and its age alone would look more certain than it is. Says so, and what
 * would give it one, with the way to each on this page for the roles that may do it.
 */
function UnscoredHealth({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const outreach = can(user, 'outreach.write');
  const checkIn = can(user, 'checkIn.send');
  return (
    <Stack gap="sm" data-testid="health-unscored">
      <Group gap="sm" align="center">
        <Text fz="lg" fw={700} lh={1.2}>
          Not enough to go on yet
        </Text>
        <BandBadge band="unscored" />
      </Group>
      <Text size="sm">
        The score starts with the first real sign of how the partnership is going. Any one of these will give it one:
      </Text>
      <List size="sm" spacing={6} aria-label="What would score this partnership">
        <List.Item>
          {outreach ? (
            <AnchorLink to="/log-visit" search={{ organizationId }}>
              Log a visit
            </AnchorLink>
          ) : (
            'A visit logged'
          )}{' '}
          with the partner
        </List.Item>
        <List.Item>
          {outreach ? <Anchor href="#programs">Record a session held</Anchor> : 'A session held'} in one of its programs
        </List.Item>
        <List.Item>
          {outreach ? <Anchor href="#feedback">Record feedback</Anchor> : 'Feedback'} from the partner or the people it
          serves
        </List.Item>
        <List.Item>
          {checkIn ? <Anchor href="#check-ins">Start a check-in</Anchor> : 'A check-in'} with the partner
        </List.Item>
      </List>
      <Text size="xs" c="dimmed">
        Its fit and how long ago it was added do not count as evidence. The score history starts with the first score.
      </Text>
    </Stack>
  );
}
