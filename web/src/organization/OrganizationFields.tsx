import {
  Button,
  Group,
  MultiSelect,
  Popover,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { errorMessage } from '../api/problem';
import { useAudiences, useCapabilities, useColleagues } from '../api/queries';
import { STAGE_LABELS, STAGES } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { useCreateTerm } from './organization-queries';
import { FIT_CRITERIA, type OrganizationFormValues, validateOrganizationForm } from './organization-form';

/** A partner's form (@mantine/form): values as typed, errors cleared as soon as a field changes. */
export function useOrganizationForm(initialValues: OrganizationFormValues) {
  return useForm<OrganizationFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => validateOrganizationForm(values),
  });
}

export type OrganizationForm = ReturnType<typeof useOrganizationForm>;

const FIT_SCORES = ['0', '1', '2', '3', '4', '5'];

/** 0–5 for one criterion, with the question it answers; 0 means "not weighed yet". */
function FitCriterionField({ form, criterion }: { form: OrganizationForm; criterion: (typeof FIT_CRITERIA)[number] }) {
  const path = `fit.${criterion.key}` as const;
  const props = form.getInputProps(path);
  return (
    <Radio.Group
      label={criterion.label}
      description={`${criterion.question} 0 = not yet weighed, 5 = very much.`}
      value={String(form.getValues().fit[criterion.key])}
      onChange={(value) => form.setFieldValue(path, Number(value))}
      error={props.error as string | undefined}
    >
      <Group gap="md" mt={6}>
        {FIT_SCORES.map((score) => (
          <Radio key={score} value={score} label={score} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/**
 * "New …" beside a vocabulary picker, for managers: adds the term to the shared list and picks it.
 * Audiences need a priority; skills and resources only a name.
 */
function NewTermButton({ kind, onCreated }: { kind: 'audience' | 'capability'; onCreated: (id: string) => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm({ mode: 'controlled', initialValues: { name: '', priority: '2' } });
  const { name } = form.getValues();
  const noun = kind === 'audience' ? 'audience' : 'skill or resource';
  const create = useCreateTerm(kind);
  const add = () =>
    create.mutate(
      { name: name.trim(), priority: Number(form.getValues().priority) as 1 | 2 | 3 },
      {
        onSuccess: (term) => {
          onCreated(term.id);
          form.reset();
          close();
        },
      },
    );
  const taken = create.error && errorMessage(create.error);
  return (
    <Popover
      opened={opened}
      onChange={(value) => (value ? open() : close())}
      trapFocus
      withArrow
      position="bottom-start"
    >
      <Popover.Target>
        <Button variant="subtle" size="compact-sm" onClick={opened ? close : open}>
          New {noun}…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={260}>
          <TextInput
            label={`New ${noun}`}
            maxLength={120}
            {...form.getInputProps('name')}
            error={taken || undefined}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                if (name.trim()) add();
              }
            }}
          />
          {kind === 'audience' && (
            <Select
              label="Priority"
              data={[
                { value: '1', label: 'High' },
                { value: '2', label: 'Medium' },
                { value: '3', label: 'Low' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('priority')}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={close}>
              Cancel
            </Button>
            <Button size="xs" loading={create.isPending} disabled={!name.trim()} onClick={add}>
              Add to the list
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * Every field of a partner: profile, who looks after it, audiences, skills and resources (managers
 * may add a term in place), tags, and the fit on the three criteria. `withStage`: a new partner's
 * form sets its stage; an existing one changes stage with a reason (ChangeStageModal).
 */
export function OrganizationFields({ form, withStage = false }: { form: OrganizationForm; withStage?: boolean }) {
  const user = useCurrentUser();
  const audiences = useAudiences();
  const capabilities = useCapabilities();
  const colleagues = useColleagues();
  const managesTerms = can(user, 'vocabulary.manage');
  const values = form.getValues();

  const audienceOptions = audiences.data?.map((term) => ({ value: term.id, label: term.name })) ?? [];
  const capabilityOptions = capabilities.data?.map((term) => ({ value: term.id, label: term.name })) ?? [];
  const ownerOptions = [
    { value: '', label: 'Nobody yet' },
    ...(colleagues.data ?? [])
      .filter((colleague) => colleague.role !== 'viewer' || colleague.id === values.ownerId)
      .map((colleague) => ({
        value: colleague.id,
        label: colleague.id === user.id ? `${colleague.name} (you)` : colleague.name,
      })),
  ];
  if (values.ownerId && !ownerOptions.some((option) => option.value === values.ownerId))
    ownerOptions.push({ value: values.ownerId, label: 'A former colleague' });
  const pick = (field: 'audienceIds' | 'capabilityIds' | 'seeksCapabilityIds') => (id: string) =>
    form.setFieldValue(field, [...form.getValues()[field], id]);

  return (
    <Stack gap="md">
      <TextInput label="Name" required data-autofocus maxLength={200} {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Type" placeholder="e.g. Youth shelter" maxLength={80} {...form.getInputProps('type')} />
        {withStage && (
          <Select
            label="Stage"
            data={STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
            allowDeselect={false}
            {...form.getInputProps('stage')}
          />
        )}
        <Select
          label="Looked after by"
          data={ownerOptions}
          allowDeselect={false}
          searchable
          value={values.ownerId ?? ''}
          onChange={(value) => form.setFieldValue('ownerId', value ? value : null)}
          error={form.getInputProps('ownerId').error as string | undefined}
        />
        <TextInput label="Website" type="url" maxLength={500} {...form.getInputProps('website')} />
        <TextInput label="Email" type="email" maxLength={254} {...form.getInputProps('email')} />
        <TextInput label="Phone" type="tel" maxLength={40} {...form.getInputProps('phone')} />
        <TagsInput label="Tags" description="Press Enter after each tag" maxTags={30} {...form.getInputProps('tags')} />
      </SimpleGrid>
      <Textarea label="Address" autosize minRows={1} maxRows={4} maxLength={500} {...form.getInputProps('address')} />
      <Textarea label="Mission" autosize minRows={2} maxRows={6} maxLength={5000} {...form.getInputProps('mission')} />
      <div>
        <MultiSelect
          label="Audiences they serve"
          searchable
          data={audienceOptions}
          nothingFoundMessage="No such audience"
          {...form.getInputProps('audienceIds')}
        />
        {managesTerms && <NewTermButton kind="audience" onCreated={pick('audienceIds')} />}
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <div>
          <MultiSelect
            label="Skills & resources they offer"
            searchable
            data={capabilityOptions}
            nothingFoundMessage="No such skill or resource"
            {...form.getInputProps('capabilityIds')}
          />
          {managesTerms && <NewTermButton kind="capability" onCreated={pick('capabilityIds')} />}
        </div>
        <div>
          <MultiSelect
            label="Skills & resources they look for"
            searchable
            data={capabilityOptions}
            nothingFoundMessage="No such skill or resource"
            {...form.getInputProps('seeksCapabilityIds')}
          />
          {managesTerms && <NewTermButton kind="capability" onCreated={pick('seeksCapabilityIds')} />}
        </div>
      </SimpleGrid>
      <Textarea
        label="Notes"
        description="Anything colleagues should know (not shown to the partner)"
        autosize
        minRows={2}
        maxRows={8}
        maxLength={20000}
        {...form.getInputProps('notes')}
      />
      <Stack gap="sm" component="fieldset" m={0} p={0} style={{ border: 0 }}>
        <Title order={3} size="h4" component="legend">
          Fit
        </Title>
        <Text size="sm" c="dimmed">
          Weigh the partner on the three things that make a partnership work.
        </Text>
        {FIT_CRITERIA.map((criterion) => (
          <FitCriterionField key={criterion.key} form={form} criterion={criterion} />
        ))}
        <Textarea
          label="Notes on fit"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          {...form.getInputProps('fit.notes')}
        />
      </Stack>
    </Stack>
  );
}
