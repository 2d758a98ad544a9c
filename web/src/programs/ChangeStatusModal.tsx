import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { programKeys } from './program-queries';
import { PROGRAM_STATUSES, STATUS_LABELS, type Program, type ProgramStatus } from './program-types';

const CONSEQUENCES: Partial<Record<ProgramStatus, string>> = {
  paused: 'Reminders for its sessions are skipped while it is paused.',
  completed: 'No new sessions are added and reminders stop. Its past sessions and attendance stay.',
};

/** Moves the program through planned → running → paused → completed (version-checked). */
export function ChangeStatusModal({
  program,
  opened,
  onClose,
}: {
  program: Program;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ProgramStatus>(program.status);

  const change = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/programs/{id}', {
          params: { path: { id: program.id } },
          body: { status, version: program.version },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(programKeys.detail(program.id), updated);
      await queryClient.invalidateQueries({ queryKey: programKeys.all });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: programKeys.detail(program.id) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate();
  }

  const conflict = change.error instanceof ApiError && change.error.status === 409;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Change status"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          {change.error && (
            <Alert color={conflict ? 'yellow' : 'red'} role="alert">
              {conflict
                ? 'Someone changed this program since you opened it. The page now shows their version; check it and try again.'
                : errorMessage(change.error)}
            </Alert>
          )}
          <Select
            label="New status"
            data={PROGRAM_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
            value={status}
            allowDeselect={false}
            onChange={(value) => value && setStatus(value)}
          />
          {CONSEQUENCES[status] && status !== program.status && <Text size="sm">{CONSEQUENCES[status]}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending} disabled={status === program.status}>
              Save status
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
