import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { applyProblem } from '../forms/apply-problem';
import { outreachKeys } from '../visits/outreach-data';
import { createFeedbackBody, FEEDBACK_PROBLEM_OPTIONS, newFeedbackValues } from './feedback-form';
import type { CreateFeedback, Feedback } from './feedback-search';
import { FeedbackFields, useFeedbackForm } from './FeedbackFields';

/** Records feedback a partner or a colleague gave in person or by phone. */
export function RecordFeedbackModal({
  onClose,
  organizationId,
  onRecorded,
}: {
  onClose: () => void;
  organizationId?: string | null;
  onRecorded?: (feedback: Feedback) => void;
}) {
  const queryClient = useQueryClient();
  const [initialValues] = useState(() => newFeedbackValues(organizationId ?? null));
  const form = useFeedbackForm(initialValues);
  const [general, setGeneral] = useState<string | null>(null);

  const record = useMutation({
    mutationFn: async (body: CreateFeedback) => unwrap(await api.POST('/api/v1/feedback', { body })),
    onSuccess: async (feedback) => {
      onRecorded?.(feedback);
      onClose();
      await queryClient.invalidateQueries({ queryKey: outreachKeys.feedback });
      if (feedback.organizationId)
        await queryClient.invalidateQueries({ queryKey: queryKeys.organization(feedback.organizationId) });
    },
    onError: (error) => setGeneral(applyProblem(form, error, FEEDBACK_PROBLEM_OPTIONS)),
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    record.mutate(createFeedbackBody(values));
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title="Record feedback"
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {general && (
            <Alert color="red" role="alert" title="The feedback was not recorded">
              {general}
            </Alert>
          )}
          <FeedbackFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending}>
              Record feedback
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
