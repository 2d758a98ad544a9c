import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys, useColleagues } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { fieldErrorsFrom } from '../visits/form-errors';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { outreachKeys } from '../visits/outreach-data';
import { toLocalInputValue } from '../visits/visit-form';
import { defaultDue, type CreateTask, type Task } from './task-groups';

const FIELDS = ['title', 'dueAt', 'organizationId', 'assigneeId'] as const;
type Field = (typeof FIELDS)[number];

/**
 * A follow-up: what, by when, for which partner, and who (any active colleague; you by default).
 * Opened from a visit it is linked to that visit, and so to its partner.
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
  const team = useColleagues();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(() => toLocalInputValue(defaultDue(new Date())));
  const [partner, setPartner] = useState<string | null>(organizationId ?? null);
  const [assigneeId, setAssigneeId] = useState(user.id);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const create = useMutation({
    mutationFn: async (body: CreateTask) => unwrap(await api.POST('/api/v1/tasks', { body })),
    onSuccess: async (task) => {
      setTitle('');
      setDue(toLocalInputValue(defaultDue(new Date())));
      onCreated?.(task);
      onClose();
      await queryClient.invalidateQueries({ queryKey: outreachKeys.tasks });
      if (task.organizationId)
        await queryClient.invalidateQueries({ queryKey: queryKeys.timeline(task.organizationId) });
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!title.trim()) problems.title = 'Say what needs doing';
    const dueAt = new Date(due);
    if (!due || Number.isNaN(dueAt.getTime())) problems.dueAt = 'Enter a date and time';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body: CreateTask = { title: title.trim(), dueAt: dueAt.toISOString(), assigneeId, status: 'open' };
    if (visitId) body.visitId = visitId;
    if (partner) body.organizationId = partner;
    create.mutate(body);
  }

  const colleagues = team.data;
  const generalError = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null;

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
          {generalError && (
            <Alert color="red" role="alert" title="The follow-up was not added">
              {generalError}
            </Alert>
          )}
          <TextInput
            label="What needs doing?"
            placeholder="e.g. Send the spring schedule"
            required
            data-autofocus
            maxLength={200}
            size="md"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors.title}
          />
          <TextInput
            label="Due"
            type="datetime-local"
            required
            size="md"
            value={due}
            onChange={(event) => setDue(event.currentTarget.value)}
            error={errors.dueAt}
          />
          {visitId ? (
            <Text size="sm">For the partner of this visit.</Text>
          ) : (
            <OrganizationSelect
              label="Partner"
              description="Optional"
              placeholder="Search partners"
              clearable
              size="md"
              value={partner}
              onChange={setPartner}
              error={errors.organizationId}
            />
          )}
          {colleagues && colleagues.length > 1 ? (
            <Select
              label="Who does it?"
              size="md"
              allowDeselect={false}
              data={colleagues.map((other) => ({
                value: other.id,
                label: other.id === user.id ? `${other.name} (you)` : other.name,
              }))}
              value={assigneeId}
              onChange={(value) => value && setAssigneeId(value)}
              error={errors.assigneeId}
            />
          ) : (
            <Text size="sm">Assigned to you.</Text>
          )}
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
