import { Badge, Breadcrumbs, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useAudiences } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { LanguageBadge } from '../library/languages';
import { QueryState } from '../common/QueryState';
import { Section } from '../organization/Section';
import { ProgramRemindersSection } from '../reminders/ProgramRemindersSection';
import { ScopedGoalsSection } from '../goals/ScopedGoalsSection';
import { CalendarLinkSection } from './CalendarLink';
import { ChangeStatusModal } from './ChangeStatusModal';
import { FeedbackLinksSection } from './FeedbackLinksSection';
import { LinkButton } from './LinkButton';
import { useClosures, useProgram } from './program-queries';
import { ROLE_LABELS, type Program } from './program-types';
import { parseProgramPageSearch } from './programs-search';
import { describeSpan, previewSchedule } from './schedule-preview';
import { SessionsCalendar } from './SessionsCalendar';
import { ProgramStatusBadge } from './StatusBadge';
import { viewerZone } from './zone';

const route = getRouteApi('/app/programs/$programId');

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
        {children}
      </Text>
    </div>
  );
}

/** One program: when it meets, its sessions and attendance, partners, goals, reminders and feedback link. */
export function ProgramPage() {
  const { programId } = route.useParams();
  const rawSearch = route.useSearch();
  const { month } = parseProgramPageSearch(rawSearch);
  const navigate = route.useNavigate();
  const user = useCurrentUser();
  const [changingStatus, statusModal] = useDisclosure(false);
  const program = useProgram(programId);

  if (!program.isSuccess) {
    return (
      <QueryState
        query={program}
        noun="program"
        notFound="There is no such program (it may have been deleted)."
        back={<AnchorLink to="/programs">Back to programs</AnchorLink>}
      />
    );
  }

  const data = program.data;
  const canWrite = can(user, 'outreach.write');
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb" separator="›">
        <AnchorLink to="/programs">Programs</AnchorLink>
        <Text aria-current="page">{data.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <PageTitle style={{ overflowWrap: 'anywhere' }}>{data.name}</PageTitle>
          <Group gap="xs">
            <ProgramStatusBadge status={data.status} />
            <LanguageBadge language={data.language} />
          </Group>
        </Stack>
        {canWrite && (
          <Group gap="xs">
            <Button variant="light" onClick={statusModal.open}>
              Change status
            </Button>
            <LinkButton to="/programs/$programId/edit" params={{ programId: data.id }}>
              Edit program
            </LinkButton>
          </Group>
        )}
      </Group>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <ScheduleSection program={data} />
            <Section id="sessions" title="Sessions">
              <SessionsCalendar
                program={data}
                month={month}
                canWrite={canWrite}
                onMonthChange={(next) => void navigate({ search: next ? { month: next } : {}, replace: true })}
              />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <PartnersSection program={data} />
            <ScopedGoalsSection programId={data.id} />
            <AboutSection program={data} />
            <ProgramRemindersSection program={data} />
            <CalendarLinkSection program={data} />
            {canWrite && <FeedbackLinksSection program={data} />}
          </Stack>
        </Grid.Col>
      </Grid>
      {canWrite && (
        <ChangeStatusModal key={data.version} program={data} opened={changingStatus} onClose={statusModal.close} />
      )}
    </Stack>
  );
}

function ScheduleSection({ program }: { program: Program }) {
  const closures = useClosures();
  const fields = { schedule: program.schedule, startDate: program.startDate, endDate: program.endDate };
  const preview = previewSchedule(fields, { now: new Date(), closures: closures.data, viewerZone: viewerZone() });
  return (
    <Section id="schedule" title="Schedule">
      <Stack gap="sm">
        <Text fw={500} data-testid="schedule-sentence">
          {preview.ok ? preview.sentence : 'This schedule no longer passes the checks; edit it to fix it.'}
        </Text>
        <Text size="sm" c="dimmed">
          {describeSpan(fields)}
          {program.schedule.location ? ` · ${program.schedule.location}` : ''}
        </Text>
        {program.status === 'paused' && (
          <Text size="sm">Paused: its sessions stay on the calendar, and their reminders are skipped.</Text>
        )}
      </Stack>
    </Section>
  );
}

function PartnersSection({ program }: { program: Program }) {
  return (
    <Section id="partners" title="Partners">
      {program.partners.length === 0 ? (
        <Text c="dimmed">No partner yet.</Text>
      ) : (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {program.partners.map((partner) => (
            <Group component="li" key={partner.organizationId} gap="xs" wrap="wrap">
              <AnchorLink
                to="/organizations/$organizationId"
                params={{ organizationId: partner.organizationId }}
                fw={600}
              >
                {partner.organizationName}
              </AnchorLink>
              <Badge variant="outline" color="gray.8" tt="none" fw={500}>
                {ROLE_LABELS[partner.role]}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function AboutSection({ program }: { program: Program }) {
  const audiences = useAudiences();
  const names = program.audienceIds
    .map((id) => audiences.data?.find((audience) => audience.id === id)?.name)
    .filter((name): name is string => !!name);
  return (
    <Section id="about" title="Audiences and goals">
      <Stack component="dl" gap="sm" m={0}>
        <Field label="For">{names.length > 0 ? names.join(', ') : 'No audience recorded'}</Field>
        {program.description && <Field label="About">{program.description}</Field>}
        <Field label="What the library wants from it">{program.libraryGoal ?? 'Not recorded'}</Field>
        <Field label="What the partner wants from it">{program.partnerGoal ?? 'Not recorded'}</Field>
      </Stack>
    </Section>
  );
}
