import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { useColleagues } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { errorUnder, problemFields } from '../programs/form-errors';
import type { Program } from '../programs/program-types';
import { reminderKeys, usePartnerContacts } from './reminder-queries';
import {
  describeSessionOffset,
  MAX_OFFSET_MINUTES,
  offsetToParts,
  partsToOffset,
  type CreateReminder,
  type OffsetDirection,
  type OffsetUnit,
  type Reminder,
  type UpdateReminder,
} from './reminder-text';

interface FormValues {
  title: string;
  message: string;
  amount: number | '';
  unit: OffsetUnit;
  direction: OffsetDirection;
  recipientIds: string[];
  recipientContactIds: string[];
  active: boolean;
}

const UNITS: { value: OffsetUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

/**
 * Adds or edits a reminder that follows every session of a program ("4 hours before every
 * session"), to colleagues and partner contacts. Editing needs the rule's current version.
 */
export function ReminderFormModal({
  program,
  reminder,
  opened,
  onClose,
}: {
  program: Program;
  reminder?: Reminder;
  opened: boolean;
  onClose: () => void;
}) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const colleagues = useColleagues();
  const partnerContacts = usePartnerContacts(program);
  const initialParts = offsetToParts(reminder?.trigger.offsetMinutes ?? -240);
  const [values, setValues] = useState<FormValues>({
    title: reminder?.title ?? '',
    message: reminder?.message ?? '',
    amount: initialParts.amount,
    unit: initialParts.unit,
    direction: initialParts.direction,
    recipientIds: reminder?.recipientIds ?? [user.id],
    recipientContactIds: reminder?.recipientContactIds ?? [],
    active: reminder?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const offset =
    values.amount === ''
      ? null
      : partsToOffset({ amount: values.amount, unit: values.unit, direction: values.direction });

  const save = useMutation({
    mutationFn: async (offsetMinutes: number): Promise<Reminder> => {
      const fields = {
        title: values.title.trim(),
        message: values.message.trim(),
        trigger: { type: 'session' as const, programId: program.id, offsetMinutes },
        recipientIds: values.recipientIds,
        recipientContactIds: values.recipientContactIds,
        active: values.active,
      };
      if (!reminder) {
        const body: CreateReminder = fields;
        return unwrap(await api.POST('/api/v1/reminders', { body }));
      }
      const body: UpdateReminder = { ...fields, version: reminder.version };
      return unwrap(await api.PATCH('/api/v1/reminders/{id}', { params: { path: { id: reminder.id } }, body }));
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(reminderKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: reminderKeys.all });
      onClose();
    },
    onError: async (error) => {
      setErrors(problemFields(error));
      if (error instanceof ApiError && error.status === 409 && reminder)
        await queryClient.invalidateQueries({ queryKey: reminderKeys.detail(reminder.id) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.title.trim()) found.title = 'Enter a title (it is the email’s subject)';
    if (offset === null) found['trigger.offsetMinutes'] = 'Enter how long before or after';
    else if (Math.abs(offset) > MAX_OFFSET_MINUTES) found['trigger.offsetMinutes'] = 'At most 30 days before or after';
    if (values.recipientIds.length + values.recipientContactIds.length === 0)
      found.recipientIds = 'Choose at least one person to email';
    setErrors(found);
    if (Object.keys(found).length > 0 || offset === null) return;
    save.mutate(offset);
  }

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

  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const general = save.error && (conflict || Object.keys(errors).length === 0);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={reminder ? 'Edit reminder' : 'Add a reminder'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {general && (
            <Alert color={conflict ? 'yellow' : 'red'} role="alert">
              {conflict
                ? 'Someone changed this reminder since you opened it. Close this window to see their version, then try again.'
                : errorMessage(save.error)}
            </Alert>
          )}
          <Text size="sm">
            For every session of <strong>{program.name}</strong>. Emails name the session’s date, time and place; a
            cancelled session’s reminders are skipped.
          </Text>
          <TextInput
            label="Title"
            description="The email’s subject"
            required
            data-autofocus
            maxLength={200}
            placeholder="e.g. Drop-in today: bring the sign-up sheets"
            value={values.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            error={errors.title}
          />
          <Textarea
            label="Message"
            autosize
            minRows={2}
            maxRows={8}
            maxLength={5000}
            value={values.message}
            onChange={(event) => set('message', event.currentTarget.value)}
            error={errors.message}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <NumberInput
              label="How long"
              min={0}
              max={MAX_OFFSET_MINUTES}
              allowDecimal={false}
              allowNegative={false}
              value={values.amount}
              onChange={(value) => set('amount', typeof value === 'number' ? value : value === '' ? '' : Number(value))}
              error={errorUnder(errors, 'trigger')}
            />
            <Select
              label="Unit"
              data={UNITS}
              value={values.unit}
              allowDeselect={false}
              onChange={(value) => value && set('unit', value)}
            />
            <Select
              label="Before or after"
              data={[
                { value: 'before', label: 'before each session' },
                { value: 'after', label: 'after each session starts' },
              ]}
              value={values.direction}
              allowDeselect={false}
              onChange={(value) => value && set('direction', value)}
            />
          </SimpleGrid>
          <Text size="sm" fw={500} role="status" aria-live="polite">
            {offset === null ? '' : `Sends ${describeSessionOffset(offset).replace(/^At/, 'at')}.`}
          </Text>
          <MultiSelect
            label="Colleagues"
            description={
              colleagues.isError
                ? 'The list of colleagues could not be loaded: you, or colleagues already on this reminder.'
                : undefined
            }
            data={staffOptions}
            value={values.recipientIds}
            onChange={(ids) => set('recipientIds', ids)}
            error={errorUnder(errors, 'recipientIds')}
            searchable
          />
          <MultiSelect
            label="Partner contacts"
            description={
              program.partners.length === 0
                ? 'The program has no partner yet.'
                : 'Each email to a partner contact carries a one-click unsubscribe link.'
            }
            data={contactOptions}
            value={values.recipientContactIds}
            onChange={(ids) => set('recipientContactIds', ids)}
            error={errorUnder(errors, 'recipientContactIds')}
            searchable
            nothingFoundMessage={partnerContacts.pending ? 'Loading…' : 'No contact by that name'}
          />
          <Switch
            label="Send these reminders"
            checked={values.active}
            onChange={(event) => set('active', event.currentTarget.checked)}
          />
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
    </Modal>
  );
}
