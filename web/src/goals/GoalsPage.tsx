import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';
import { Section } from '../organization/Section';
import { GoalList } from './GoalCard';
import { EditGoalModal, NewGoalModal } from './GoalFormModal';
import { groupGoals, valueOfTarget } from './goal-format';
import { deleteGoal, useGoals, useRefreshGoalViews } from './goal-queries';
import { parseGoalsSearch } from './goals-search';
import type { Goal } from './goal-types';

const route = getRouteApi('/app/goals');

/**
 * The team's work-plan goals: current ones (off track first), upcoming, past. Managers and admins
 * set, change and delete them; everyone else reads them.
 */
export function GoalsPage() {
  const user = useCurrentUser();
  const canManage = can(user, 'goal.manage');
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseGoalsSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const goals = useGoals();
  const refresh = useRefreshGoalViews();
  const [editing, setEditing] = useState<Goal | null>(null);
  const [deleting, setDeleting] = useState<Goal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const groups = groupGoals(goals.data ?? []);
  const creating = canManage && search.new === 1;
  const openNew = () => void navigate({ search: { new: 1 } });
  const closeNew = () => void navigate({ search: {}, replace: true });

  const actions = canManage
    ? (goal: Goal) => (
        <>
          <Button size="compact-sm" variant="light" onClick={() => setEditing(goal)} aria-label={`Edit ${goal.title}`}>
            Edit
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => setDeleting(goal)}
            aria-label={`Delete ${goal.title}`}
          >
            Delete
          </Button>
        </>
      )
    : undefined;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle>Work-plan goals</PageTitle>
        {canManage && <Button onClick={openNew}>New goal</Button>}
      </Group>
      <Text maw={720}>
        What the team aims for over a period — attendees, people reached, active partners — and how far along it is,
        measured from the same records as the <AnchorLink to="/reports">outreach report</AnchorLink>. A goal is on track
        when it has reached what an even pace would by today.
      </Text>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
          {notice}
        </Alert>
      )}
      {goals.isPending && (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>Loading the goals…</Text>
        </Group>
      )}
      {goals.isError && (
        <Alert color="red" role="alert" title="The goals could not be loaded">
          {errorMessage(goals.error)}
        </Alert>
      )}
      {goals.data && (
        <>
          <Section id="current-goals" title="Current">
            {groups.current.length === 0 ? (
              <Text c="dimmed">No goal runs today.{canManage ? ' Set one with “New goal”.' : ''}</Text>
            ) : (
              <GoalList goals={groups.current} actions={actions} columns={2} label="Current goals" />
            )}
          </Section>
          <Section id="upcoming-goals" title="Upcoming">
            {groups.upcoming.length === 0 ? (
              <Text c="dimmed">No goal starts later.</Text>
            ) : (
              <GoalList goals={groups.upcoming} actions={actions} columns={2} label="Upcoming goals" />
            )}
          </Section>
          {groups.past.length > 0 && (
            <Section id="past-goals" title="Past">
              <GoalList goals={groups.past} actions={actions} columns={2} label="Past goals" />
            </Section>
          )}
        </>
      )}
      {creating && (
        <NewGoalModal
          onClose={closeNew}
          scope={{ organizationId: search.organizationId, programId: search.programId, audienceId: search.audienceId }}
          onCreated={(goal) => setNotice(`Goal set: ${goal.title}.`)}
        />
      )}
      {editing && <EditGoalModal key={editing.id} goal={editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDeleteModal
          title="Delete this goal?"
          confirmLabel="Delete goal"
          remove={() => deleteGoal(deleting.id)}
          onDeleted={async () => {
            setNotice(`Goal deleted: ${deleting.title}.`);
            setDeleting(null);
            await refresh();
          }}
          onClose={() => setDeleting(null)}
        >
          “{deleting.title}” ({valueOfTarget(deleting.progress.value, deleting.target, deleting.metric)}) goes for good,
          from this page, the dashboard and the reports. The outreach it counted stays.
        </ConfirmDeleteModal>
      )}
    </Stack>
  );
}
