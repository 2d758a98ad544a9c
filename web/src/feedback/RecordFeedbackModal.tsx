import { Alert, Button, Group, Modal, Radio, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { fieldErrorsFrom } from '../visits/form-errors';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { outreachKeys, useProgramOptions } from '../visits/outreach-data';
import { MAX_FEEDBACK_TEXT } from './FeedbackCard';
import { OUTCOMES, SOURCE_LABELS, type CreateFeedback, type Feedback, type OutcomeKey } from './feedback-search';

/** Staff enter what a partner or a colleague told them; young people answer through the program's public link. */
const STAFF_SOURCES = ['partner', 'staff'] as const;

const RATING_LABELS = ['1 – poor', '2', '3', '4', '5 – excellent'];
const OUTCOME_OPTIONS = [
  { value: '1', label: '1 – not at all' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5 – very much' },
];

const FIELDS = [
  'source',
  'organizationId',
  'programId',
  'rating',
  'outcomes',
  'worked',
  'didntWork',
  'suggestions',
  'actionTaken',
] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  source: (typeof STAFF_SOURCES)[number];
  organizationId: string | null;
  programId: string | null;
  rating: string;
  outcomes: Record<OutcomeKey, string | null>;
  worked: string;
  didntWork: string;
  suggestions: string;
  actionTaken: string;
}

const blankToNull = (text: string) => text.trim() || null;

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
  const programs = useProgramOptions();
  const [values, setValues] = useState<Values>({
    source: 'partner',
    organizationId: organizationId ?? null,
    programId: null,
    rating: '',
    outcomes: { knowledge: null, confidence: null, application: null, awareness: null },
    worked: '',
    didntWork: '',
    suggestions: '',
    actionTaken: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const record = useMutation({
    mutationFn: async (body: CreateFeedback) => unwrap(await api.POST('/api/v1/feedback', { body })),
    onSuccess: async (feedback) => {
      onRecorded?.(feedback);
      onClose();
      await queryClient.invalidateQueries({ queryKey: outreachKeys.feedback });
      if (feedback.organizationId)
        await queryClient.invalidateQueries({ queryKey: queryKeys.organization(feedback.organizationId) });
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, FIELDS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.rating) {
      setErrors({ rating: 'Choose a rating from 1 to 5' });
      return;
    }
    setErrors({});
    const outcomes: CreateFeedback['outcomes'] = {};
    for (const { key } of OUTCOMES) if (values.outcomes[key]) outcomes[key] = Number(values.outcomes[key]);
    record.mutate({
      source: values.source,
      organizationId: values.organizationId,
      programId: values.programId,
      rating: Number(values.rating),
      outcomes,
      worked: blankToNull(values.worked),
      didntWork: blankToNull(values.didntWork),
      suggestions: blankToNull(values.suggestions),
      actionTaken: blankToNull(values.actionTaken),
    });
  }

  const generalError = record.error && Object.keys(errors).length === 0 ? errorMessage(record.error) : null;

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
          {generalError && (
            <Alert color="red" role="alert" title="The feedback was not recorded">
              {generalError}
            </Alert>
          )}
          <Radio.Group
            label="Who gave it?"
            value={values.source}
            onChange={(value) => set('source', value)}
            error={errors.source}
          >
            <Group mt="xs">
              {STAFF_SOURCES.map((source) => (
                <Radio key={source} value={source} label={SOURCE_LABELS[source]} size="md" />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <OrganizationSelect
              label="Partner"
              placeholder="Search partners"
              clearable
              value={values.organizationId}
              onChange={(id) => set('organizationId', id)}
              error={errors.organizationId}
            />
            <Select
              label="Program"
              placeholder="None"
              clearable
              searchable
              nothingFoundMessage="No such program"
              data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
              value={values.programId}
              onChange={(id) => set('programId', id)}
              error={errors.programId}
            />
          </SimpleGrid>
          <Radio.Group
            label="Overall rating"
            required
            value={values.rating}
            onChange={(value) => set('rating', value)}
            error={errors.rating}
          >
            <Group mt="xs" gap="md">
              {RATING_LABELS.map((label, index) => (
                <Radio key={label} value={String(index + 1)} label={label} size="md" />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {OUTCOMES.map(({ key, statement }) => (
              <Select
                key={key}
                label={`“${statement}”`}
                placeholder="Not answered"
                clearable
                data={OUTCOME_OPTIONS}
                value={values.outcomes[key]}
                onChange={(value) => set('outcomes', { ...values.outcomes, [key]: value })}
              />
            ))}
          </SimpleGrid>
          {errors.outcomes && (
            <Alert color="red" role="alert">
              {errors.outcomes}
            </Alert>
          )}
          <Textarea
            label="What worked"
            autosize
            minRows={2}
            maxLength={MAX_FEEDBACK_TEXT}
            value={values.worked}
            onChange={(e) => set('worked', e.currentTarget.value)}
            error={errors.worked}
          />
          <Textarea
            label="What didn’t work"
            autosize
            minRows={2}
            maxLength={MAX_FEEDBACK_TEXT}
            value={values.didntWork}
            onChange={(e) => set('didntWork', e.currentTarget.value)}
            error={errors.didntWork}
          />
          <Textarea
            label="Suggestions"
            autosize
            minRows={2}
            maxLength={MAX_FEEDBACK_TEXT}
            value={values.suggestions}
            onChange={(e) => set('suggestions', e.currentTarget.value)}
            error={errors.suggestions}
          />
          <Textarea
            label="Action taken"
            description="Leave empty if something still needs doing"
            autosize
            minRows={2}
            maxLength={MAX_FEEDBACK_TEXT}
            value={values.actionTaken}
            onChange={(e) => set('actionTaken', e.currentTarget.value)}
            error={errors.actionTaken}
          />
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
