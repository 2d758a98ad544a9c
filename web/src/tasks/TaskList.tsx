import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { ownerLabel, useColleagues } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDue } from '../common/format';
import { UndoNotice } from '../common/UndoNotice';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';
import { useOrganizationNames } from '../visits/outreach-data';
import { EditTaskModal } from './EditTaskModal';
import { groupTasks, isOverdue, withLocalChanges, type Task } from './task-groups';
import { deleteTask, useRefreshTaskViews, useToggleTask } from './tasks-queries';

// The reminder form brings the schedule code (luxon): loaded on first use, so the directory's
// first load (which lists no tasks) stays small.
const ReminderFormModal = lazy(() =>
  import('../reminders/ReminderFormModal').then((module) => ({ default: module.ReminderFormModal })),
);

/**
 * Tasks grouped overdue first, each with a "done" checkbox for those who may change it. A task
 * ticked here stays in view (under "Done") until the list reloads, so it can be unticked again,
 * and a notice at the bottom of the screen offers "Undo". The change carries the task's version;
 * if someone else changed it meanwhile the API answers 409, the list reloads and the person is
 * told so. Staff also edit (re-date, reassign) or delete a task from its card, and those who may
 * write reminders set one on an open task still to come ("Remind me", before it is due).
 */
export function TaskList({
  tasks,
  now,
  headingOrder,
  showPartner = true,
  showAssignee = false,
}: {
  tasks: readonly Task[];
  now: Date;
  headingOrder: 2 | 3;
  showPartner?: boolean;
  showAssignee?: boolean;
}) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const refreshTaskViews = useRefreshTaskViews();
  const canWrite = can(user, 'outreach.write');
  // The permission the Reminders screen asks for.
  const canRemind = can(user, 'reminder.write');
  const [changed, setChanged] = useState<ReadonlyMap<string, Task>>(new Map());
  /** The last tick or untick, said in the notice; `undo` is the task as saved, to flip back. */
  const [notice, setNotice] = useState<{ text: string; undo?: Task } | null>(null);
  const [editing, setEditing] = useState<Task | null>(null);
  const [deleting, setDeleting] = useState<Task | null>(null);
  const [reminding, setReminding] = useState<Task | null>(null);
  const names = useOrganizationNames(showPartner ? tasks.map((task) => task.organizationId) : []);

  const toggle = useToggleTask({
    // The tick shows at once; the server's answer replaces it (or takes it back on failure).
    onMutate: (task) => {
      const previous = changed.get(task.id);
      setChanged((current) =>
        new Map(current).set(task.id, { ...task, status: task.status === 'open' ? 'done' : 'open' }),
      );
      return { previous };
    },
    onSaved: (updated) => {
      setChanged((current) => new Map(current).set(updated.id, updated));
      setNotice(
        updated.status === 'done'
          ? { text: `“${updated.title}” marked done.`, undo: updated }
          : { text: `“${updated.title}” reopened.` },
      );
    },
    onFailed: (task, context) =>
      setChanged((current) => {
        const next = new Map(current);
        if (context?.previous) next.set(task.id, context.previous);
        else next.delete(task.id);
        return next;
      }),
  });

  /** Keeps a task changed here in step with what was saved (or drops it once deleted). */
  function replaceLocal(id: string, saved: Task | null) {
    setChanged((current) => {
      if (!current.has(id)) return current;
      const next = new Map(current);
      if (saved) next.set(id, saved);
      else next.delete(id);
      return next;
    });
  }

  const groups = groupTasks(withLocalChanges(tasks, changed), now);
  const conflict = toggle.error instanceof ApiError && toggle.error.status === 409;

  return (
    <Stack gap="md">
      {toggle.error && (
        <Alert color={conflict ? 'yellow' : 'red'} role="alert">
          {conflict
            ? 'Someone changed this task since you loaded it. The list now shows the current version; check it and try again.'
            : errorMessage(toggle.error)}
        </Alert>
      )}
      {groups.map((group) => (
        <Stack key={group.key} gap="xs" component="section" aria-labelledby={`tasks-${group.key}-${headingOrder}`}>
          <Title
            order={headingOrder}
            size="h5"
            id={`tasks-${group.key}-${headingOrder}`}
            c={group.key === 'overdue' ? 'red.9' : undefined}
          >
            {group.label} ({group.tasks.length})
          </Title>
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {group.tasks.map((task) => {
              const overdue = isOverdue(task, now);
              const pending = toggle.isPending && toggle.variables?.id === task.id;
              const due = `${overdue ? 'Was due' : 'Due'} ${formatDue(task.dueAt)}`;
              // A reminder "before it is due" only means something for an open task still to come.
              const remindable = canRemind && task.status === 'open' && new Date(task.dueAt).getTime() > now.getTime();
              return (
                <Paper
                  key={task.id}
                  component="li"
                  withBorder
                  p="sm"
                  data-testid="task"
                  data-overdue={overdue || undefined}
                  style={overdue ? { borderLeft: '4px solid var(--mantine-color-red-8)' } : undefined}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    {canWrite ? (
                      <Checkbox
                        size="md"
                        checked={task.status === 'done'}
                        disabled={pending}
                        onChange={() => toggle.mutate(task)}
                        label={
                          <Text
                            component="span"
                            td={task.status === 'done' ? 'line-through' : undefined}
                            style={{ overflowWrap: 'anywhere' }}
                          >
                            {task.title}
                          </Text>
                        }
                        description={due}
                      />
                    ) : (
                      <div>
                        <Text style={{ overflowWrap: 'anywhere' }}>{task.title}</Text>
                        <Text size="sm" c="dimmed">
                          {due}
                          {task.status === 'done' ? ' · done' : ''}
                        </Text>
                      </div>
                    )}
                    {overdue && (
                      <Badge color="red" variant="light" tt="none" style={{ flexShrink: 0 }}>
                        Overdue
                      </Badge>
                    )}
                  </Group>
                  {(showAssignee || (showPartner && task.organizationId) || canWrite || remindable) && (
                    <Group gap="md" mt={4} ml={canWrite ? 32 : 0} style={{ rowGap: 4 }}>
                      {showPartner && task.organizationId && (
                        <AnchorLink
                          to="/organizations/$organizationId"
                          params={{ organizationId: task.organizationId }}
                          size="sm"
                        >
                          {names.get(task.organizationId) ?? 'Partner'}
                        </AnchorLink>
                      )}
                      {showAssignee && <Text size="sm">For: {ownerLabel(task.assigneeId, user, colleagues.data)}</Text>}
                      {(canWrite || remindable) && (
                        <Group gap="xs">
                          {canWrite && (
                            <Button
                              variant="light"
                              size="compact-sm"
                              aria-label={`Edit “${task.title}”`}
                              onClick={() => setEditing(task)}
                            >
                              Edit
                            </Button>
                          )}
                          {remindable && (
                            <Button
                              variant="light"
                              size="compact-sm"
                              aria-label={`Remind me before “${task.title}” is due`}
                              onClick={() => setReminding(task)}
                            >
                              Remind me
                            </Button>
                          )}
                          {canWrite && (
                            <Button
                              variant="subtle"
                              color="red"
                              size="compact-sm"
                              aria-label={`Delete “${task.title}”`}
                              onClick={() => setDeleting(task)}
                            >
                              Delete
                            </Button>
                          )}
                        </Group>
                      )}
                    </Group>
                  )}
                </Paper>
              );
            })}
          </Stack>
        </Stack>
      ))}
      <UndoNotice
        text={notice?.text ?? null}
        onUndo={notice?.undo ? () => notice.undo && toggle.mutate(notice.undo) : undefined}
        undoing={toggle.isPending}
        onDismiss={() => setNotice(null)}
      />
      {editing && (
        <EditTaskModal
          task={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            replaceLocal(saved.id, saved);
            setNotice({ text: `“${saved.title}” saved.` });
          }}
        />
      )}
      {reminding && (
        // Preset to this task ("before it is due"); the person chooses how long before, and who gets it.
        <Suspense fallback={null}>
          <ReminderFormModal task={reminding} opened onClose={() => setReminding(null)} />
        </Suspense>
      )}
      {deleting && (
        <ConfirmDeleteModal
          title="Delete this follow-up?"
          confirmLabel="Delete follow-up"
          remove={() => deleteTask(deleting.id)}
          onDeleted={async () => {
            replaceLocal(deleting.id, null);
            setDeleting(null);
            setNotice({ text: `“${deleting.title}” deleted.` });
            await refreshTaskViews([deleting.organizationId]);
          }}
          onClose={() => setDeleting(null)}
        >
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            “{deleting.title}” goes from everyone’s task lists, with any reminders set on it. This cannot be undone.
          </Text>
        </ConfirmDeleteModal>
      )}
    </Stack>
  );
}
