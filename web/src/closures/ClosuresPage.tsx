import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { UndoNotice } from '../common/UndoNotice';
import { applyProblem } from '../forms/apply-problem';
import { todayIn, viewerZone } from '../programs/zone';
import { formatLocalDate, formatTimeRange } from '../programs/schedule-preview';
import {
  createClosureBody,
  EMPTY_CLOSURE,
  validateClosureForm,
  type Closure,
  type ClosureFormValues,
} from './closure-form';
import { useAddClosure, useClosures, useRemoveClosure } from './closures-queries';

const cancelsText = (n: number) =>
  n === 0 ? 'No session on this day.' : `Cancels ${n} ${n === 1 ? 'session' : 'sessions'}:`;

/**
 * Days the library is closed. The program sessions on such a day that were not held (upcoming
 * ones, and past ones without attendance) are cancelled, with the closure's name as the reason,
 * and come back if the closure is removed; a session with attendance recorded stays held.
 * Managers add and remove them; everyone may look.
 */
export function ClosuresPage() {
  const user = useCurrentUser();
  const closures = useClosures();
  const [showPast, setShowPast] = useState(false);
  const [removing, setRemoving] = useState<Closure | null>(null);
  /** What the last add or removal did; `undo` is the closure just added, to remove again. */
  const [notice, setNotice] = useState<{ text: string; undo?: Closure } | null>(null);
  const undo = useRemoveClosure({
    onRemoved: (closure) =>
      setNotice({
        text: `${closure.name} removed again.${closure.sessions.length === 0 ? '' : ' Its sessions are back on the calendar.'}`,
      }),
    onFailed: (error, closure) =>
      setNotice({
        text:
          error instanceof ApiError && error.status === 404
            ? `${closure.name} was already removed.`
            : `${closure.name} could not be removed: ${errorMessage(error)}`,
      }),
  });
  const canManage = can(user, 'closure.manage');
  const today = todayIn(viewerZone());
  const shown = (closures.data ?? []).filter((closure) => showPast || closure.date >= today);
  const pastCount =
    (closures.data ?? []).length - (closures.data ?? []).filter((closure) => closure.date >= today).length;

  return (
    <Stack gap="md">
      <PageTitle>Closure days</PageTitle>
      <Text>
        Sessions on a day the library is closed are cancelled, and their reminders skipped — except sessions whose
        attendance is already recorded: they took place and stay. Remove a closure and the cancelled sessions are back.
      </Text>
      {canManage && <AddClosureForm onAdded={(closure) => setNotice({ text: addedText(closure), undo: closure })} />}
      <UndoNotice
        text={notice?.text ?? null}
        onUndo={notice?.undo ? () => notice.undo && undo.mutate(notice.undo) : undefined}
        undoing={undo.isPending}
        onDismiss={() => setNotice(null)}
      />

      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {showPast ? 'All closure days' : 'Coming closure days'}
        </Title>
        {pastCount > 0 && (
          <Switch
            label={`Show past days (${pastCount})`}
            checked={showPast}
            onChange={(event) => setShowPast(event.currentTarget.checked)}
          />
        )}
      </Group>
      {closures.isPending && <Loader size="sm" aria-label="Loading closure days" />}
      {closures.isError && (
        <Alert color="red" role="alert" title="The closure days could not be loaded">
          {errorMessage(closures.error)}
        </Alert>
      )}
      {closures.data && shown.length === 0 && (
        <Text c="dimmed">No closure days {showPast ? 'recorded' : 'coming up'}.</Text>
      )}
      {shown.length > 0 && (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {shown.map((closure) => (
            <Paper component="li" key={closure.id} withBorder p="md" radius="md" data-testid="closure">
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <Stack gap={2}>
                  <Text fw={700}>
                    {formatLocalDate(closure.date, undefined, {
                      weekday: 'long',
                      day: 'numeric',
                      month: 'long',
                      year: 'numeric',
                    })}
                  </Text>
                  <Text style={{ overflowWrap: 'anywhere' }}>{closure.name}</Text>
                </Stack>
                {canManage && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    onClick={() => setRemoving(closure)}
                    aria-label={`Remove ${closure.name}, ${closure.date}`}
                  >
                    Remove
                  </Button>
                )}
              </Group>
              <Text size="sm" mt="xs" fw={500}>
                {cancelsText(closure.sessions.length)}
              </Text>
              {closure.sessions.length > 0 && (
                <Stack component="ul" gap={2} mt={4} pl="md" m={0}>
                  {closure.sessions.map((session) => (
                    <Text component="li" size="sm" key={session.id}>
                      <AnchorLink to="/programs/$programId" params={{ programId: session.programId }}>
                        {session.programName}
                      </AnchorLink>
                      {', '}
                      {formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), session.programTimezone)}
                    </Text>
                  ))}
                </Stack>
              )}
            </Paper>
          ))}
        </Stack>
      )}
      {removing && (
        <RemoveClosureModal
          closure={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(text) => setNotice({ text })}
        />
      )}
    </Stack>
  );
}

/** Said once a closure is added: how many sessions it cancelled. */
export function addedText(closure: Closure): string {
  const n = closure.sessions.length;
  return `${closure.name} added. ${n === 0 ? 'No session was on that day.' : `${n} ${n === 1 ? 'session is' : 'sessions are'} cancelled.`}`;
}

function AddClosureForm({ onAdded }: { onAdded: (closure: Closure) => void }) {
  const form = useForm<ClosureFormValues>({
    mode: 'controlled',
    initialValues: EMPTY_CLOSURE,
    validate: validateClosureForm,
  });
  /** What to say above the form when the server refused it for no field's sake. */
  const [general, setGeneral] = useState<string | null>(null);

  const add = useAddClosure({
    onAdded: (closure) => {
      form.reset();
      onAdded(closure);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        form.setErrors({ date: 'There is already a closure on this day.' });
        setGeneral(null);
      } else setGeneral(applyProblem(form, error));
    },
  });

  const submit = form.onSubmit((values) => {
    setGeneral(null);
    add.mutate(createClosureBody(values));
  });

  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="add-closure-title">
      <Title order={2} size="h4" id="add-closure-title" mb="sm">
        Add a closure day
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Day" type="date" required {...form.getInputProps('date')} />
            <TextInput
              label="Name"
              required
              maxLength={200}
              placeholder="e.g. Thanksgiving"
              {...form.getInputProps('name')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              Add closure day
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function RemoveClosureModal({
  closure,
  onClose,
  onRemoved,
}: {
  closure: Closure;
  onClose: () => void;
  onRemoved: (notice: string) => void;
}) {
  const remove = useRemoveClosure({
    onRemoved: () => {
      onRemoved(
        `${closure.name} removed. ${closure.sessions.length === 0 ? '' : 'Its sessions are back on the calendar.'}`.trim(),
      );
      onClose();
    },
  });
  const n = closure.sessions.length;
  return (
    <Modal
      opened
      onClose={onClose}
      title="Remove this closure day?"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      <Stack>
        <Text>
          {closure.name}, {formatLocalDate(closure.date)}.{' '}
          {n === 0
            ? 'No session is on that day.'
            : `Its ${n === 1 ? 'session comes' : `${n} sessions come`} back on the calendar, with their reminders.`}
        </Text>
        {remove.error && (
          <Alert color="red" role="alert">
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button color="red" onClick={() => remove.mutate(closure)} loading={remove.isPending}>
            Remove closure day
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
