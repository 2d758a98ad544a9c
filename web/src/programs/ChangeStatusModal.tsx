import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, errorMessage } from '../api/problem';
import { useSaveProgram } from './program-queries';
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
  const form = useForm<{ status: ProgramStatus }>({ mode: 'controlled', initialValues: { status: program.status } });
  const { status } = form.getValues();

  // On a 409 the hook fetches the program again, so the page behind shows the colleague's version.
  const change = useSaveProgram(program, { onSuccess: onClose });

  const submit = form.onSubmit((values) => change.mutate({ status: values.status, version: program.version }));

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
            onChange={(value) => value && form.setFieldValue('status', value)}
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
