import { Group, Radio, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { useProgramOptions } from '../visits/outreach-data';
import { MAX_FEEDBACK_TEXT, STAFF_SOURCES, validateFeedbackForm, type FeedbackFormValues } from './feedback-form';
import { OUTCOMES, SOURCE_LABELS, type FeedbackSource } from './feedback-search';

/** A feedback form (@mantine/form): values as typed; a field's error goes once it changes. */
export function useFeedbackForm(initialValues: FeedbackFormValues) {
  return useForm<FeedbackFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => validateFeedbackForm(values),
  });
}

export type FeedbackForm = ReturnType<typeof useFeedbackForm>;

const RATING_LABELS = ['1 – poor', '2', '3', '4', '5 – excellent'];
const OUTCOME_OPTIONS = [
  { value: '1', label: '1 – not at all' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5 – very much' },
];

/**
 * The fields of a piece of feedback, shared by recording and editing it. Feedback a young person
 * gave through a program's link (`viaLink`) keeps who gave it and their scores as they gave them:
 * only the partner and program it is filed under, their words (to take out personal details) and
 * the action taken can change.
 */
export function FeedbackFields({
  form,
  viaLink = false,
  savedSession = null,
}: {
  form: FeedbackForm;
  viaLink?: boolean;
  /** The session an edited piece of feedback is about, with its program. */
  savedSession?: { id: string; programId: string | null } | null;
}) {
  const programs = useProgramOptions();
  const values = form.getValues();
  const sources: FeedbackSource[] = [...STAFF_SOURCES];
  if (!sources.includes(values.source)) sources.push(values.source);
  const textDescription = viaLink
    ? 'Their own words: change them only to take out names or contact details'
    : undefined;

  return (
    <Stack>
      {viaLink ? (
        <Text size="sm">
          A young person gave this through the program’s feedback link. Who gave it and their scores stay as they gave
          them.
        </Text>
      ) : (
        <Radio.Group
          label="Who gave it?"
          value={values.source}
          onChange={(value) => form.setFieldValue('source', value)}
          error={form.errors.source}
        >
          <Group mt="xs">
            {sources.map((source) => (
              <Radio key={source} value={source} label={SOURCE_LABELS[source]} size="md" />
            ))}
          </Group>
        </Radio.Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <OrganizationSelect
          label="Partner"
          placeholder="Search partners"
          clearable
          value={values.organizationId}
          onChange={(id) => form.setFieldValue('organizationId', id)}
          error={form.errors.organizationId}
        />
        <Select
          label="Program"
          placeholder="None"
          clearable
          searchable
          nothingFoundMessage="No such program"
          description={
            savedSession
              ? values.sessionId
                ? 'It is about one session of this program; another program drops that link.'
                : 'No longer linked to the session it was about.'
              : undefined
          }
          data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
          value={values.programId}
          onChange={(id) => {
            form.setFieldValue('programId', id);
            // A session belongs to its program: feedback about one moves with it or loses it.
            if (savedSession) form.setFieldValue('sessionId', id === savedSession.programId ? savedSession.id : null);
          }}
          error={form.errors.programId}
        />
      </SimpleGrid>
      {!viaLink && (
        <>
          <Radio.Group
            label="Overall rating"
            required
            value={values.rating}
            onChange={(value) => form.setFieldValue('rating', value)}
            error={form.errors.rating}
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
                {...form.getInputProps(`outcomes.${key}`)}
              />
            ))}
          </SimpleGrid>
          {form.errors.outcomes && (
            <Text size="sm" c="red.9" role="alert">
              {form.errors.outcomes}
            </Text>
          )}
        </>
      )}
      <Textarea
        label="What worked"
        description={textDescription}
        autosize
        minRows={2}
        maxLength={MAX_FEEDBACK_TEXT}
        {...form.getInputProps('worked')}
      />
      <Textarea
        label="What didn’t work"
        description={textDescription}
        autosize
        minRows={2}
        maxLength={MAX_FEEDBACK_TEXT}
        {...form.getInputProps('didntWork')}
      />
      <Textarea
        label="Suggestions"
        description={textDescription}
        autosize
        minRows={2}
        maxLength={MAX_FEEDBACK_TEXT}
        {...form.getInputProps('suggestions')}
      />
      <Textarea
        label="Action taken"
        description="Leave empty if something still needs doing"
        autosize
        minRows={2}
        maxLength={MAX_FEEDBACK_TEXT}
        {...form.getInputProps('actionTaken')}
      />
    </Stack>
  );
}
