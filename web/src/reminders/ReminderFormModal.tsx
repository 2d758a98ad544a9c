import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { ApiError } from '../api/problem';
import { useColleagues } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { applyProblem } from '../forms/apply-problem';
import { usePrograms, useProgram } from '../programs/program-queries';
import type { Program } from '../programs/program-types';
import type { Task } from '../tasks/task-groups';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { useOrganization } from '../visits/outreach-data';
import {
  KIND_LABELS,
  REMINDER_FIELD_PATHS,
  toLocalInput,
  triggerOf,
  validateReminderForm,
  type ReminderFormValues,
  type ReminderKind,
} from './reminder-form';
import { useContactsOf, useOpenTasks, useSaveReminder, useTask } from './reminder-queries';
import { describeTrigger, offsetToParts, type OffsetUnit, type Reminder } from './reminder-text';

const UNITS: { value: OffsetUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

function initialValues(
  reminder: Reminder | undefined,
  program: Program | undefined,
  task: Task | undefined,
  me: string,
  zone: string,
): ReminderFormValues {
  const trigger = reminder?.trigger;
  const kind: ReminderKind = trigger?.type ?? (program ? 'session' : task ? 'task-due' : 'once');
  const parts = offsetToParts(trigger?.offsetMinutes ?? (kind === 'task-due' ? -1440 : -240));
  return {
    kind,
    programId: trigger?.programId ?? program?.id ?? null,
    taskId: trigger?.taskId ?? task?.id ?? null,
    at: trigger?.at ? toLocalInput(trigger.at, zone) : '',
    amount: String(parts.amount),
    unit: parts.unit,
    direction: parts.direction,
    title: reminder?.title ?? '',
    message: reminder?.message ?? '',
    recipientIds: reminder?.recipientIds ?? [me],
    recipientContactIds: reminder?.recipientContactIds ?? [],
    contactOrganizationId: null,
    active: reminder?.active ?? true,
  };
}

/**
 * Adds or edits a reminder of any kind: once at a date and time, before (or after) a task is due,
 * or before every session of a program — to colleagues and partner contacts. Opened from a
 * program or a task, it follows that one; from the Reminders screen, the person chooses what it
 * follows. Editing needs the rule's current version.
 */
export function ReminderFormModal({
  program,
  task,
  reminder,
  opened,
  onClose,
}: {
  program?: Program;
  task?: Task;
  reminder?: Reminder;
  opened: boolean;
  onClose: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={reminder ? 'Edit reminder' : 'Add a reminder'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      fullScreen={phone}
      centered
    >
      {opened && <ReminderForm program={program} task={task} reminder={reminder} onClose={onClose} />}
    </Modal>
  );
}

function ReminderForm({
  program: givenProgram,
  task: givenTask,
  reminder,
  onClose,
}: {
  program?: Program;
  task?: Task;
  reminder?: Reminder;
  onClose: () => void;
}) {
  const user = useCurrentUser();
  const zone = user.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const colleagues = useColleagues();
  const fixed = !!(reminder || givenProgram || givenTask);
  const form = useForm<ReminderFormValues>({
    mode: 'controlled',
    initialValues: initialValues(reminder, givenProgram, givenTask, user.id, zone),
    validate: (values) => validateReminderForm(values, zone, new Date()),
  });
  const [general, setGeneral] = useState<string | null>(null);
  const values = form.getValues();

  const programs = usePrograms({ limit: 100 });
  const fetchedProgram = useProgram(
    values.kind === 'session' && !givenProgram ? (values.programId ?? undefined) : undefined,
  );
  const program = givenProgram?.id === values.programId ? givenProgram : fetchedProgram.data;
  const openTasks = useOpenTasks(values.kind === 'task-due' && !fixed);
  const fetchedTask = useTask(values.kind === 'task-due' && givenTask?.id !== values.taskId ? values.taskId : null);
  const task = givenTask?.id === values.taskId ? givenTask : fetchedTask.data;
  const taskPartner = useOrganization(values.kind === 'task-due' ? task?.organizationId : null);
  const oncePartner = useOrganization(values.kind === 'once' ? values.contactOrganizationId : null);

  const partners =
    values.kind === 'session'
      ? (program?.partners ?? [])
      : values.kind === 'task-due'
        ? task?.organizationId && taskPartner.data
          ? [{ organizationId: task.organizationId, organizationName: taskPartner.data.name }]
          : []
        : values.contactOrganizationId && oncePartner.data
          ? [{ organizationId: values.contactOrganizationId, organizationName: oncePartner.data.name }]
          : [];
  const partnerContacts = useContactsOf(partners);

  // On a 409 the hook fetches the reminder again, so closing this window shows the colleague's version.
  const save = useSaveReminder(reminder, {
    onSuccess: onClose,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && reminder) {
        setGeneral(
          'Someone changed this reminder since you opened it. Close this window to see their version, then try again.',
        );
        return;
      }
      const paths = values.kind === 'once' ? { ...REMINDER_FIELD_PATHS, trigger: 'at' } : REMINDER_FIELD_PATHS;
      setGeneral(applyProblem(form, error, { paths }));
    },
  });

  const submit = form.onSubmit((submitted) => {
    setGeneral(null);
    const trigger = triggerOf(submitted, zone);
    if (!trigger) return;
    save.mutate({
      title: submitted.title.trim(),
      message: submitted.message.trim(),
      trigger,
      recipientIds: submitted.recipientIds,
      recipientContactIds: submitted.recipientContactIds,
      active: submitted.active,
    });
  });

  const staffOptions = [
    { value: user.id, label: `${user.name} (you)` },
    ...(colleagues.data ?? [])
      .filter((other) => other.id !== user.id && other.role !== 'viewer')
      .map((other) => ({ value: other.id, label: other.name })),
  ];
  for (const id of values.recipientIds)
    if (!staffOptions.some((option) => option.value === id)) staffOptions.push({ value: id, label: 'A colleague' });
  const contactOptions = partnerContacts.contacts.map(({ contact, organizationName }) => ({
    value: contact.id,
    label: `${contact.name} (${organizationName})${contact.email ? '' : ' — no email address'}`,
    disabled: !contact.email && !values.recipientContactIds.includes(contact.id),
  }));
  for (const id of values.recipientContactIds)
    if (!contactOptions.some((option) => option.value === id))
      contactOptions.push({ value: id, label: 'A partner contact', disabled: false });

  const trigger = triggerOf(values, zone);
  const preview =
    trigger && values.kind !== 'once'
      ? `Sends ${describeTrigger({ type: trigger.type, offsetMinutes: trigger.offsetMinutes ?? undefined })
          .replace(/^At/, 'at')
          .replace(/^When/, 'when')}.`
      : '';
  const subject =
    values.kind === 'session' && program ? (
      <>
        For every session of <strong>{program.name}</strong>. Emails name the session’s date, time and place; a
        cancelled session’s reminders are skipped.
      </>
    ) : values.kind === 'task-due' && task ? (
      <>
        For the task <strong>{task.title}</strong>. If its due date changes, the reminder follows it; once the task is
        done, nothing more is sent.
      </>
    ) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general && (
          <Alert color={save.error instanceof ApiError && save.error.status === 409 ? 'yellow' : 'red'} role="alert">
            {general}
          </Alert>
        )}
        {!fixed && (
          <Radio.Group
            label="What should it follow?"
            value={values.kind}
            onChange={(kind) => form.setFieldValue('kind', kind)}
          >
            <Stack gap={6} mt={6}>
              {(Object.keys(KIND_LABELS) as ReminderKind[]).map((kind) => (
                <Radio key={kind} value={kind} label={KIND_LABELS[kind]} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {!fixed && values.kind === 'session' && (
          <Select
            label="Program"
            searchable
            data={(programs.data?.data ?? [])
              .filter((option) => option.status !== 'completed')
              .map((option) => ({ value: option.id, label: option.name }))}
            nothingFoundMessage="No running or planned program by that name"
            {...form.getInputProps('programId')}
          />
        )}
        {!fixed && values.kind === 'task-due' && (
          <Select
            label="Task"
            searchable
            data={(openTasks.data ?? []).map((option) => ({ value: option.id, label: option.title }))}
            nothingFoundMessage={openTasks.isPending ? 'Loading…' : 'No open task by that name'}
            {...form.getInputProps('taskId')}
          />
        )}
        {subject && <Text size="sm">{subject}</Text>}
        <TextInput
          label="Title"
          description="The email’s subject"
          required
          data-autofocus
          maxLength={200}
          placeholder="e.g. Drop-in today: bring the sign-up sheets"
          {...form.getInputProps('title')}
        />
        <Textarea
          label="Message"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
          {...form.getInputProps('message')}
        />
        {values.kind === 'once' ? (
          <TextInput
            label="Send it at"
            type="datetime-local"
            description={`Your time zone: ${zone}`}
            required
            {...form.getInputProps('at')}
          />
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              {/* As typed: "-1" or "1.5" is refused with a message (a number input would drop the sign or the point). */}
              <TextInput
                label="How long"
                inputMode="numeric"
                autoComplete="off"
                {...form.getInputProps('amount')}
                onChange={(event) => {
                  const hadError = !!form.errors.amount;
                  form.setFieldValue('amount', event.currentTarget.value);
                  if (hadError) form.validateField('amount');
                }}
              />
              <Select
                label="Unit"
                data={UNITS}
                allowDeselect={false}
                {...form.getInputProps('unit')}
                onChange={(unit) => {
                  if (!unit) return;
                  form.setFieldValue('unit', unit as OffsetUnit);
                  // 30 days is 720 hours: a message about the amount is re-checked in the new unit.
                  if (form.errors.amount) form.validateField('amount');
                }}
              />
              <Select
                label="Before or after"
                data={
                  values.kind === 'session'
                    ? [
                        { value: 'before', label: 'before each session' },
                        { value: 'after', label: 'after each session starts' },
                      ]
                    : [
                        { value: 'before', label: 'before it is due' },
                        { value: 'after', label: 'after it is due' },
                      ]
                }
                allowDeselect={false}
                {...form.getInputProps('direction')}
              />
            </SimpleGrid>
            <Text size="sm" fw={500} role="status" aria-live="polite">
              {preview}
            </Text>
          </>
        )}
        <MultiSelect
          label="Colleagues"
          description={
            colleagues.isError
              ? 'The list of colleagues could not be loaded: you, or colleagues already on this reminder.'
              : undefined
          }
          data={staffOptions}
          searchable
          {...form.getInputProps('recipientIds')}
        />
        {values.kind === 'once' && (
          <OrganizationSelect
            label="Partner (to email its contacts)"
            clearable
            value={values.contactOrganizationId}
            onChange={(id) => form.setFieldValue('contactOrganizationId', id)}
          />
        )}
        <MultiSelect
          label="Partner contacts"
          description={
            partners.length === 0
              ? values.kind === 'session'
                ? 'The program has no partner yet.'
                : values.kind === 'task-due'
                  ? 'The task is not about a partner.'
                  : 'Choose a partner above to email its contacts.'
              : 'Each email to a partner contact carries a one-click unsubscribe link.'
          }
          data={contactOptions}
          searchable
          nothingFoundMessage={partnerContacts.pending ? 'Loading…' : 'No contact by that name'}
          {...form.getInputProps('recipientContactIds')}
        />
        <Switch label="Send these reminders" {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {reminder ? 'Save reminder' : 'Add reminder'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
