import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { STAGE_LABELS, STAGES, type Organization, type Stage } from '../api/types';

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
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>(organization.stage);
  const [reason, setReason] = useState('');

  const change = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id: organization.id } },
          body: { stage, stageReason: reason.trim() || null, version: organization.version },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.organization(organization.id), updated);
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      setReason('');
      onClose();
    },
    onError: async (error) => {
      // Someone saved in between: show their version; the person can try again on it.
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: queryKeys.organization(organization.id) });
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate();
  }

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
            value={stage}
            allowDeselect={false}
            onChange={(value) => value && setStage(value)}
          />
          <Textarea
            label="Why?"
            description="Kept with the change and shown on the timeline"
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
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
