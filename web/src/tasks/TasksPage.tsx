import { Button, Group, Loader, SegmentedControl } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { ListFrame } from '../common/ListFrame';
import { AddTaskModal } from './AddTaskModal';
import { TaskList } from './TaskList';
import { useTasks } from './tasks-queries';
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

  const tasks = useTasks(query, { keepPrevious: true });

  const total = tasks.data?.meta.total ?? 0;
  const title = status === 'done' ? (view === 'mine' ? 'My done tasks' : 'Done tasks') : TITLES[view];

  return (
    <ListFrame
      title={title}
      documentTitle={title}
      actions={
        canWrite && (
          <Button size="md" onClick={() => setAdding(true)}>
            Add a follow-up
          </Button>
        )
      }
      intro={
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
      }
      query={tasks}
      noun={{ one: 'task', many: 'tasks' }}
      total={total}
      emptyText={
        status === 'done'
          ? 'No done tasks yet.'
          : view === 'overdue'
            ? 'Nothing is overdue.'
            : 'Nothing to do: no open tasks.'
      }
      countText={(n) =>
        `${n} ${n === 1 ? 'task' : 'tasks'}${n > TASKS_SHOWN ? `, the first ${TASKS_SHOWN} shown` : ''}`
      }
      errorTitle="The tasks could not be loaded"
      footer={adding && <AddTaskModal opened onClose={() => setAdding(false)} />}
    >
      {tasks.isPending && <Loader size="sm" aria-hidden />}
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
    </ListFrame>
  );
}
