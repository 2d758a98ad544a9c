import { Alert, Breadcrumbs, Group, List, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../api/problem';
import { BAND_LABELS } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { formatDateTime } from '../common/format';
import { PageTitle } from '../common/PageTitle';
import { BandBadge } from '../common/StageBadge';
import { Section } from '../organization/Section';
import { formatDay } from './chart-data';
import { BANDS_WORST_FIRST, EVERY_BAND, PRIORITY_LABELS } from './dashboard-format';
import { useDigest } from './dashboard-queries';
import { introductionTitle, strengthText } from '../matches/match-format';
import { DigestGoalsSection } from '../goals/DigestGoalsSection';

/** The weekly email digest to managers, as it was sent this week or as it would be sent now. */
export function DigestPage() {
  const user = useCurrentUser();
  if (!can(user, 'dashboard.read')) return <ForbiddenPage what="The weekly digest" who="managers and admins" />;
  return <Digest />;
}

function OrganizationName({ id, name }: { id: string; name: string }) {
  return (
    <AnchorLink to="/organizations/$organizationId" params={{ organizationId: id }} fw={600}>
      {name}
    </AnchorLink>
  );
}

function Digest() {
  const digest = useDigest();
  if (digest.error instanceof ApiError && digest.error.status === 403)
    return <ForbiddenPage what="The weekly digest" who="managers and admins" />;
  const data = digest.data;

  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb" separator="›">
        <AnchorLink to="/dashboard">Partnership dashboard</AnchorLink>
        <Text aria-current="page">Weekly digest</Text>
      </Breadcrumbs>
      <PageTitle>Weekly digest</PageTitle>
      {digest.isPending && (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>Loading the digest…</Text>
        </Group>
      )}
      {digest.isError && (
        <Alert color="red" role="alert" title="The digest could not be loaded">
          {errorMessage(digest.error)}
        </Alert>
      )}
      {data && (
        <>
          <Text>
            The week of {formatDay(data.weekOf)}.{' '}
            {data.stored
              ? `This week’s digest was emailed to managers and admins; this is what it said (written ${formatDateTime(data.composedAt)}).`
              : 'Not sent yet: this is what it would say if it went out now. It goes to every manager and admin on Monday morning.'}
          </Text>

          <Section id="digest-bands" title="Partners per band">
            <SimpleGrid component="dl" cols={{ base: 2, sm: 'unscored' in data.byBand ? 5 : 4 }} spacing="sm" m={0}>
              {/* Partners not scored yet, when the digest counts them (a server since issue 17 does). */}
              {('unscored' in data.byBand ? EVERY_BAND : BANDS_WORST_FIRST).map((band) => (
                <Paper key={band} withBorder p="sm" radius="md">
                  <Text component="dt">
                    <BandBadge band={band} />
                  </Text>
                  <Text component="dd" m={0} fz={24} fw={700}>
                    {data.byBand[band] ?? 0}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
          </Section>

          <Section id="digest-changes" title="Bands that changed since last week">
            {data.bandChanges.length === 0 ? (
              <Text c="dimmed">No partner changed band.</Text>
            ) : (
              <List spacing={4}>
                {data.bandChanges.map((change) => (
                  <List.Item key={change.organizationId}>
                    <OrganizationName id={change.organizationId} name={change.name} />: {BAND_LABELS[change.from]} →{' '}
                    {BAND_LABELS[change.to]} (score {change.score})
                  </List.Item>
                ))}
              </List>
            )}
          </Section>

          <Section id="digest-at-risk" title="Newly at risk">
            {data.newAtRisk.length === 0 ? (
              <Text c="dimmed">No partner fell into at risk or dormant this week.</Text>
            ) : (
              <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
                {data.newAtRisk.map((entry) => (
                  <li key={entry.organizationId}>
                    <Group gap="xs">
                      <OrganizationName id={entry.organizationId} name={entry.name} />
                      <BandBadge band={entry.band} />
                      <Text size="sm">score {entry.score}</Text>
                    </Group>
                    {entry.drivers.length > 0 && (
                      <List size="sm" spacing={2}>
                        {entry.drivers.map((driver) => (
                          <List.Item key={driver}>{driver}</List.Item>
                        ))}
                      </List>
                    )}
                  </li>
                ))}
              </Stack>
            )}
          </Section>

          <DigestGoalsSection goals={data.goalsOffTrack} />

          <Section id="digest-audiences" title="Audiences with no active partner">
            {data.uncoveredAudiences.length === 0 ? (
              <Text c="dimmed">Every audience has at least one active partner.</Text>
            ) : (
              <List spacing={4}>
                {data.uncoveredAudiences.map((audience) => (
                  <List.Item key={audience.audienceId}>
                    <Text span fw={audience.priority === 1 ? 700 : 500}>
                      {audience.name}
                    </Text>{' '}
                    ({(PRIORITY_LABELS[audience.priority] ?? `Priority ${audience.priority}`).toLowerCase()})
                  </List.Item>
                ))}
              </List>
            )}
          </Section>

          <Section id="digest-introductions" title="Introductions to make">
            {data.topIntroductions.length === 0 ? (
              <Text c="dimmed">No introductions to suggest.</Text>
            ) : (
              <Stack component="ol" gap="sm" m={0} pl="md">
                {data.topIntroductions.map((introduction) => (
                  <li key={`${introduction.providerId}-${introduction.seekerId}`}>
                    <Text fw={600}>{introductionTitle(introduction.providerName, introduction.seekerName)}</Text>
                    <Text size="sm">{strengthText(introduction.strength)}</Text>
                    <Text size="sm">{introduction.explanation}</Text>
                  </li>
                ))}
              </Stack>
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}
