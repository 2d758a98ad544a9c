import {
  Accordion,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { errorMessage, unwrap } from '../api/problem';
import { queryKeys, useColleagues } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDateTime } from '../common/format';
import { PageTitle } from '../common/PageTitle';
import { AddTaskModal } from '../tasks/AddTaskModal';
import { fieldErrorsFrom } from './form-errors';
import { OrganizationSelect } from './OrganizationSelect';
import { outreachKeys, useContacts, useOrganization, useProgramOptions } from './outreach-data';
import {
  countsSummary,
  initialVisitValues,
  isUuid,
  MAX_COUNT,
  PURPOSE_LABELS,
  PURPOSES,
  readRememberedVisit,
  rememberVisit,
  toCreateVisitBody,
  toLocalInputValue,
  visitFormProblems,
  type CreateVisit,
  type Visit,
  type VisitFormValues,
} from './visit-form';

const route = getRouteApi('/app/log-visit');

export interface LogVisitSearch {
  /** The partner the person came from (its page's "Log a visit" button). */
  organizationId?: string;
}

export function parseLogVisitSearch(raw: Record<string, unknown>): LogVisitSearch {
  return isUuid(raw.organizationId) ? { organizationId: raw.organizationId } : {};
}

/** Two counts side by side: a label that wraps to two lines pushes its box down to line up with the other. */
const COUNT_STYLES = { root: { display: 'flex', flexDirection: 'column' }, label: { flex: 1 } } as const;

const FIELDS = [
  'organizationId',
  'purpose',
  'when',
  'location',
  'programId',
  'staffIds',
  'contactIds',
  'invitationsHandedOut',
  'peopleReached',
  'notes',
] as const satisfies readonly (keyof VisitFormValues)[];
type FieldErrors = Partial<Record<keyof VisitFormValues, string>>;

/**
 * "Log a visit", made for a phone at the partner's door: the partner, the purpose and the time
 * are filled in (see initialVisitValues), so a visit can be saved in two taps; counts, people met
 * and notes are there when wanted; the rest waits under "More details".
 */
