import {
  Alert,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { useAudiences } from '../api/queries';
import { RequirePermission } from '../auth/RequirePermission';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { errorUnder, problemFields } from './form-errors';
import { PartnersField } from './PartnersField';
import { useOrganization } from '../visits/outreach-data';
import {
  fieldBelongsTo,
  programBody,
  programFormValues,
  validateProgramForm,
  type ProgramFormValues,
} from './program-form';
import { useClosures, useProgram, useSaveProgram } from './program-queries';
import { PROGRAM_STATUSES, STATUS_LABELS, type Program } from './program-types';
import { checkScheduleValues, scheduleErrorsFrom } from './schedule-form';
import { emptyScheduleValues } from './schedule-pattern';
import { ScheduleEditor } from './ScheduleEditor';
import { todayIn, viewerZone } from './zone';
import { LanguageSelect } from '../library/languages';

const newRoute = getRouteApi('/app/programs/new');
const editRoute = getRouteApi('/app/programs/$programId/edit');

/** /programs/new: staff and above; viewers get the 403 page. */
export function NewProgramPage() {
  return (
    <RequirePermission permission="outreach.write" what="Adding a program" who="staff, managers and admins">
      <NewProgramForm />
    </RequirePermission>
  );
}

function NewProgramForm() {
  const { organizationId, partnerId } = newRoute.useSearch();
  // Started from a partner's page: that partner is the host; from a suggested introduction, the other is co-facilitator.
  const partner = useOrganization(organizationId);
  const second = useOrganization(partnerId);
  if ((organizationId && partner.isPending) || (partnerId && second.isPending)) return <Loading />;
  const zone = viewerZone();
  const initial: ProgramFormValues = {
    name: '',
    description: '',
    status: 'planned',
    language: '',
    partners: [
      ...(partner.data
        ? [{ organizationId: partner.data.id, organizationName: partner.data.name, role: 'host' as const }]
        : []),
      ...(partner.data && second.data
        ? [{ organizationId: second.data.id, organizationName: second.data.name, role: 'co-facilitator' as const }]
        : []),
    ],
    audienceIds: [],
    libraryGoal: '',
    partnerGoal: '',
    schedule: emptyScheduleValues(zone, todayIn(zone)),
  };
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb" separator="›">
        <AnchorLink to="/programs">Programs</AnchorLink>
        <Text aria-current="page">New program</Text>
      </Breadcrumbs>
      <PageTitle>New program</PageTitle>
      <ProgramForm initial={initial} />
    </Stack>
  );
}

/** /programs/:id/edit: staff and above; viewers get the 403 page. */
export function EditProgramPage() {
  return (
    <RequirePermission permission="outreach.write" what="Editing a program" who="staff, managers and admins">
      <EditProgramForm />
    </RequirePermission>
  );
}

function EditProgramForm() {
  const { programId } = editRoute.useParams();
  const program = useProgram(programId);
  const [conflicted, setConflicted] = useState(false);
  if (program.isPending) return <Loading />;
  if (program.isError) {
    return (
      <Stack>
        <PageTitle>Program could not be loaded</PageTitle>
        <Alert color="red" role="alert">
          {program.error instanceof ApiError && program.error.status === 404
            ? 'This program does not exist (it may have been deleted).'
            : errorMessage(program.error)}
        </Alert>
        <AnchorLink to="/programs">Back to programs</AnchorLink>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb" separator="›">
        <AnchorLink to="/programs">Programs</AnchorLink>
        <AnchorLink to="/programs/$programId" params={{ programId }}>
          {program.data.name}
        </AnchorLink>
        <Text aria-current="page">Edit</Text>
      </Breadcrumbs>
      <PageTitle documentTitle={`Edit ${program.data.name}`}>Edit program</PageTitle>
      {conflicted && (
        <Alert color="yellow" role="alert" title="The program was not saved">
          Someone changed this program since you opened it. The form now shows their version; make your change again.
        </Alert>
      )}
      {/* A new version (after a conflict) starts the form again from it. */}
      <ProgramForm
        key={program.data.version}
        initial={programFormValues(program.data)}
        program={program.data}
        onConflict={() => setConflicted(true)}
      />
    </Stack>
  );
}

function Loading() {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text>Loading program…</Text>
    </Group>
  );
}

function FormSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h4" id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * Creates a program or edits one. The schedule is checked with the server's own rules as it is
 * typed; what the server still refuses comes back as 400 field errors shown on the fields.
 */
