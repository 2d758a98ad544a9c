import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { DEFAULT_FISCAL_YEAR_START_MONTH, GOAL_METRICS, MAX_GOAL_TARGET } from '@tandem/shared';
import { useState } from 'react';
import { useAudiences } from '../api/queries';
import { displayZone } from '../common/format';
import { usePhoneLayout } from '../common/ListFrame';
import { applyProblem } from '../forms/apply-problem';
import { VersionedEditForm } from '../forms/VersionedEditForm';
import { useVersionedEdit } from '../forms/useVersionedEdit';
import { useLibrarySettings } from '../library/library-queries';
import { todayIn } from '../programs/zone';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { useOrganizationNames, useProgramOptions } from '../visits/outreach-data';
import {
  createGoalBody,
  GOAL_FIELD_LABELS,
  GOAL_PROBLEM_OPTIONS,
  goalChanges,
  goalFormValues,
  newGoalValues,
  periodChoices,
  SCOPE_CHOICES,
  TITLE_MAX,
  validateGoalForm,
  type GoalFormValues,
} from './goal-form';
import { formatNumber, goalPeriodText, metricChoice, scopeName } from './goal-format';
import { createGoal, fetchGoal, saveGoalChanges, useRefreshGoalViews } from './goal-queries';
import type { Goal } from './goal-types';

function useGoalForm(initialValues: GoalFormValues) {
  return useForm<GoalFormValues>({ mode: 'controlled', initialValues, validate: validateGoalForm });
}

type GoalForm = ReturnType<typeof useGoalForm>;

/** The library's today and the month its fiscal year starts in (July until the settings answer). */
function useLibraryCalendar() {
  const settings = useLibrarySettings();
  return {
    today: todayIn(displayZone()),
    fiscalYearStartMonth: settings.data?.fiscalYearStartMonth ?? DEFAULT_FISCAL_YEAR_START_MONTH,
  };
}

const METRIC_OPTIONS = GOAL_METRICS.map((metric) => ({ value: metric, label: metricChoice(metric) }));

