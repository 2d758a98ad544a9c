import { Badge, Button, Select, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { ListFrame } from '../common/ListFrame';
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
    <ListFrame
      title="Reminders"
      actions={canWrite && <Button onClick={addModal.open}>New reminder</Button>}
      intro={
        <Text>
          Emails Tandem sends once at a date and time, before a task is due, or before every session of a program.
        </Text>
      }
      filtersLabel="Filters"
      filters={
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
      }
      query={reminders}
      noun={{ one: 'reminder', many: 'reminders' }}
      total={total}
      emptyText="No reminders."
      errorTitle="The reminders could not be loaded"
      pagination={{
        page: search.page ?? 1,
        pageSize: REMINDERS_PAGE_SIZE,
        onChange: (page) =>
          void navigate({ search: (previous) => ({ ...previous, page: page > 1 ? page : undefined }) }),
      }}
      footer={canWrite && <ReminderFormModal opened={adding} onClose={addModal.close} />}
    >
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
    </ListFrame>
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