function ProgramForm({
  initial,
  program,
  onConflict,
}: {
  initial: ProgramFormValues;
  program?: Program;
  onConflict?: () => void;
}) {
  const navigate = useNavigate();
  const audiences = useAudiences();
  const closures = useClosures();
  const form = useForm<ProgramFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => validateProgramForm(values),
  });
  const values = form.getValues();
  // The server's messages by its own field names (`schedule.startTime`, `partners.0.role`): the
  // schedule editor and the partners field each find theirs.
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [showScheduleProblems, setShowScheduleProblems] = useState(false);

  const set = <K extends keyof ProgramFormValues>(key: K, value: ProgramFormValues[K]) => {
    // Mantine types a value by its literal path; for a generic key it cannot, though the types match.
    form.setFieldValue(key, value as never);
    // A changed field's old server message no longer applies.
    setServerErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([field]) => !fieldBelongsTo(field, key))),
    );
  };

  const checkStartDate = !program || values.schedule.startDate !== program.startDate;
  // The preview counts from when the form was opened, so it stays steady while typing.
  const [openedAt] = useState(() => new Date());
  const check = useMemo(
    () =>
      checkScheduleValues(values.schedule, {
        now: openedAt,
        closures: closures.data,
        viewerZone: viewerZone(),
        checkStartDate,
      }),
    [values.schedule, closures.data, checkStartDate, openedAt],
  );

  const save = useSaveProgram(program, {
    onSuccess: (saved) => navigate({ to: '/programs/$programId', params: { programId: saved.id } }),
    onError: (error) => {
      setServerErrors(problemFields(error));
      // The hook fetches the program again; the page then starts the form from the new version.
      if (error instanceof ApiError && error.status === 409 && program) onConflict?.();
    },
  });

  const submit = form.onSubmit(
    (submitted) => {
      setShowScheduleProblems(true);
      if (Object.keys(check.errors).length > 0) return;
      setServerErrors({});
      save.mutate(programBody(submitted, program));
    },
    () => setShowScheduleProblems(true),
  );

  const scheduleServerErrors = scheduleErrorsFrom(
    Object.fromEntries(
      Object.entries(serverErrors).filter(
        ([field]) => field.startsWith('schedule') || field === 'startDate' || field === 'endDate',
      ),
    ),
    values.schedule,
  );
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const fieldsNamed = Object.keys(serverErrors).length > 0;
  const audienceOptions = audiences.data?.map((audience) => ({ value: audience.id, label: audience.name })) ?? [];

  return (
    <form onSubmit={submit} noValidate aria-label={program ? 'Edit program' : 'New program'}>
      <Stack gap="md">
        {save.error && !conflict && !fieldsNamed && (
          <Alert color="red" role="alert" title={program ? 'The program was not saved' : 'The program was not created'}>
            {errorMessage(save.error)}
          </Alert>
        )}
        {save.error && fieldsNamed && !conflict && (
          <Alert color="red" role="alert" title="Please check the fields marked below">
            {errorMessage(save.error)}
          </Alert>
        )}
        {showScheduleProblems && Object.keys(check.errors).length > 0 && (
          <Alert color="red" role="alert" title="The schedule needs attention">
            {Object.values(check.errors).join(' · ')}
          </Alert>
        )}

        <FormSection id="program-basics" title="Program">
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              maxLength={200}
              value={values.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={form.errors.name ?? serverErrors.name}
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              maxRows={8}
              maxLength={5000}
              value={values.description}
              onChange={(event) => set('description', event.currentTarget.value)}
              error={serverErrors.description}
            />
            <Select
              label="Status"
              data={PROGRAM_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
              value={values.status}
              allowDeselect={false}
              maw={260}
              onChange={(value) => value && set('status', value)}
              error={serverErrors.status}
            />
            <LanguageSelect
              label="Language"
              description="Its feedback form and poster speak this language"
              maw={260}
              value={values.language}
              onChange={(language) => set('language', language)}
              error={serverErrors.language}
            />
          </Stack>
        </FormSection>

        <FormSection id="program-schedule" title="Schedule">
          <ScheduleEditor
            values={values.schedule}
            onChange={(schedule) => set('schedule', schedule)}
            check={check}
            serverErrors={scheduleServerErrors}
          />
        </FormSection>

        <FormSection id="program-partners" title="Partners and audiences">
          <Stack gap="sm">
            <PartnersField
              partners={values.partners}
              onChange={(partners) => set('partners', partners)}
              errors={serverErrors}
            />
            <MultiSelect
              label="Audiences"
              description="Who it is for"
              searchable
              data={audienceOptions}
              value={values.audienceIds}
              onChange={(ids) => set('audienceIds', ids)}
              error={errorUnder(serverErrors, 'audienceIds')}
              nothingFoundMessage="No such audience"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Textarea
                label="What the library wants from it"
                autosize
                minRows={2}
                maxLength={5000}
                value={values.libraryGoal}
                onChange={(event) => set('libraryGoal', event.currentTarget.value)}
                error={serverErrors.libraryGoal}
              />
              <Textarea
                label="What the partner wants from it"
                autosize
                minRows={2}
                maxLength={5000}
                value={values.partnerGoal}
                onChange={(event) => set('partnerGoal', event.currentTarget.value)}
                error={serverErrors.partnerGoal}
              />
            </SimpleGrid>
          </Stack>
        </FormSection>

        <Group justify="flex-end">
          {program ? (
            <Button
              variant="default"
              onClick={() => void navigate({ to: '/programs/$programId', params: { programId: program.id } })}
            >
              Cancel
            </Button>
          ) : (
            <Button variant="default" onClick={() => void navigate({ to: '/programs' })}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {program ? 'Save program' : 'Create program'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
