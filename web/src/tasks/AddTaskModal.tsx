import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { applyProblem } from '../forms/apply-problem';
import { outreachKeys } from '../visits/outreach-data';
import { createTaskBody, newTaskValues, TASK_PROBLEM_OPTIONS } from './task-form';
import type { CreateTask, Task } from './task-groups';
import { TaskFields, useTaskForm } from './TaskFields';

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
  const queryClient = useQueryClient();
  const [initialValues] = useState(() => newTaskValues({ userId: user.id, organizationId, visitId }));
  const form = useTaskForm(initialValues);
  const [general, setGeneral] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async (body: CreateTask) => unwrap(await api.POST('/api/v1/tasks', { body })),
    onSuccess: async (task) => {
      form.setValues(newTaskValues({ userId: user.id, organizationId, visitId }));
      onCreated?.(task);
      onClose();
      await queryClient.invalidateQueries({ queryKey: outreachKeys.tasks });
      if (task.organizationId)
        await queryClient.invalidateQueries({ queryKey: queryKeys.timeline(task.organizationId) });
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
