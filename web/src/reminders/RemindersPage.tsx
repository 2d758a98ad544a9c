import { Alert, Badge, Button, Group, Pagination, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { usePrograms } from '../programs/program-queries';
import { recipientCount } from './ProgramRemindersSection';
import { ReminderFormModal } from './ReminderFormModal';
import { useReminders } from './reminder-queries';
import { describeTrigger, type Reminder } from './reminder-text';
import { parseRemindersSearch } from './reminders-search';

const route = getRouteApi('/app/reminders');
export const REMINDERS_PAGE_SIZE = 25;

/** Every reminder rule, newest first, each leading to its delivery log. */
export function RemindersPage() {
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseRemindersSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const user = useCurrentUser();
  const canWrite = can(user, 'reminder.write');
  const [adding, addModal] = useDisclosure(false);
  const reminders = useReminders({
    ...(search.active === undefined ? {} : { active: search.active }),
    limit: REMINDERS_PAGE_SIZE,
    offset: ((search.page ?? 1) - 1) * REMINDERS_PAGE_SIZE,
  });
  // Program names for the session reminders (a library runs far fewer than 100 programs at once).
  const programs = usePrograms({ limit: 100 });
  const programNames = new Map(programs.data?.data.map((program) => [program.id, program.name]));
  const total = reminders.data?.meta.total ?? 0;
  const rows = reminders.data?.data ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle>Reminders</PageTitle>
        {canWrite && <Button onClick={addModal.open}>New reminder</Button>}
      </Group>
      <Text>
        Emails Tandem sends once at a date and time, before a task is due, or before every session of a program.
      </Text>
      {canWrite && <ReminderFormModal opened={adding} onClose={addModal.close} />}
      <Select
        label="Showing"
        maw={260}
        allowDeselect={false}
        data={[
          { value: 'all', label: 'All reminders' },
          { value: 'true', label: 'Reminders that are on' },
          { value: 'false', label: 'Reminders that are off' },
        ]}
        value={search.active === undefined ? 'all' : String(search.active)}
        onChange={(value) => void navigate({ search: value === 'all' || !value ? {} : { active: value === 'true' } })}
      />
      <Text role="status" aria-live="polite" fw={500}>
        {reminders.isPending
          ? 'Loading reminders…'
          : reminders.isError
            ? ''
            : total === 0
              ? 'No reminders.'
              : `${total} ${total === 1 ? 'reminder' : 'reminders'}`}
      </Text>
      {reminders.isError && (
        <Alert color="red" role="alert" title="The reminders could not be loaded">
          {errorMessage(reminders.error)}
        </Alert>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped verticalSpacing="sm" captionSide="top">
            <VisuallyHidden component="caption">Reminders, newest first</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Sending</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((rule) => (
                <ReminderRow
                  key={rule.id}
                  rule={rule}
                  programName={rule.trigger.programId ? programNames.get(rule.trigger.programId) : undefined}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > REMINDERS_PAGE_SIZE && (
        <Group justify="center">
          <Pagination
            total={Math.ceil(total / REMINDERS_PAGE_SIZE)}
            value={search.page ?? 1}
            onChange={(page) =>
              void navigate({ search: (previous) => ({ ...previous, page: page > 1 ? page : undefined }) })
            }
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
            getControlProps={(control) =>
              control === 'previous'
                ? { 'aria-label': 'Previous page' }
                : control === 'next'
                  ? { 'aria-label': 'Next page' }
                  : {}
            }
          />
        </Group>
      )}
    </Stack>
  );
}

function ReminderRow({ rule, programName }: { rule: Reminder; programName?: string }) {
  const programId = rule.trigger.programId;
  return (
    <Table.Tr>
      <Table.Td>
        <AnchorLink
          to="/reminders/$reminderId"
          params={{ reminderId: rule.id }}
          fw={600}
          style={{ overflowWrap: 'anywhere' }}
        >
          {rule.title}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{describeTrigger(rule.trigger)}</Text>
        {programId && (
          <AnchorLink to="/programs/$programId" params={{ programId }} size="sm">
            {programName ?? 'Its program'}
          </AnchorLink>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{recipientCount(rule.recipientIds.length + rule.recipientContactIds.length)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="dot" color={rule.active ? 'green' : 'gray'} tt="none">
          {rule.active ? 'On' : 'Off'}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
