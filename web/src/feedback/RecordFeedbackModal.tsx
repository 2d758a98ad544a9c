import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { applyProblem } from '../forms/apply-problem';
import { createFeedbackBody, FEEDBACK_PROBLEM_OPTIONS, newFeedbackValues } from './feedback-form';
import { useRecordFeedback } from './feedback-queries';
import type { Feedback } from './feedback-search';
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
  // The form keeps its first values (useForm reads them once).
  const form = useFeedbackForm(newFeedbackValues(organizationId ?? null));
  const [general, setGeneral] = useState<string | null>(null);

  const record = useRecordFeedback({
    onRecorded: (feedback) => {
      onRecorded?.(feedback);
      onClose();
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
