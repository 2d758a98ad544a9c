import { Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useColleagues } from '../api/queries';
import { useCurrentUser } from '../auth/useSession';
import { zoneHint } from '../common/format';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { useProgramOptions } from '../visits/outreach-data';
import { assigneeOptions, validateTaskForm, type TaskFormValues } from './task-form';

/** A follow-up's form (@mantine/form): values as typed; a field's error goes once it changes. */
export function useTaskForm(initialValues: TaskFormValues) {
  return useForm<TaskFormValues>({ mode: 'controlled', initialValues, validate: (values) => validateTaskForm(values) });
}

export type TaskForm = ReturnType<typeof useTaskForm>;

/**
 * What, by when, for which partner and program, and who: shared by "Add a follow-up" and editing
 * one. `savedAssigneeId` stays offered as it is (a viewer or a former colleague) until changed;
 * `savedVisit` is the visit an edited follow-up was made from, with its partner.
 */
export function TaskFields({
  form,
  mode,
  savedAssigneeId = null,
  savedVisit = null,
}: {
  form: TaskForm;
  mode: 'add' | 'edit';
  savedAssigneeId?: string | null;
  savedVisit?: { id: string; organizationId: string | null } | null;
}) {
  const user = useCurrentUser();
  const team = useColleagues();
  const programs = useProgramOptions();
  const values = form.getValues();
  const options = assigneeOptions(team.data ?? [], user.id, savedAssigneeId);
  const partnerFromVisit = mode === 'add' && !!values.visitId;

  return (
    <Stack>
      <TextInput
        label="What needs doing?"
        placeholder="e.g. Send the spring schedule"
        required
        data-autofocus
        maxLength={200}
        size="md"
        {...form.getInputProps('title')}
      />
      <TextInput
        label="Due"
        type="datetime-local"
        required
        size="md"
        description={zoneHint()}
        {...form.getInputProps('due')}
      />
      {partnerFromVisit ? (
        <Text size="sm">For the partner of this visit.</Text>
      ) : (
        <OrganizationSelect
          label="Partner"
          description={
            savedVisit
              ? values.visitId
                ? 'It follows up a visit to this partner; another partner unlinks it from that visit.'
                : 'No longer linked to the visit it followed up.'
              : 'Optional'
          }
          placeholder="Search partners"
          clearable
          size="md"
          value={values.organizationId}
          onChange={(id) => {
            form.setFieldValue('organizationId', id);
            // A follow-up of a visit belongs to that visit's partner (the API refuses another).
            if (savedVisit) form.setFieldValue('visitId', id === savedVisit.organizationId ? savedVisit.id : null);
          }}
          error={form.errors.organizationId ?? form.errors.visitId}
        />
      )}
      <Select
        label="Program"
        description="Optional"
        placeholder="None"
        clearable
        searchable
        size="md"
        nothingFoundMessage="No such program"
        data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
        {...form.getInputProps('programId')}
      />
      {options.length > 1 || mode === 'edit' ? (
        <Select
          label="Who does it?"
          size="md"
          allowDeselect={false}
          data={options}
          {...form.getInputProps('assigneeId')}
        />
      ) : (
        <Text size="sm">Assigned to you.</Text>
      )}
    </Stack>
  );
}
