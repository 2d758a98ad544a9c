import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { Section } from '../organization/Section';
import { outreachKeys, type TaskListQuery } from '../visits/outreach-data';
import { AddTaskModal } from './AddTaskModal';
import { TaskList } from './TaskList';
import { useNow } from './TasksPage';

const SHOWN = 20;

/** The partner's open follow-ups, overdue first, whoever they are assigned to; staff can tick them off or add one. */
export function OrganizationTasksSection({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const now = useNow();
  const [adding, setAdding] = useState(false);
  const query: TaskListQuery = { organizationId, status: 'open', sort: 'dueAt', limit: SHOWN };
  const tasks = useQuery({
    queryKey: outreachKeys.taskList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/tasks', { params: { query }, signal })),
  });
  const canWrite = can(user, 'outreach.write');

  return (
    <Section
      id="follow-ups"
      title="Follow-ups"
      actions={
        canWrite && (
          <Button variant="light" size="sm" onClick={() => setAdding(true)}>
            Add a follow-up
          </Button>
        )
      }
    >
      <Stack gap="sm">
        {tasks.isPending && <Loader size="sm" aria-label="Loading follow-ups" />}
        {tasks.isError && (
          <Alert color="red" role="alert">
            {errorMessage(tasks.error)}
          </Alert>
        )}
        {tasks.data?.data.length === 0 && <Text c="dimmed">No open follow-ups.</Text>}
        {tasks.data && <TaskList tasks={tasks.data.data} now={now} headingOrder={3} showPartner={false} showAssignee />}
        {tasks.data && tasks.data.meta.total > SHOWN && (
          <Text size="sm" c="dimmed">
            Showing the {SHOWN} due soonest of {tasks.data.meta.total}.
          </Text>
        )}
      </Stack>
      {adding && <AddTaskModal opened onClose={() => setAdding(false)} organizationId={organizationId} />}
    </Section>
  );
}
