import { Alert, Checkbox, Group, List, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import {
  MONTH_POSITIONS,
  POSITION_NAMES,
  WEEKDAY_NAMES,
  WEEKDAY_SHORT,
  WEEKDAYS,
  buildSchedule,
  sortDays,
  type Frequency,
  type MonthPosition,
  type ScheduleFormValues,
} from './schedule-pattern';
import type { ScheduleCheck, ScheduleErrors } from './schedule-form';
import { describeSpan, formatTimeRange } from './schedule-preview';

const FREQUENCIES: { value: Frequency; label: string }[] = [
  { value: 'weekly', label: 'Every week' },
  { value: 'biweekly', label: 'Every other week' },
  { value: 'monthly', label: 'Once a month, on a weekday' },
  { value: 'custom', label: 'Custom rule (RRULE)' },
];

/** Every zone the browser knows (and the current one), for the time zone picker. */
function zoneOptions(current: string): string[] {
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort();
}

/**
 * The schedule part of the program form: a pattern (weekly, every other week, a weekday of the
 * month, or a custom RRULE), the local time, length, zone, first day and end, with a live
 * preview of the next sessions. `check` is `checkScheduleValues` of the same values (the
 * parent also needs it to block saving); `errors` are the server's, placed on the fields.
 */
export function ScheduleEditor({
  values,
  onChange,
  check,
  serverErrors,
}: {
  values: ScheduleFormValues;
  onChange: (values: ScheduleFormValues) => void;
  check: ScheduleCheck;
  serverErrors: ScheduleErrors;
}) {
  const set = <K extends keyof ScheduleFormValues>(key: K, value: ScheduleFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const errors: ScheduleErrors = { ...check.errors, ...serverErrors };
  const zones = useMemo(() => zoneOptions(values.timezone), [values.timezone]);
  const weekly = values.frequency === 'weekly' || values.frequency === 'biweekly';

  return (
    <Stack gap="sm">
      <Select
        label="Repeats"
        data={FREQUENCIES}
        value={values.frequency}
        allowDeselect={false}
        onChange={(value) => value && set('frequency', value)}
        error={values.frequency === 'monthly' ? errors.repeats : undefined}
      />
      {weekly && (
        <Checkbox.Group
          label="On"
          value={values.days}
          onChange={(days) => set('days', sortDays(days))}
          error={errors.days}
        >
          <Group gap="md" mt={4}>
            {WEEKDAYS.map((day) => (
              <Checkbox key={day} value={day} label={WEEKDAY_SHORT[day]} aria-label={WEEKDAY_NAMES[day]} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {values.frequency === 'monthly' && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label="Which"
            data={MONTH_POSITIONS.map((position) => ({ value: String(position), label: POSITION_NAMES[position] }))}
            value={String(values.position)}
            allowDeselect={false}
            onChange={(value) => value && set('position', Number(value) as MonthPosition)}
          />
          <Select
            label="Weekday"
            data={WEEKDAYS.map((day) => ({ value: day, label: WEEKDAY_NAMES[day] }))}
            value={values.monthDay}
            allowDeselect={false}
            onChange={(value) => value && set('monthDay', value)}
          />
        </SimpleGrid>
      )}
      {values.frequency === 'custom' && (
        <TextInput
          label="Rule"
          description="An RFC 5545 RRULE, daily or less often, e.g. FREQ=MONTHLY;BYMONTHDAY=15"
          maxLength={500}
          value={values.customRrule}
          onChange={(event) => set('customRrule', event.currentTarget.value)}
          error={errors.customRrule}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      )}

      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <TextInput
          label="Starts at"
          description="Local time"
          type="time"
          value={values.startTime}
          onChange={(event) => set('startTime', event.currentTarget.value)}
          error={errors.startTime}
        />
        {/* Numbers as typed (a number input would turn 0 into 1 or "1.5" into 15 without a word). */}
        <TextInput
          label="Length (minutes)"
          inputMode="numeric"
          autoComplete="off"
          value={values.durationMinutes}
          onChange={(event) => set('durationMinutes', event.currentTarget.value)}
          error={errors.durationMinutes}
        />
        <Select
          label="Time zone"
          searchable
          data={zones}
          value={values.timezone}
          allowDeselect={false}
          nothingFoundMessage="No such time zone"
          onChange={(value) => value && set('timezone', value)}
          error={errors.timezone}
          limit={50}
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          label="First day"
          type="date"
          value={values.startDate}
          onChange={(event) => set('startDate', event.currentTarget.value)}
          error={errors.startDate}
        />
        <TextInput
          label="Location"
          maxLength={300}
          placeholder="e.g. Central Library, Teen Room"
          value={values.location}
          onChange={(event) => set('location', event.currentTarget.value)}
          error={errors.location}
        />
      </SimpleGrid>

      <Radio.Group label="Ends" value={values.end} onChange={(value) => set('end', value)}>
        <Stack gap="xs" mt={4}>
          <Radio value="never" label="No end date" />
          <Radio value="date" label="On a date" />
          {values.end === 'date' && (
            <TextInput
              label="Last day"
              type="date"
              ml="xl"
              maw={260}
              value={values.endDate}
              onChange={(event) => set('endDate', event.currentTarget.value)}
              error={errors.endDate}
            />
          )}
          {values.frequency !== 'custom' && <Radio value="count" label="After a number of sessions" />}
          {values.end === 'count' && values.frequency !== 'custom' && (
            <TextInput
              label="Number of sessions"
              ml="xl"
              maw={260}
              inputMode="numeric"
              autoComplete="off"
              value={values.count}
              onChange={(event) => set('count', event.currentTarget.value)}
              error={errors.count}
            />
          )}
        </Stack>
      </Radio.Group>

      <SchedulePreviewBox values={values} check={check} />
    </Stack>
  );
}

/** The preview sentence, announced politely as the schedule changes. */
function SchedulePreviewBox({ values, check }: { values: ScheduleFormValues; check: ScheduleCheck }) {
  const preview = check.preview;
  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0" aria-labelledby="schedule-preview-title" component="section">
      <Text id="schedule-preview-title" fw={600} size="sm" mb={4}>
        Preview
      </Text>
      <div role="status" aria-live="polite" aria-atomic="true">
        {preview ? (
          <Stack gap={4}>
            <Text data-testid="schedule-sentence">{preview.sentence}</Text>
            <Text size="sm" c="dimmed">
              {describeSpan(buildSchedule(values))}
            </Text>
            {preview.sessions.some((session) => session.closure) && (
              <Text size="sm" c="dimmed">
                Sessions on closure days are created cancelled.
              </Text>
            )}
            {preview.sessions.length > 0 && (
              <List size="sm" spacing={2} aria-label="Next sessions">
                {preview.sessions.map((session) => (
                  <List.Item key={session.startsAt.toISOString()}>
                    {new Intl.DateTimeFormat(undefined, {
                      weekday: 'long',
                      day: 'numeric',
                      month: 'long',
                      year: 'numeric',
                      timeZone: values.timezone,
                    }).format(session.startsAt)}
                    {', '}
                    {formatTimeRange(session.startsAt, session.endsAt, values.timezone)}
                    {session.closure && ` — library closed (${session.closure})`}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        ) : (
          <Alert color="yellow" variant="light" p="xs">
            Fix the schedule to see its sessions.
          </Alert>
        )}
      </div>
    </Paper>
  );
}
