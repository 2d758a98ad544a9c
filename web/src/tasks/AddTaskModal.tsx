import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useCurrentUser } from '../auth/useSession';
import { applyProblem } from '../forms/apply-problem';
import { createTaskBody, newTaskValues, TASK_PROBLEM_OPTIONS } from './task-form';
import type { Task } from './task-groups';
import { TaskFields, useTaskForm } from './TaskFields';
import { useAddTask } from './tasks-queries';

/**
 * A follow-up: what, by when, for which partner, and who (a colleague who works on tasks; you by
 * default). Opened from a visit it is linked to that visit, and so to its partner.
 */
export function AddTaskModal({
  opened,
  onClose,
  organizationId,
  visitId,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  organizationId?: string | null;
  visitId?: string;
  onCreated?: (task: Task) => void;
}) {
  const user = useCurrentUser();
  // The form keeps its first values (useForm reads them once): a new follow-up's defaults.
  const form = useTaskForm(newTaskValues({ userId: user.id, organizationId, visitId }));
  const [general, setGeneral] = useState<string | null>(null);

  const create = useAddTask({
    onCreated: (task) => {
      form.setValues(newTaskValues({ userId: user.id, organizationId, visitId }));
      onCreated?.(task);
      onClose();
    },
    onError: (error) => setGeneral(applyProblem(form, error, TASK_PROBLEM_OPTIONS)),
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    create.mutate(createTaskBody(values));
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Add a follow-up"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {general && (
            <Alert color="red" role="alert" title="The follow-up was not added">
              {general}
            </Alert>
          )}
          <TaskFields form={form} mode="add" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add follow-up
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
