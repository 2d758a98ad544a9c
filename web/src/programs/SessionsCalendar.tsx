import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { parseCount, wholeNumberProblem } from '../forms/count';
import {
  currentMonth,
  monthLabel,
  monthRange,
  monthSummary,
  sessionState,
  shiftMonth,
  type SessionState,
} from './calendar-month';
import { useProgramSessions, useUpdateSession } from './program-queries';
import type { Program, Session } from './program-types';
import { formatTimeRange } from './schedule-preview';

/** The server's limit for one session's head count (UpdateSessionDto). */
const MAX_ATTENDANCE = 100_000;
const ATTENDANCE_RULE = { min: 0, max: MAX_ATTENDANCE, what: 'Attendance' };

/** A session's head count as its field shows it ("" when none is recorded). */
const attendanceText = (session: Session) => (session.attendance === null ? '' : String(session.attendance));

const STATE_BADGES: Record<SessionState, { label: string; color: string }> = {
  closed: { label: 'Library closed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'orange' },
  held: { label: 'Held', color: 'green' },
  unrecorded: { label: 'Attendance not recorded', color: 'yellow' },
  upcoming: { label: 'Upcoming', color: 'blue' },
};

/**
 * A month of the program's sessions as an agenda, in the program's zone: cancelled sessions and
 * closure days marked in words, attendance entered per session (a number), and staff cancel or
 * restore a session. Every change carries the session's version; a stale one is refused (409)
 * and the month is reloaded.
 */
export function SessionsCalendar({
  program,
  month: requested,
  onMonthChange,
  canWrite,
}: {
  program: Program;
  month?: string;
  onMonthChange: (month: string | undefined) => void;
  canWrite: boolean;
}) {
  const zone = program.schedule.timezone;
  const thisMonth = currentMonth(zone);
  const month = requested ?? thisMonth;
  const { from, to } = monthRange(month, zone);
  const sessions = useProgramSessions(program.id, from, to);
  const now = new Date();
  const label = monthLabel(month);
  const go = (next: string) => onMonthChange(next === thisMonth ? undefined : next);

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h5" id="sessions-month">
          {label}
        </Title>
        <Group gap="xs">
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => go(shiftMonth(month, -1))}
            aria-label={`Previous month, ${monthLabel(shiftMonth(month, -1))}`}
          >
            ‹ Previous
          </Button>
          {month !== thisMonth && (
            <Button variant="default" size="compact-sm" onClick={() => go(thisMonth)}>
              This month
            </Button>
          )}
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => go(shiftMonth(month, 1))}
            aria-label={`Next month, ${monthLabel(shiftMonth(month, 1))}`}
          >
            Next ›
          </Button>
        </Group>
      </Group>
      <Text size="sm" role="status" aria-live="polite">
        {sessions.isPending ? 'Loading sessions…' : sessions.isError ? '' : monthSummary(sessions.data, now)}
      </Text>
      {sessions.isPending && <Loader size="sm" aria-hidden="true" />}
      {sessions.isError && (
        <Alert color="red" role="alert">
          {errorMessage(sessions.error)}
        </Alert>
      )}
      {sessions.data && sessions.data.length > 0 && (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby="sessions-month">
          {sessions.data.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              program={program}
              range={{ from, to }}
              now={now}
              canWrite={canWrite}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function SessionRow({
  session,
  program,
  range,
  now,
  canWrite,
}: {
  session: Session;
  program: Program;
  range: { from: string; to: string };
  now: Date;
  canWrite: boolean;
}) {
  const zone = program.schedule.timezone;
  const state = sessionState(session, now);
  const startsAt = new Date(session.startsAt);
  const day = new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: zone,
  }).format(startsAt);
  const time = formatTimeRange(startsAt, new Date(session.endsAt), zone);
  // The head count as typed: "-3" or "12.5" is kept and refused with a message, never changed.
  const [attendance, setAttendance] = useState(() => attendanceText(session));
  // Whether to show what is wrong with it (once the person leaves the field or tries to save).
  const [checking, setChecking] = useState(false);
  const [saved, setSaved] = useState(false);
  // A new version (saved here, or someone else's after a conflict) shows its own number.
  const [shownVersion, setShownVersion] = useState(session.version);
  if (shownVersion !== session.version) {
    setShownVersion(session.version);
    setAttendance(attendanceText(session));
    setChecking(false);
  }

  // On a 409 the hook reloads the month, which brings the colleague's version.
  const update = useUpdateSession(program, session, range, { onSuccess: () => setSaved(true) });

  function saveAttendance(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setChecking(true);
    if (wholeNumberProblem(attendance, ATTENDANCE_RULE)) return;
    update.mutate({ attendance: attendance.trim() === '' ? null : parseCount(attendance) });
  }

  const badge = STATE_BADGES[state];
  const conflict = update.error instanceof ApiError && update.error.status === 409;
  const attendanceProblem = checking ? wholeNumberProblem(attendance, ATTENDANCE_RULE) : null;
  const serverAttendanceError =
    update.error instanceof ApiError && update.error.status === 400 ? update.error.fieldError('attendance') : undefined;
  const attendanceError = attendanceProblem ?? serverAttendanceError;
  const mayRecord = canWrite && (state === 'held' || state === 'unrecorded');

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      data-testid="session"
      data-state={state}
      bg={state === 'closed' || state === 'cancelled' ? 'gray.0' : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 14rem' }}>
          <Text fw={600} td={state === 'closed' || state === 'cancelled' ? 'line-through' : undefined}>
            {day}
          </Text>
          <Text size="sm">{time}</Text>
          <Group gap="xs">
            <Badge variant="dot" color={badge.color} tt="none">
              {badge.label}
            </Badge>
            {state === 'closed' && <Text size="sm">{session.cancelReason}</Text>}
            {state === 'held' && !mayRecord && <Text size="sm">{session.attendance} attended</Text>}
          </Group>
        </Stack>

        {mayRecord && (
          <form onSubmit={saveAttendance} aria-label={`Attendance, ${day}`}>
            <TextInput
              label="Attended"
              aria-label={`Attended on ${day}`}
              inputMode="numeric"
              autoComplete="off"
              maw="16rem"
              styles={{ wrapper: { width: 110, flex: 'none' } }}
              value={attendance}
              onChange={(event) => {
                setSaved(false);
                setAttendance(event.currentTarget.value);
              }}
              onBlur={() => setChecking(true)}
              error={attendanceError}
              // The button sits beside the box, so a message under them both has room to read.
              inputContainer={(input) => (
                <Group gap="xs" wrap="nowrap">
                  {input}
                  <Button
                    type="submit"
                    variant="light"
                    loading={update.isPending}
                    disabled={attendance.trim() === attendanceText(session)}
                  >
                    Save
                  </Button>
                </Group>
              )}
            />
          </form>
        )}

        {canWrite && state === 'upcoming' && (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            onClick={() => update.mutate({ cancelled: true })}
            aria-label={`Cancel session on ${day}`}
          >
            Cancel session
          </Button>
        )}
        {canWrite && state === 'unrecorded' && (
          // A past session without a head count may simply not have happened: that is a cancellation too.
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            onClick={() => update.mutate({ cancelled: true })}
            aria-label={`Mark as not held: ${day}`}
          >
            Mark as not held
          </Button>
        )}
        {canWrite && state === 'cancelled' && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => update.mutate({ cancelled: false })}
            aria-label={`Restore session on ${day}`}
          >
            Restore session
          </Button>
        )}
      </Group>
      <div role="status" aria-live="polite">
        {saved && !update.isPending && mayRecord && <Text size="sm">Saved.</Text>}
      </div>
      {update.error && !serverAttendanceError && (
        <Alert color={conflict ? 'yellow' : 'red'} role="alert" mt="xs" p="xs">
          {conflict
            ? 'Someone else changed this session meanwhile. It now shows their version; enter your change again.'
            : errorMessage(update.error)}
        </Alert>
      )}
    </Paper>
  );
}
