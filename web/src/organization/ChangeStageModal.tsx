import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, errorMessage } from '../api/problem';
import { STAGE_LABELS, STAGES, type Organization, type Stage } from '../api/types';
import { useChangeStage } from './organization-queries';

/** Moves the partner along the lifecycle with a reason; the change shows on the timeline. */
export function ChangeStageModal({
  organization,
  opened,
  onClose,
}: {
  organization: Organization;
  opened: boolean;
  onClose: () => void;
}) {
  const form = useForm<{ stage: Stage; reason: string }>({
    mode: 'controlled',
    initialValues: { stage: organization.stage, reason: '' },
  });
  const change = useChangeStage(organization);
  const { stage } = form.getValues();

  const submit = form.onSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => {
        form.setFieldValue('reason', '');
        onClose();
      },
    }),
  );

  const conflict = change.error instanceof ApiError && change.error.status === 409;
  return (
    <Modal opened={opened} onClose={onClose} title="Change stage" closeButtonProps={{ 'aria-label': 'Close' }} centered>
      <form onSubmit={submit}>
        <Stack>
          {change.error && (
            <Alert color={conflict ? 'yellow' : 'red'} role="alert">
              {conflict
                ? 'Someone changed this partner since you opened it. The page now shows their version; check it and try again.'
                : errorMessage(change.error)}
            </Alert>
          )}
          <Select
            label="New stage"
            data={STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }))}
            allowDeselect={false}
            {...form.getInputProps('stage')}
          />
          <Textarea
            label="Why?"
            description="Kept with the change and shown on the timeline"
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending} disabled={stage === organization.stage}>
              Save stage
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
