import {
  Accordion,
  Checkbox,
  Group,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useColleagues } from '../api/queries';
import { zoneHint } from '../common/format';
import { OrganizationSelect } from './OrganizationSelect';
import { useContacts, useProgramOptions } from './outreach-data';
import {
  COUNT_FIELDS,
  PURPOSE_LABELS,
  PURPOSES,
  toLocalInputValue,
  unconfirmedLargeCounts,
  VISIT_FIELD_LABELS,
  visitFormProblems,
  type CountField,
  type VisitFormValues,
} from './visit-form';

/**
 * A visit's form (@mantine/form): values as typed. `base` is the visit as saved when editing it
 * (then the time is required, and a large count already saved needs no confirming). Counts are
 * checked when leaving the field; an error goes away once the field is right again.
 */
export function useVisitForm(initialValues: VisitFormValues, base?: VisitFormValues) {
  return useForm<VisitFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => visitFormProblems(values, base),
    validateInputOnBlur: [...COUNT_FIELDS],
  });
}

export type VisitForm = ReturnType<typeof useVisitForm>;

/** Where a server error about a visit field goes on the form. */
export const VISIT_PROBLEM_OPTIONS = { paths: { visitedAt: 'when' }, labels: VISIT_FIELD_LABELS };

/**
 * Two counts side by side, their label, box and message on rows shared across the pair (a
 * subgrid), so the boxes line up whether a label wraps to two lines or one count has a message.
 */
const COUNT_STYLES = {
  root: { display: 'grid', gridTemplateRows: 'subgrid', gridRow: 'span 3', rowGap: 0 },
  label: { alignSelf: 'end' },
} as const;

/** Fields kept under "More details" when logging a visit (opened when one of them has an error). */
const MORE_FIELDS = ['when', 'location', 'programId', 'staffIds'] as const;

/** Re-checks the fields showing an error, so each error goes as soon as its field is right. */
function recheckShownErrors(form: VisitForm, fields: readonly string[]) {
  for (const field of fields) if (form.errors[field]) form.validateField(field);
}

/**
 * A count as typed, in a plain text box with the phone's number keypad: "-5" or "12.5" stays
 * as typed and is refused with a message (a number input would drop the sign or the point).
 */
function CountInput({ form, field, size }: { form: VisitForm; field: CountField; size: 'md' | 'lg' }) {
  const props = form.getInputProps(field);
  return (
    <TextInput
      {...props}
      label={VISIT_FIELD_LABELS[field]}
      size={size}
      inputMode="numeric"
      autoComplete="off"
      styles={COUNT_STYLES}
      onChange={(event) => {
        const hadError = !!form.errors[field];
        form.setFieldValue(field, event.currentTarget.value);
        if (hadError) form.validateField(field);
      }}
    />
  );
}

/**
 * The fields of a visit, shared by "Log a visit" (`mode="log"`: made for a phone at the partner's
 * door, the less used fields under "More details") and editing a visit (every field in view).
 */
