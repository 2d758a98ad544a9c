import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { formatDateTime } from '../common/format';
import { PageTitle } from '../common/PageTitle';
import { AddTaskModal } from '../tasks/AddTaskModal';
import { applyProblem } from '../forms/apply-problem';
import { useOrganization } from './outreach-data';
import {
  countsSummary,
  initialVisitValues,
  isUuid,
  PURPOSE_LABELS,
  readRememberedVisit,
  rememberVisit,
  toCreateVisitBody,
  type Visit,
} from './visit-form';
import { useVisitForm, VISIT_PROBLEM_OPTIONS, VisitFields } from './VisitFields';
import { useLogVisit } from './visits-queries';

const route = getRouteApi('/app/log-visit');

export interface LogVisitSearch {
  /** The partner the person came from (its page's "Log a visit" button). */
  organizationId?: string;
}

export function parseLogVisitSearch(raw: Record<string, unknown>): LogVisitSearch {
  return isUuid(raw.organizationId) ? { organizationId: raw.organizationId } : {};
}

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
  const [initialValues] = useState(() =>
    initialVisitValues({ userId, organizationId, remembered: readRememberedVisit(userId) }),
  );
  const form = useVisitForm(initialValues);
  const [general, setGeneral] = useState<string | null>(null);

  const save = useLogVisit({
    onSaved: (visit) => {
      rememberVisit(userId, { organizationId: visit.organizationId, purpose: visit.purpose });
      onSaved(visit);
    },
    onError: (error) => setGeneral(applyProblem(form, error, VISIT_PROBLEM_OPTIONS)),
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    save.mutate(toCreateVisitBody(values));
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Visit">
      <Stack gap="lg">
        {general && (
          <Alert color="red" role="alert" title="The visit was not saved">
            {general}
          </Alert>
        )}
        <VisitFields form={form} userId={userId} mode="log" />
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
