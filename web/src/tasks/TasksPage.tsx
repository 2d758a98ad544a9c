import { Alert, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { outreachKeys } from '../visits/outreach-data';
import { AddTaskModal } from './AddTaskModal';
import { TaskList } from './TaskList';
import { parseTasksSearch, TASKS_SHOWN, toTaskQuery, type TaskStatusView, type TaskView } from './tasks-search';

const route = getRouteApi('/app/tasks');

/** "Now" for overdue marks, moving on each minute so a task turns overdue without a reload. */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const TITLES: Record<TaskView, string> = { mine: 'My tasks', overdue: 'Overdue tasks', all: 'All open tasks' };

export function TasksPage() {
  const user = useCurrentUser();
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseTasksSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const now = useNow();
  const [adding, setAdding] = useState(false);
  // Managers look after the whole team's follow-ups (as on the dashboard); others see their own.
  const mayViewTeam = can(user, 'dashboard.read');
  const canWrite = can(user, 'outreach.write');
  const view: TaskView = mayViewTeam ? (search.view ?? 'mine') : 'mine';
  const status: TaskStatusView = view === 'overdue' ? 'open' : (search.status ?? 'open');
  const query = useMemo(() => toTaskQuery(search, user.id, mayViewTeam), [search, user.id, mayViewTeam]);

  const tasks = useQuery({
    queryKey: outreachKeys.taskList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/tasks', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

  const total = tasks.data?.meta.total ?? 0;
  const title = status === 'done' ? (view === 'mine' ? 'My done tasks' : 'Done tasks') : TITLES[view];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle documentTitle={title}>{title}</PageTitle>
        {canWrite && (
          <Button size="md" onClick={() => setAdding(true)}>
            Add a follow-up
          </Button>
        )}
      </Group>

      <Group gap="sm" wrap="wrap">
        {mayViewTeam && (
          <SegmentedControl
            aria-label="Whose tasks"
            data={[
              { value: 'mine', label: 'Mine' },
              { value: 'overdue', label: 'Overdue' },
              { value: 'all', label: 'Everyone' },
            ]}
            value={view}
            onChange={(value) =>
              void navigate({
                search: (previous) => ({
                  ...parseTasksSearch(previous),
                  view: value === 'overdue' || value === 'all' ? value : undefined,
                }),
              })
            }
          />
        )}
        {view !== 'overdue' && (
          <SegmentedControl
            aria-label="Open or done"
            data={[
              { value: 'open', label: 'Open' },
              { value: 'done', label: 'Done' },
            ]}
            value={status}
            onChange={(value) =>
              void navigate({
                search: (previous) => ({
                  ...parseTasksSearch(previous),
                  status: value === 'done' ? 'done' : undefined,
                }),
              })
            }
          />
        )}
      </Group>

      <Text role="status" aria-live="polite" fw={500}>
        {tasks.isPending
          ? 'Loading tasks…'
          : tasks.isError
            ? ''
            : total === 0
              ? status === 'done'
                ? 'No done tasks yet.'
                : view === 'overdue'
                  ? 'Nothing is overdue.'
                  : 'Nothing to do: no open tasks.'
              : `${total} ${total === 1 ? 'task' : 'tasks'}${total > TASKS_SHOWN ? `, the first ${TASKS_SHOWN} shown` : ''}`}
      </Text>
      {tasks.isPending && <Loader size="sm" aria-hidden />}
      {tasks.isError && (
        <Alert color="red" role="alert" title="The tasks could not be loaded">
          {errorMessage(tasks.error)}
        </Alert>
      )}
      {/* Also once empty: a task just ticked off stays in view under "Done", with its "Undo". */}
      {tasks.data && (
        <TaskList
          key={JSON.stringify(query)}
          tasks={tasks.data.data}
          now={now}
          headingOrder={2}
          showAssignee={view !== 'mine'}
        />
      )}
      {adding && <AddTaskModal opened onClose={() => setAdding(false)} />}
    </Stack>
  );
}