export function VisitFields({
  form,
  userId,
  mode,
  base,
}: {
  form: VisitForm;
  userId: string;
  mode: 'log' | 'edit';
  base?: VisitFormValues;
}) {
  const values = form.getValues();
  const team = useColleagues();
  const contacts = useContacts(values.organizationId);
  const programs = useProgramOptions();
  const big = mode === 'log';
  // What "now" looks like in the time field until the person changes it (the server stamps the real moment).
  const [shownNow] = useState(() => toLocalInputValue(new Date()));
  const [more, setMore] = useState<string | null>(null);
  // An error under "More details" opens it (adjusting state while rendering, as React advises).
  const hiddenError = MORE_FIELDS.map((field) => form.errors[field]).find(Boolean);
  const [seenHiddenError, setSeenHiddenError] = useState(hiddenError);
  if (hiddenError !== seenHiddenError) {
    setSeenHiddenError(hiddenError);
    if (hiddenError) setMore('more');
  }

  const largeCounts = unconfirmedLargeCounts({ ...values, largeCountsConfirmed: false }, base);
  const colleagues = team.data ?? [];
  const staffOptions = colleagues.map((other) => ({
    value: other.id,
    label: other.id === userId ? `${other.name} (you)` : other.name,
  }));
  // Someone who went and has since left the team stays on the visit.
  for (const id of values.staffIds) {
    if (team.data && !colleagues.some((other) => other.id === id))
      staffOptions.push({ value: id, label: 'A former colleague' });
  }

  const moreFields = (
    <Stack gap="md">
      <TextInput
        label="When"
        description={
          [mode === 'log' && !values.when ? 'Now, unless you change it' : null, zoneHint()]
            .filter(Boolean)
            .join('. ') || undefined
        }
        type="datetime-local"
        required={mode === 'edit'}
        size="md"
        value={mode === 'log' ? values.when || shownNow : values.when}
        onChange={(event) =>
          form.setFieldValue(
            'when',
            mode === 'log' && event.currentTarget.value === shownNow ? '' : event.currentTarget.value,
          )
        }
        error={form.errors.when}
      />
      <TextInput
        label="Where"
        placeholder="e.g. Front lobby"
        maxLength={300}
        size="md"
        {...form.getInputProps('location')}
      />
      <Select
        label="Program"
        placeholder="None"
        clearable
        searchable
        size="md"
        nothingFoundMessage="No such program"
        data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
        {...form.getInputProps('programId')}
      />
      {staffOptions.length > 1 || mode === 'edit' ? (
        <MultiSelect label="Who went" size="md" searchable data={staffOptions} {...form.getInputProps('staffIds')} />
      ) : (
        <Text size="sm">Who went: you.</Text>
      )}
    </Stack>
  );

  return (
    <Stack gap="lg">
      <OrganizationSelect
        label="Partner"
        placeholder="Search partners"
        required
        size={big ? 'lg' : 'md'}
        value={values.organizationId}
        onChange={(id) => {
          form.setFieldValue('organizationId', id);
          // The people met belong to the partner: another partner's contacts would be refused.
          form.setFieldValue('contactIds', []);
        }}
        error={form.errors.organizationId}
      />

      <Radio.Group
        label="What was it for?"
        required
        size="md"
        value={values.purpose}
        onChange={(value) => form.setFieldValue('purpose', value)}
        error={form.errors.purpose}
      >
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mt="xs">
          {PURPOSES.map((purpose) => (
            <Radio.Card key={purpose} value={purpose} p="sm" radius="md" mih={big ? 56 : 48}>
              <Group wrap="nowrap" gap="xs" align="center">
                <Radio.Indicator size="md" />
                <Text size="md" lh={1.25}>
                  {PURPOSE_LABELS[purpose]}
                </Text>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>

      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="sm">
          {COUNT_FIELDS.map((field) => (
            <CountInput key={field} form={form} field={field} size={big ? 'lg' : 'md'} />
          ))}
        </SimpleGrid>
        {largeCounts.length > 0 && (
          <Checkbox
            label="Yes, the numbers are right"
            size="md"
            checked={values.largeCountsConfirmed}
            onChange={(event) => {
              form.setFieldValue('largeCountsConfirmed', event.currentTarget.checked);
              recheckShownErrors(form, COUNT_FIELDS);
            }}
          />
        )}
      </Stack>

      {values.organizationId && (
        <Checkbox.Group
          label="Who did you meet?"
          description={contacts.data?.length === 0 ? 'No contacts are recorded for this partner.' : undefined}
          {...form.getInputProps('contactIds')}
        >
          <Stack gap="sm" mt={contacts.data?.length ? 'xs' : 0}>
            {contacts.isPending && <Text size="sm">Loading contacts…</Text>}
            {contacts.data?.map((contact) => (
              <Checkbox
                key={contact.id}
                value={contact.id}
                size="md"
                label={contact.title ? `${contact.name} (${contact.title})` : contact.name}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}

      <Textarea
        label="Notes"
        description="What was said, what they asked for"
        autosize
        minRows={3}
        maxRows={10}
        maxLength={20000}
        size="md"
        {...form.getInputProps('notes')}
      />

      {mode === 'log' ? (
        <Accordion variant="contained" chevronPosition="right" value={more} onChange={setMore}>
          <Accordion.Item value="more">
            <Accordion.Control>More details: when, where, program, who went</Accordion.Control>
            <Accordion.Panel>{moreFields}</Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      ) : (
        moreFields
      )}
    </Stack>
  );
}