/** Title, what it counts, the target, the period (with quick picks) and what it counts in. */
function GoalFields({ form }: { form: GoalForm }) {
  const { today, fiscalYearStartMonth } = useLibraryCalendar();
  const audiences = useAudiences();
  const programs = useProgramOptions();
  const values = form.getValues();
  const choices = periodChoices(today, fiscalYearStartMonth);

  return (
    <Stack gap="sm">
      <TextInput
        label="Title"
        placeholder="e.g. 600 teens at our sessions"
        required
        data-autofocus
        maxLength={TITLE_MAX}
        {...form.getInputProps('title')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Select
          label="What it counts"
          placeholder="Choose a measure"
          required
          allowDeselect={false}
          data={METRIC_OPTIONS}
          {...form.getInputProps('metric')}
        />
        <NumberInput
          label="Target"
          required
          min={1}
          max={MAX_GOAL_TARGET}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          thousandSeparator=","
          inputMode="numeric"
          {...form.getInputProps('target')}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="goal-period-label">
          Period
        </Text>
        <Group gap={6} role="group" aria-labelledby="goal-period-label">
          {choices.map((choice) => {
            const picked = values.from === choice.range.from && values.to === choice.range.to;
            return (
              <Button
                key={choice.key}
                size="compact-sm"
                variant={picked ? 'filled' : 'default'}
                aria-pressed={picked}
                title={goalPeriodText(choice.range.from, choice.range.to)}
                onClick={() => form.setValues({ from: choice.range.from, to: choice.range.to })}
              >
                {choice.label}
              </Button>
            );
          })}
        </Group>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="From" type="date" required {...form.getInputProps('from')} />
          <TextInput label="To" type="date" required {...form.getInputProps('to')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Both days included, in the library’s calendar.
        </Text>
      </Stack>
      <Stack gap="xs">
        <Radio.Group label="Counts in" value={values.scope} onChange={(scope) => form.setFieldValue('scope', scope)}>
          <Group gap="md" mt={4}>
            {SCOPE_CHOICES.map((choice) => (
              <Radio key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </Group>
        </Radio.Group>
        {values.scope === 'audience' && (
          <Select
            label="Audience"
            placeholder="Choose an audience"
            required
            searchable
            nothingFoundMessage="No such audience"
            data={(audiences.data ?? []).map((audience) => ({ value: audience.id, label: audience.name }))}
            {...form.getInputProps('audienceId')}
          />
        )}
        {values.scope === 'program' && (
          <Select
            label="Program"
            placeholder="Choose a program"
            required
            searchable
            nothingFoundMessage="No such program"
            data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
            {...form.getInputProps('programId')}
          />
        )}
        {values.scope === 'organization' && (
          <OrganizationSelect
            label="Partner"
            placeholder="Search partners"
            required
            value={values.organizationId}
            onChange={(id) => form.setFieldValue('organizationId', id)}
            error={form.errors.organizationId}
          />
        )}
        {values.scope === 'library' && (
          <Text size="sm" c="dimmed">
            Everything the library does counts.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

/** "New goal": a manager sets a measure, a target, a period and what it counts in. */
export function NewGoalModal({
  onClose,
  onCreated,
  scope = {},
}: {
  onClose: () => void;
  onCreated?: (goal: Goal) => void;
  /** Start with this scope ("Set a goal" on a partner's or program's page). */
  scope?: { organizationId?: string; programId?: string; audienceId?: string };
}) {
  const phone = usePhoneLayout();
  const calendar = useLibraryCalendar();
  const [initial] = useState(() => newGoalValues({ ...calendar, ...scope }));
  const form = useGoalForm(initial);
  const [general, setGeneral] = useState<string | null>(null);
  const refresh = useRefreshGoalViews();
  const create = useMutation({
    mutationFn: createGoal,
    onSuccess: async (goal) => {
      onCreated?.(goal);
      onClose();
      await refresh();
    },
    onError: (error) => setGeneral(applyProblem(form, error, GOAL_PROBLEM_OPTIONS)),
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    create.mutate(createGoalBody(values));
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title="New goal"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      fullScreen={phone}
      size="lg"
      styles={{ title: { fontWeight: 700 } }}
    >
      <form onSubmit={submit} noValidate aria-label="New goal">
        <Stack>
          {general && (
            <Alert color="red" role="alert" title="The goal was not set">
              {general}
            </Alert>
          )}
          <GoalFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Set goal
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Edits a goal: only what changed is sent, with the version read; a colleague's save in between
 * (409) is shown field by field and what was typed stays.
 */
export function EditGoalModal({ goal, onClose }: { goal: Goal; onClose: () => void }) {
  const phone = usePhoneLayout();
  return (
    <Modal
      opened
      onClose={onClose}
      title="Edit goal"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
      fullScreen={phone}
      size="lg"
      styles={{ title: { fontWeight: 700 } }}
    >
      <EditGoalForm goal={goal} onDone={onClose} />
    </Modal>
  );
}

function EditGoalForm({ goal, onDone }: { goal: Goal; onDone: () => void }) {
  const refresh = useRefreshGoalViews();
  const [initial] = useState(() => goalFormValues(goal));
  const form = useGoalForm(initial);
  const edit = useVersionedEdit({
    record: goal,
    form,
    noun: 'goal',
    toValues: goalFormValues,
    changes: goalChanges,
    patch: (body) => saveGoalChanges(goal.id, body),
    load: () => fetchGoal(goal.id),
    onSaved: async () => {
      onDone();
      await refresh();
    },
    onUnchanged: onDone,
    onConflict: () => refresh(),
    problem: GOAL_PROBLEM_OPTIONS,
  });
  const valueText = useGoalValueText(edit.conflict?.theirs);
  return (
    <VersionedEditForm
      edit={edit}
      onSubmit={form.onSubmit(edit.submit)}
      onCancel={onDone}
      noun="goal"
      labels={GOAL_FIELD_LABELS}
      valueText={valueText}
      label="Edit goal"
    >
      <GoalFields form={form} />
    </VersionedEditForm>
  );
}

/** A field of a colleague's version of the goal, in words. */
function useGoalValueText(theirs: Goal | undefined) {
  const audiences = useAudiences();
  const programs = useProgramOptions();
  const names = useOrganizationNames(theirs?.organizationId ? [theirs.organizationId] : []);
  return (field: string): string => {
    if (!theirs) return '';
    switch (field) {
      case 'title':
        return theirs.title;
      case 'metric':
        return metricChoice(theirs.metric);
      case 'target':
        return formatNumber(theirs.target);
      case 'from':
      case 'to':
        return goalPeriodText(theirs.from, theirs.to);
      case 'audienceId':
        return theirs.audienceId
          ? (audiences.data?.find((audience) => audience.id === theirs.audienceId)?.name ?? scopeName(theirs.scope))
          : 'none';
      case 'programId':
        return theirs.programId
          ? (programs.data?.find((program) => program.id === theirs.programId)?.name ?? scopeName(theirs.scope))
          : 'none';
      case 'organizationId':
        return theirs.organizationId ? (names.get(theirs.organizationId) ?? scopeName(theirs.scope)) : 'none';
      default:
        return '';
    }
  };
}
