import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import { errorMessage } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { useClosures } from '../programs/program-queries';
import { viewerZone } from '../programs/zone';
import { useCalendarSessions, type CalendarSession } from './calendar-queries';
import {
  byDay,
  dayLabel,
  formatTime,
  formatTimes,
  localeWeekStart,
  periodLabel,
  samePeriod,
  shiftDate,
  todayIn,
  viewRange,
  viewWeeks,
  weekdayNames,
} from './calendar-range';
import { parseCalendarSearch, type CalendarView } from './calendar-search';

const route = getRouteApi('/app/calendar');

const VIEW_OPTIONS: { value: CalendarView; label: string }[] = [
  { value: 'month', label: 'Month' },
  { value: 'week', label: 'Week' },
];

interface Day {
  date: string;
  /** Outside the month on show (the grid's leading and trailing days). */
  outside: boolean;
  today: boolean;
  sessions: CalendarSession[];
  closures: string[];
}

/**
 * Every program's sessions by month or week, in the reader's own time zone, with the library's
 * closure days marked on their day and cancelled sessions struck through and said in words.
 * The view and the date are in the URL (`?view=week&date=2026-12-07`), so a week can be shared
 * and the browser's back button steps back through them. Wide screens get a grid (a table,
 * one column a weekday); a phone gets the same days as an agenda list, with no sideways scrolling.
 */
