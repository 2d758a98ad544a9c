import { Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { ListFrame } from '../common/ListFrame';
import { LinkButton } from './LinkButton';
import { usePrograms } from './program-queries';
import { PROGRAM_STATUSES, ROLE_LABELS, STATUS_LABELS, type Program } from './program-types';
import { parseProgramsSearch, PROGRAMS_PAGE_SIZE, toProgramListQuery } from './programs-search';
import { describeSchedule } from './schedule-preview';
import { ProgramStatusBadge } from './StatusBadge';

const route = getRouteApi('/app/programs');

/** Programs by name, filtered by status (kept in the URL), with what each is and who runs it. */
export function ProgramsPage() {
  const user = useCurrentUser();
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseProgramsSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const programs = usePrograms(toProgramListQuery(search));
  const total = programs.data?.meta.total ?? 0;
  const rows = programs.data?.data ?? [];
  const canWrite = can(user, 'outreach.write');
  const statusWord = search.status ? STATUS_LABELS[search.status].toLowerCase() : '';

  return (
    <ListFrame
      title="Programs"
      actions={
        <Group gap="md" wrap="wrap">
          <AnchorLink to="/calendar">See all sessions in the calendar</AnchorLink>
          {canWrite && <LinkButton to="/programs/new">New program</LinkButton>}
        </Group>
      }
      filtersLabel="Filters"
      filters={
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          maw={260}
          data={PROGRAM_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          value={search.status ?? null}
          onChange={(value) => void navigate({ search: { ...(value ? { status: value } : {}) } })}
        />
      }
      filtered={!!search.status}
      query={programs}
      noun={{ one: 'program', many: 'programs' }}
      total={total}
      emptyText="No programs yet."
      noMatchText={`No ${statusWord} programs.`}
      countText={(count) => `${count} ${statusWord ? `${statusWord} ` : ''}${count === 1 ? 'program' : 'programs'}`}
      errorTitle="The programs could not be loaded"
      pagination={{
        page: search.page ?? 1,
        pageSize: PROGRAMS_PAGE_SIZE,
        onChange: (page) =>
          void navigate({ search: (previous) => ({ ...previous, page: page > 1 ? page : undefined }) }),
      }}
      footer={
        rows.length === 0 &&
        !search.status &&
        !programs.isPending &&
        !programs.isError &&
        canWrite && (
          <Text>
            A program is something you run with partners on a schedule: a weekly drop-in, a monthly workshop.{' '}
            <AnchorLink to="/programs/new">Start the first program</AnchorLink>
          </Text>
        )
      }
    >
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" captionSide="top">
            <VisuallyHidden component="caption">Programs, by name</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Partners</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((program) => (
                <ProgramRow key={program.id} program={program} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ListFrame>
  );
}

function ProgramRow({ program }: { program: Program }) {
  return (
    <Table.Tr>
      <Table.Td>
        <AnchorLink to="/programs/$programId" params={{ programId: program.id }} fw={600}>
          {program.name}
        </AnchorLink>
        {program.schedule.location && (
          <Text size="sm" c="dimmed">
            {program.schedule.location}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ProgramStatusBadge status={program.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {describeSchedule({ schedule: program.schedule, startDate: program.startDate, endDate: program.endDate })}
        </Text>
      </Table.Td>
      <Table.Td>
        {program.partners.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet
          </Text>
        ) : (
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {program.partners.map((partner) => (
              <Text component="li" size="sm" key={partner.organizationId}>
                {partner.organizationName}{' '}
                <Text span c="dimmed" size="sm">
                  ({ROLE_LABELS[partner.role].toLowerCase()})
                </Text>
              </Text>
            ))}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