export function LogVisitPage() {
  const { organizationId } = route.useSearch();
  const user = useCurrentUser();
  const [saved, setSaved] = useState<Visit | null>(null);
  // A new form for each partner it is opened for (and after "Log another visit").
  const [formKey, setFormKey] = useState(0);

  if (!can(user, 'outreach.write')) {
    return (
      <Stack gap="md">
        <PageTitle>Log a visit</PageTitle>
        <Alert color="yellow" role="alert">
          Your role lets you read visits but not log them. Ask an admin if you need to.
        </Alert>
        <AnchorLink to="/visits">See the visits</AnchorLink>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={640}>
      <PageTitle>Log a visit</PageTitle>
      {saved ? (
        <VisitSaved
          visit={saved}
          onAnother={() => {
            setSaved(null);
            setFormKey((key) => key + 1);
          }}
        />
      ) : (
        <VisitForm
          key={`${organizationId ?? ''}-${formKey}`}
          userId={user.id}
          organizationId={organizationId}
          onSaved={setSaved}
        />
      )}
    </Stack>
  );
}

function VisitForm({
  userId,
  organizationId,
  onSaved,
}: {
  userId: string;
  organizationId?: string;
  onSaved: (visit: Visit) => void;
}) {
  const team = useColleagues();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<VisitFormValues>(() =>
    initialVisitValues({ userId, organizationId, remembered: readRememberedVisit(userId) }),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [more, setMore] = useState<string | null>(null);
  // What "now" looks like in the time field until the person changes it (the server stamps the real moment).
  const [shownNow] = useState(() => toLocalInputValue(new Date()));
  const contacts = useContacts(values.organizationId);
  const programs = useProgramOptions();

  const set = <K extends keyof VisitFormValues>(key: K, value: VisitFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: async (body: CreateVisit) => unwrap(await api.POST('/api/v1/visits', { body })),
    onSuccess: async (visit) => {
      rememberVisit(userId, { organizationId: visit.organizationId, purpose: visit.purpose });
      onSaved(visit);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: outreachKeys.visits }),
        // The partner's timeline and health count visits.
        queryClient.invalidateQueries({ queryKey: queryKeys.organization(visit.organizationId) }),
      ]);
    },
    onError: (error) => {
      const { visitedAt, ...found } = fieldErrorsFrom(error, [...FIELDS, 'visitedAt']);
      showErrors(visitedAt ? { ...found, when: visitedAt } : found);
    },
  });

  /** Shows the errors, opening "More details" when one is in there. */
  function showErrors(found: FieldErrors) {
    setErrors(found);
    if (found.when ?? found.location ?? found.programId ?? found.staffIds) setMore('more');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = visitFormProblems(values);
    showErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(toCreateVisitBody(values));
  }

  const generalError = save.error && Object.keys(errors).length === 0 ? errorMessage(save.error) : null;
  const colleagues = team.data;

  return (
    <form onSubmit={submit} noValidate aria-label="Visit">
      <Stack gap="lg">
        {generalError && (
          <Alert color="red" role="alert" title="The visit was not saved">
            {generalError}
          </Alert>
        )}
        <OrganizationSelect
          label="Partner"
          placeholder="Search partners"
          required
          size="lg"
          value={values.organizationId}
          onChange={(id) => setValues((current) => ({ ...current, organizationId: id, contactIds: [] }))}
          error={errors.organizationId}
        />

        <Radio.Group
          label="What was it for?"
          required
          size="md"
          value={values.purpose}
          onChange={(value) => set('purpose', value)}
          error={errors.purpose}
        >
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mt="xs">
            {PURPOSES.map((purpose) => (
              <Radio.Card key={purpose} value={purpose} p="sm" radius="md" mih={56}>
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

        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label="Invitations handed out"
            size="lg"
            min={0}
            max={MAX_COUNT}
            allowDecimal={false}
            allowNegative={false}
            inputMode="numeric"
            styles={COUNT_STYLES}
            value={values.invitationsHandedOut}
            onChange={(value) =>
              set('invitationsHandedOut', typeof value === 'number' ? value : value === '' ? '' : Number(value))
            }
            error={errors.invitationsHandedOut}
          />
          <NumberInput
            label="People reached"
            size="lg"
            min={0}
            max={MAX_COUNT}
            allowDecimal={false}
            allowNegative={false}
            inputMode="numeric"
            styles={COUNT_STYLES}
            value={values.peopleReached}
            onChange={(value) =>
              set('peopleReached', typeof value === 'number' ? value : value === '' ? '' : Number(value))
            }
            error={errors.peopleReached}
          />
        </SimpleGrid>

        {values.organizationId && (
          <Checkbox.Group
            label="Who did you meet?"
            description={contacts.data?.length === 0 ? 'No contacts are recorded for this partner.' : undefined}
            value={values.contactIds}
            onChange={(ids) => set('contactIds', ids)}
            error={errors.contactIds}
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
          value={values.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
          error={errors.notes}
        />

        <Accordion variant="contained" chevronPosition="right" value={more} onChange={setMore}>
          <Accordion.Item value="more">
            <Accordion.Control>More details: when, where, program, who went</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                <TextInput
                  label="When"
                  description={values.when ? undefined : 'Now, unless you change it'}
                  type="datetime-local"
                  size="md"
                  value={values.when || shownNow}
                  onChange={(event) =>
                    set('when', event.currentTarget.value === shownNow ? '' : event.currentTarget.value)
                  }
                  error={errors.when}
                />
                <TextInput
                  label="Where"
                  placeholder="e.g. Front lobby"
                  maxLength={300}
                  size="md"
                  value={values.location}
                  onChange={(event) => set('location', event.currentTarget.value)}
                  error={errors.location}
                />
                <Select
                  label="Program"
                  placeholder="None"
                  clearable
                  searchable
                  size="md"
                  nothingFoundMessage="No such program"
                  data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
                  value={values.programId}
                  onChange={(id) => set('programId', id)}
                  error={errors.programId}
                />
                {colleagues && colleagues.length > 1 ? (
                  <MultiSelect
                    label="Who went"
                    size="md"
                    searchable
                    data={colleagues.map((other) => ({
                      value: other.id,
                      label: other.id === userId ? `${other.name} (you)` : other.name,
                    }))}
                    value={values.staffIds}
                    onChange={(ids) => set('staffIds', ids)}
                    error={errors.staffIds}
                  />
                ) : (
                  <Text size="sm">Who went: you.</Text>
                )}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>

        <Button type="submit" size="lg" fullWidth loading={save.isPending}>
          Save visit
        </Button>
      </Stack>
    </form>
  );
}

/** After saving: what was saved, and the likely next steps (a follow-up, back to the partner, another visit). */
function VisitSaved({ visit, onAnother }: { visit: Visit; onAnother: () => void }) {
  const organization = useOrganization(visit.organizationId);
  const heading = useRef<HTMLHeadingElement>(null);
  const [addingTask, setAddingTask] = useState(false);
  const [followUp, setFollowUp] = useState<string | null>(null);
  const name = organization.data?.name ?? 'the partner';
  const counts = countsSummary(visit);

  useEffect(() => heading.current?.focus(), []);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="visit-saved-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="visit-saved-title" ref={heading} tabIndex={-1}>
          Visit saved
        </Title>
        <Text role="status">
          {PURPOSE_LABELS[visit.purpose]} at {name}, {formatDateTime(visit.visitedAt)}
          {counts ? `: ${counts}` : ''}.
        </Text>
        {followUp && <Text role="status">Follow-up added: {followUp}</Text>}
        <Stack gap="xs">
          <Button size="lg" variant="light" onClick={() => setAddingTask(true)}>
            Add a follow-up
          </Button>
          <Button size="lg" variant="default" onClick={onAnother}>
            Log another visit
          </Button>
        </Stack>
        <Group gap="lg">
          <AnchorLink to="/organizations/$organizationId" params={{ organizationId: visit.organizationId }}>
            Back to {name}
          </AnchorLink>
          <AnchorLink to="/visits" search={{ organizationId: visit.organizationId }}>
            Visits with this partner
          </AnchorLink>
        </Group>
      </Stack>
      {addingTask && (
        <AddTaskModal
          opened
          onClose={() => setAddingTask(false)}
          organizationId={visit.organizationId}
          visitId={visit.id}
          onCreated={(task) => setFollowUp(task.title)}
        />
      )}
    </Paper>
  );
}
