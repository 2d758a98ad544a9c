import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { Section } from '../organization/Section';
import type { TaskListQuery } from '../visits/outreach-data';
import { AddTaskModal } from './AddTaskModal';
import { TaskList } from './TaskList';
import { useTasks } from './tasks-queries';
import { useNow } from './TasksPage';

const SHOWN = 20;

/** The partner's open follow-ups, overdue first, whoever they are assigned to; staff can tick them off or add one. */
export function OrganizationTasksSection({ organizationId }: { organizationId: string }) {
  const user = useCurrentUser();
  const now = useNow();
  const [adding, setAdding] = useState(false);
  const query: TaskListQuery = { organizationId, status: 'open', sort: 'dueAt', limit: SHOWN };
  const tasks = useTasks(query);
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
