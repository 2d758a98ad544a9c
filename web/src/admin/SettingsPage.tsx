import { Alert, Box, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import type { components } from '../api/schema';
import { PageTitle } from '../common/PageTitle';
import { adminKeys, useCheckInSettings, useHealthSettings } from './admin-queries';
import { SecuritySettingsSection } from './SecuritySettingsForm';
import {
  BAND_FIELDS,
  checkSettingsForm,
  hasErrors,
  serverSettingsErrors,
  sumMessage,
  WEIGHT_FIELDS,
  weightsSum,
  wholePercent,
  type BandKey,
  type FieldValue,
  type HealthSettings,
  type SettingsFormErrors,
  type WeightKey,
} from './health-weights';

type CheckInSettings = components['schemas']['CheckInSettingsResponseDto'];

/** The percent sign in a weight's box (the legend says the weights are out of 100). */
const PERCENT = {
  rightSection: (
    <Text size="sm" c="dimmed" aria-hidden="true">
      %
    </Text>
  ),
  rightSectionPointerEvents: 'none' as const,
};

function SettingsSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h3" id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The partnership health score's weights and bands, and the check-in schedule (admins). */
type Outcome = { tone: 'green' | 'yellow' | 'red'; text: string } | null;

/** The outcome of the last save, said below the form; kept here, as a save re-mounts the form with the new version. */
function OutcomeRegion({ outcome }: { outcome: Outcome }) {
  return (
    <div role="status" aria-live="polite">
      {outcome && (
        <Alert color={outcome.tone} mt="md">
          {outcome.text}
        </Alert>
      )}
    </div>
  );
}

export function SettingsPage() {
  const health = useHealthSettings();
  const checkIns = useCheckInSettings();
  const [healthOutcome, setHealthOutcome] = useState<Outcome>(null);
  const [checkInOutcome, setCheckInOutcome] = useState<Outcome>(null);
  return (
    <Stack gap="lg">
      <PageTitle>Settings</PageTitle>
      <SettingsSection id="health-settings" title="Partnership health score">
        {health.isError && (
          <Alert color="red" role="alert">
            {errorMessage(health.error)}
          </Alert>
        )}
        {health.data && (
          <HealthSettingsForm key={health.data.version} settings={health.data} onOutcome={setHealthOutcome} />
        )}
        <OutcomeRegion outcome={healthOutcome} />
      </SettingsSection>
      <SettingsSection id="check-in-settings" title="Partnership check-ins">
        {checkIns.isError && (
          <Alert color="red" role="alert">
            {errorMessage(checkIns.error)}
          </Alert>
        )}
        {checkIns.data && (
          <CheckInSettingsForm key={checkIns.data.version} settings={checkIns.data} onOutcome={setCheckInOutcome} />
        )}
        <OutcomeRegion outcome={checkInOutcome} />
      </SettingsSection>
      <SettingsSection id="security-settings" title="Two-factor sign-in">
        <SecuritySettingsSection />
      </SettingsSection>
    </Stack>
  );
}

const STALE =
  'Someone changed these settings since you opened this page. The form now shows their values; make your change again if it is still needed.';

function HealthSettingsForm({
  settings,
  onOutcome: setOutcome,
}: {
  settings: HealthSettings;
  onOutcome: (outcome: Outcome) => void;
}) {
  const queryClient = useQueryClient();
  const [weights, setWeights] = useState<Record<WeightKey, FieldValue>>({ ...settings.weights });
  const [bands, setBands] = useState<Record<BandKey, FieldValue>>({ ...settings.bands });
  const [errors, setErrors] = useState<SettingsFormErrors>({ weights: {}, bands: {} });
  // Once messages are showing, each change re-checks the boxes, so a message goes as soon as its box is right.
  const recheck = (nextWeights: Record<WeightKey, FieldValue>, nextBands: Record<BandKey, FieldValue>) => {
    if (hasErrors(errors)) setErrors(checkSettingsForm(nextWeights, nextBands));
  };

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/settings/health', {
          body: {
            version: settings.version,
            weights: Object.fromEntries(
              WEIGHT_FIELDS.map(({ key }) => [key, wholePercent(weights[key])]),
            ) as HealthSettings['weights'],
            bands: Object.fromEntries(
              BAND_FIELDS.map(({ key }) => [key, wholePercent(bands[key])]),
            ) as HealthSettings['bands'],
          },
        }),
      ),
    onSuccess: (saved) => {
      // A new version re-mounts the form with the saved values (see the key above).
      queryClient.setQueryData(adminKeys.healthSettings, saved);
      setOutcome({
        tone: 'green',
        text:
          saved.version === settings.version
            ? 'Nothing to save: the settings are unchanged.'
            : 'Saved. Scores use the new settings from now on.',
      });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: adminKeys.healthSettings });
        setOutcome({ tone: 'yellow', text: STALE });
      } else if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setErrors(serverSettingsErrors(error.problem.errors));
        setOutcome({ tone: 'red', text: 'Not saved: fix the values marked below.' });
      } else {
        setOutcome({ tone: 'red', text: `Not saved: ${errorMessage(error)}` });
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkSettingsForm(weights, bands);
    setErrors(found);
    if (hasErrors(found)) {
      setOutcome({ tone: 'red', text: 'Not saved: fix the values marked below.' });
      return;
    }
    setOutcome(null);
    save.mutate();
  }

  const sum = sumMessage(weightsSum(weights));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text maw={720}>
          Each partner’s score (0–100) weighs seven components. A component with no data for a partner is left out and
          its weight shared among the others. Version {settings.version}.
        </Text>
        <Box component="fieldset" style={{ border: 0, padding: 0, margin: 0 }} aria-describedby="weights-sum">
          <Text component="legend" fw={700} mb="xs">
            Weights (they must add up to 100)
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            {WEIGHT_FIELDS.map(({ key, label, description }) => (
              // Numbers as typed: "-5" or "12.5" is refused with a message, never changed.
              <TextInput
                key={key}
                label={label}
                description={description}
                inputMode="numeric"
                autoComplete="off"
                {...PERCENT}
                value={String(weights[key])}
                onChange={(event) => {
                  const next = { ...weights, [key]: event.currentTarget.value };
                  setWeights(next);
                  recheck(next, bands);
                }}
                error={errors.weights[key]}
              />
            ))}
          </SimpleGrid>
          <Text id="weights-sum" role="status" aria-live="polite" mt="sm" fw={600} c={sum.ok ? undefined : 'red.9'}>
            {sum.text}
          </Text>
        </Box>
        <Box component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={700} mb="xs">
            Bands (the lowest score of each; thriving above steady above at risk)
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            {BAND_FIELDS.map(({ key, label, description }) => (
              <TextInput
                key={key}
                label={label}
                description={description}
                inputMode="numeric"
                autoComplete="off"
                value={String(bands[key])}
                onChange={(event) => {
                  const next = { ...bands, [key]: event.currentTarget.value };
                  setBands(next);
                  recheck(weights, next);
                }}
                error={errors.bands[key]}
              />
            ))}
          </SimpleGrid>
        </Box>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save health settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CheckInSettingsForm({
  settings,
  onOutcome: setOutcome,
}: {
  settings: CheckInSettings;
  onOutcome: (outcome: Outcome) => void;
}) {
  const queryClient = useQueryClient();
  const [intervalMonths, setIntervalMonths] = useState<FieldValue>(settings.intervalMonths);
  const [respondWithinDays, setRespondWithinDays] = useState<FieldValue>(settings.respondWithinDays);
  const [automatic, setAutomatic] = useState(settings.automatic);
  const [errors, setErrors] = useState<{ intervalMonths?: string; respondWithinDays?: string }>({});

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/settings/check-ins', {
          body: {
            version: settings.version,
            intervalMonths: Number(intervalMonths),
            respondWithinDays: Number(respondWithinDays),
            automatic,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.checkInSettings, saved);
      setOutcome({
        tone: 'green',
        text: saved.version === settings.version ? 'Nothing to save: the settings are unchanged.' : 'Saved.',
      });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        await queryClient.invalidateQueries({ queryKey: adminKeys.checkInSettings });
        setOutcome({ tone: 'yellow', text: STALE });
      } else {
        if (error instanceof ApiError)
          setErrors({
            intervalMonths: error.fieldError('intervalMonths'),
            respondWithinDays: error.fieldError('respondWithinDays'),
          });
        setOutcome({ tone: 'red', text: `Not saved: ${errorMessage(error)}` });
      }
    },
  });

  function check(months: FieldValue, days: FieldValue) {
    // Digits only: "1.5", "-1" or "1e1" is refused, never read as something else.
    const whole = (value: FieldValue, min: number, max: number) => {
      const text = String(value).trim();
      return /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;
    };
    return {
      intervalMonths: whole(months, 1, 24) ? undefined : 'Enter a whole number of months from 1 to 24',
      respondWithinDays: whole(days, 1, 90) ? undefined : 'Enter a whole number of days from 1 to 90',
    };
  }
  // Once messages are showing, each change re-checks, so a message goes as soon as its box is right.
  const recheck = (months: FieldValue, days: FieldValue) => {
    if (errors.intervalMonths || errors.respondWithinDays) setErrors(check(months, days));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = check(intervalMonths, respondWithinDays);
    setErrors(found);
    if (found.intervalMonths || found.respondWithinDays) {
      setOutcome({ tone: 'red', text: 'Not saved: fix the values marked below.' });
      return;
    }
    setOutcome(null);
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text maw={720}>
          Each active partner is asked a short survey about the partnership: its owner at the library and its primary
          contact answer through an emailed link.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={640}>
          <TextInput
            label="Ask each partner every"
            description="In months"
            inputMode="numeric"
            autoComplete="off"
            value={String(intervalMonths)}
            onChange={(event) => {
              setIntervalMonths(event.currentTarget.value);
              recheck(event.currentTarget.value, respondWithinDays);
            }}
            error={errors.intervalMonths}
          />
          <TextInput
            label="Time to answer"
            description="In days"
            inputMode="numeric"
            autoComplete="off"
            value={String(respondWithinDays)}
            onChange={(event) => {
              setRespondWithinDays(event.currentTarget.value);
              recheck(intervalMonths, event.currentTarget.value);
            }}
            error={errors.respondWithinDays}
          />
        </SimpleGrid>
        <Checkbox
          label="Send the check-ins automatically"
          description="Each day, partners that are due get theirs. Unticked, a manager sends a round by hand."
          checked={automatic}
          onChange={(event) => setAutomatic(event.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save check-in settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