export function CalendarPage() {
  const user = useCurrentUser();
  const zone = user.timezone || viewerZone();
  const weekStart = useMemo(() => localeWeekStart(), []);
  // The route's search keeps any parameter it did not validate: take only the valid ones.
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseCalendarSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.md})`, undefined, { getInitialValueInEffect: false });

  const today = todayIn(zone);
  const view = search.view ?? 'month';
  const date = search.date ?? today;
  const range = viewRange(view, date, weekStart, zone);
  const sessions = useCalendarSessions(range);
  const closures = useClosures();

  const label = periodLabel(view, date, weekStart);
  const unit = view === 'month' ? 'month' : 'week';
  const previous = shiftDate(view, date, -1);
  const next = shiftDate(view, date, 1);
  const showsToday = samePeriod(view, date, today, weekStart);

  const weeks = calendarDays(viewWeeks(view, date, weekStart), {
    view,
    date,
    today,
    sessions: byDay(sessions.data ?? [], zone),
    closures: closures.data ?? [],
  });

  const inPeriod = weeks.flat().filter((day) => !day.outside);
  const shown = inPeriod.flatMap((day) => day.sessions);
  const cancelled = shown.filter((session) => session.cancelled).length;

  const go = (to: { view?: CalendarView; date?: string }) =>
    void navigate({ search: { view: to.view ?? view, date: to.date ?? date } });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle>Calendar</PageTitle>
        <SegmentedControl
          aria-label="View"
          data={VIEW_OPTIONS}
          value={view}
          onChange={(value) => go({ view: value })}
        />
      </Group>
      <Text size="sm">
        Every program’s sessions. Times are in your time zone ({zone.replace(/_/g, ' ')}); a session links to its
        program.
      </Text>

      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Title order={2} size="h3" id="calendar-period">
          {label}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => go({ date: previous })}
            aria-label={`Previous ${unit}, ${periodLabel(view, previous, weekStart)}`}
          >
            ‹ Previous
          </Button>
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => go({ date: today })}
            disabled={showsToday}
            aria-label={`Today, ${dayLabel(today, undefined, true)}`}
          >
            Today
          </Button>
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => go({ date: next })}
            aria-label={`Next ${unit}, ${periodLabel(view, next, weekStart)}`}
          >
            Next ›
          </Button>
        </Group>
      </Group>

      <Text role="status" aria-live="polite" fw={500}>
        {sessions.isPending
          ? 'Loading sessions…'
          : sessions.isError
            ? ''
            : shown.length === 0
              ? `No sessions this ${unit}.`
              : `${shown.length} ${shown.length === 1 ? 'session' : 'sessions'} this ${unit}${cancelled ? `, ${cancelled} cancelled` : ''}.`}
      </Text>

      {sessions.isError && (
        <Alert color="red" role="alert" title="The sessions could not be loaded">
          {errorMessage(sessions.error)}
        </Alert>
      )}
      {closures.isError && (
        <Alert color="yellow" role="alert" title="Closure days could not be loaded">
          The sessions they cancel still show as cancelled. {errorMessage(closures.error)}
        </Alert>
      )}

      {wide ? (
        <CalendarGrid weeks={weeks} weekStart={weekStart} zone={zone} label={label} />
      ) : (
        <CalendarAgenda
          days={view === 'week' ? weeks.flat() : inPeriod.filter(hasEntries)}
          zone={zone}
          label={label}
          loading={sessions.isPending}
        />
      )}
    </Stack>
  );
}

/** The grid's days with what is on each: sessions by the reader's day, closures by the library's date. */
function calendarDays(
  weeks: string[][],
  on: {
    view: CalendarView;
    date: string;
    today: string;
    sessions: Map<string, CalendarSession[]>;
    closures: readonly { date: string; name: string }[];
  },
): Day[][] {
  return weeks.map((week) =>
    week.map((day) => ({
      date: day,
      outside: on.view === 'month' && day.slice(0, 7) !== on.date.slice(0, 7),
      today: day === on.today,
      sessions: on.sessions.get(day) ?? [],
      closures: on.closures.filter((closure) => closure.date === day).map((closure) => closure.name),
    })),
  );
}

const hasEntries = (day: Day) => day.today || day.sessions.length > 0 || day.closures.length > 0;

/** The month (or week) as a table: a column per weekday, a row per week, each day's sessions a list. */
function CalendarGrid({
  weeks,
  weekStart,
  zone,
  label,
}: {
  weeks: Day[][];
  weekStart: number;
  zone: string;
  label: string;
}) {
  const names = weekdayNames(weekStart);
  return (
    <Table layout="fixed" withTableBorder withColumnBorders verticalSpacing="xs" horizontalSpacing="xs">
      <VisuallyHidden component="caption">Sessions, {label}</VisuallyHidden>
      <Table.Thead>
        <Table.Tr>
          {names.map((name) => (
            <Table.Th key={name.long} scope="col">
              <span aria-hidden="true">{name.short}</span>
              <VisuallyHidden>{name.long}</VisuallyHidden>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weeks.map((week) => (
          <Table.Tr key={week[0].date}>
            {week.map((day) => (
              <Table.Td
                key={day.date}
                aria-current={day.today ? 'date' : undefined}
                data-date={day.date}
                bg={day.today ? 'cyan.0' : day.closures.length ? 'red.0' : day.outside ? 'gray.0' : undefined}
                style={{ verticalAlign: 'top', height: weeks.length > 1 ? '7rem' : '12rem' }}
              >
                <DayCell day={day} zone={zone} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DayCell({ day, zone }: { day: Day; zone: string }) {
  const name = dayLabel(day.date);
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={day.today ? 700 : 500} c={day.outside ? 'gray.7' : undefined}>
          <span aria-hidden="true">{Number(day.date.slice(8))}</span>
          <VisuallyHidden>{name}</VisuallyHidden>
        </Text>
        {day.today && (
          <Badge size="xs" variant="filled" color="cyan.9">
            Today
          </Badge>
        )}
      </Group>
      {day.closures.map((closure) => (
        <Text key={closure} size="xs" fw={600} c="red.9">
          Library closed: {closure}
        </Text>
      ))}
      {day.sessions.length > 0 && (
        <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Sessions on ${name}`}>
          {day.sessions.map((session) => (
            <Box component="li" key={session.id} data-testid="calendar-session" fz="xs" lh={1.3}>
              <SessionLink session={session}>
                <Text span fz="xs" fw={700}>
                  {formatTime(session.startsAt, zone)}
                </Text>{' '}
                {session.programName}
              </SessionLink>
              {session.cancelled && (
                <Text span fz="xs" fw={600} c="red.9">
                  {' '}
                  Cancelled
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** A link to the session's program, opened at the session's month; struck through when it is cancelled. */
function SessionLink({ session, children }: { session: CalendarSession; children: ReactNode }) {
  return (
    <AnchorLink
      to="/programs/$programId"
      params={{ programId: session.programId }}
      search={{ month: session.localDate.slice(0, 7) }}
      fz="inherit"
      td={session.cancelled ? 'line-through' : undefined}
      c={session.cancelled ? 'gray.8' : undefined}
      style={{ overflowWrap: 'anywhere' }}
    >
      {children}
    </AnchorLink>
  );
}

/** The days as a list, one after another: what a phone shows instead of the grid. */
function CalendarAgenda({
  days,
  zone,
  label,
  loading,
}: {
  days: Day[];
  zone: string;
  label: string;
  loading: boolean;
}) {
  if (days.length === 0) return null;
  return (
    <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Days, ${label}`}>
      {days.map((day) => {
        const name = dayLabel(day.date);
        return (
          <Box
            component="li"
            key={day.date}
            aria-current={day.today ? 'date' : undefined}
            data-date={day.date}
            p="sm"
            bd="1px solid gray.3"
            bg={day.today ? 'cyan.0' : day.closures.length ? 'red.0' : undefined}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group gap={6} mb={4}>
              <Title order={3} size="h5">
                {name}
              </Title>
              {day.today && (
                <Badge size="xs" variant="filled" color="cyan.9">
                  Today
                </Badge>
              )}
            </Group>
            {day.closures.map((closure) => (
              <Text key={closure} size="sm" fw={600} c="red.9">
                Library closed: {closure}
              </Text>
            ))}
            {day.sessions.length === 0 ? (
              !loading && (
                <Text size="sm" c="gray.7">
                  No sessions.
                </Text>
              )
            ) : (
              <Stack
                component="ul"
                gap={6}
                m={0}
                p={0}
                style={{ listStyle: 'none' }}
                aria-label={`Sessions on ${name}`}
              >
                {day.sessions.map((session) => (
                  <Box component="li" key={session.id} data-testid="calendar-session">
                    <SessionLink session={session}>
                      <Text span fw={700} fz="sm">
                        {formatTimes(session.startsAt, session.endsAt, zone)}
                      </Text>{' '}
                      <Text span fz="sm">
                        {session.programName}
                      </Text>
                    </SessionLink>
                    {session.cancelled && (
                      <Text span fz="sm" fw={600} c="red.9">
                        {' '}
                        Cancelled
                      </Text>
                    )}
                    {session.location && (
                      <Text size="sm" c="gray.7">
                        {session.location}
                      </Text>
                    )}
                  </Box>
                ))}
              </Stack>
            )}
          </Box>
        );
      })}
    </Stack>
  );
}
