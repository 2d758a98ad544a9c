import { Box, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ChangeEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import type { components } from '../api/schema';
import { PageTitle } from '../common/PageTitle';
import { applyProblem } from '../forms/apply-problem';
import { useCheckInSettings, useHealthSettings, useSaveCheckInSettings, useSaveHealthSettings } from './admin-queries';
import { LibrarySettingsSection } from './LibrarySettingsForm';
import { MatchingSettingsSection } from './MatchingSettingsForm';
import { SecuritySettingsSection } from './SecuritySettingsForm';
import { FIX_MARKED, STALE_SETTINGS, VersionedSettings, type SettingsOutcome } from './settings-outcome';
import {
  BAND_FIELDS,
  sumMessage,
  WEIGHT_FIELDS,
  weightsSum,
  type BandKey,
  type HealthSettings,
  type WeightKey,
} from './health-weights';
import {
  checkInFormErrors,
  healthFormErrors,
  healthFormValues,
  healthSettingsBody,
  type CheckInFormValues,
  type HealthFormValues,
} from './settings-form';

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

/** The library, the partnership health score's weights and bands, the check-in schedule, introductions and two-factor sign-in (admins). */
export function SettingsPage() {
  const health = useHealthSettings();
  const checkIns = useCheckInSettings();
  return (
    <Stack gap="lg">
      <PageTitle>Settings</PageTitle>
      <SettingsSection id="library-settings" title="Library">
        <LibrarySettingsSection />
      </SettingsSection>
      <SettingsSection id="health-settings" title="Partnership health score">
        <VersionedSettings
          query={health}
          form={(settings, onOutcome) => <HealthSettingsForm settings={settings} onOutcome={onOutcome} />}
        />
      </SettingsSection>
      <SettingsSection id="check-in-settings" title="Partnership check-ins">
        <VersionedSettings
          query={checkIns}
          form={(settings, onOutcome) => <CheckInSettingsForm settings={settings} onOutcome={onOutcome} />}
        />
      </SettingsSection>
      <SettingsSection id="matching-settings" title="Suggested introductions">
        <MatchingSettingsSection />
      </SettingsSection>
      <SettingsSection id="security-settings" title="Two-factor sign-in">
        <SecuritySettingsSection />
      </SettingsSection>
    </Stack>
  );
}

function HealthSettingsForm({
  settings,
  onOutcome: setOutcome,
}: {
  settings: HealthSettings;
  onOutcome: (outcome: SettingsOutcome) => void;
}) {
  const form = useForm<HealthFormValues>({
    mode: 'controlled',
    initialValues: healthFormValues(settings),
    validate: healthFormErrors,
  });
  const save = useSaveHealthSettings({
    // A new version re-mounts the form with the saved values (see the key above).
    onSuccess: (saved) =>
      setOutcome({
        tone: 'green',
        text:
          saved.version === settings.version
            ? 'Nothing to save: the settings are unchanged.'
            : 'Saved. Scores use the new settings from now on.',
      }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setOutcome({ tone: 'yellow', text: STALE_SETTINGS });
      else if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length)
        setOutcome({ tone: 'red', text: applyProblem(form, error) ?? FIX_MARKED });
      else setOutcome({ tone: 'red', text: `Not saved: ${errorMessage(error)}` });
    },
  });

  const submit = form.onSubmit(
    (values) => {
      setOutcome(null);
      save.mutate({ version: settings.version, ...healthSettingsBody(values) });
    },
    () => setOutcome({ tone: 'red', text: FIX_MARKED }),
  );

  // Numbers as typed: "-5" or "12.5" is refused with a message, never changed. Once messages are
  // showing, each change re-checks the boxes, so a message goes as soon as its box is right.
  const box = (path: `weights.${WeightKey}` | `bands.${BandKey}`) => ({
    ...form.getInputProps(path),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const showing = Object.keys(form.errors).length > 0;
      form.setFieldValue(path, event.currentTarget.value);
      if (showing) form.setErrors(healthFormErrors(form.getValues()));
    },
  });

  const sum = sumMessage(weightsSum(form.getValues().weights));
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
              <TextInput
                key={key}
                label={label}
                description={description}
                inputMode="numeric"
                autoComplete="off"
                {...PERCENT}
                {...box(`weights.${key}`)}
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
                {...box(`bands.${key}`)}
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
  onOutcome: (outcome: SettingsOutcome) => void;
}) {
  const form = useForm<CheckInFormValues>({
    mode: 'controlled',
    initialValues: {
      intervalMonths: String(settings.intervalMonths),
      respondWithinDays: String(settings.respondWithinDays),
      automatic: settings.automatic,
      firstAfterDays: String(settings.firstAfterDays),
      dailyLimit: String(settings.dailyLimit),
    },
    validate: checkInFormErrors,
  });
  const save = useSaveCheckInSettings({
    onSuccess: (saved) =>
      setOutcome({
        tone: 'green',
        text: saved.version === settings.version ? 'Nothing to save: the settings are unchanged.' : 'Saved.',
      }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setOutcome({ tone: 'yellow', text: STALE_SETTINGS });
        return;
      }
      applyProblem(form, error);
      setOutcome({ tone: 'red', text: `Not saved: ${errorMessage(error)}` });
    },
  });

  const submit = form.onSubmit(
    (values) => {
      setOutcome(null);
      save.mutate({
        version: settings.version,
        intervalMonths: Number(values.intervalMonths),
        respondWithinDays: Number(values.respondWithinDays),
        automatic: values.automatic,
        firstAfterDays: Number(values.firstAfterDays),
        dailyLimit: Number(values.dailyLimit),
      });
    },
    () => setOutcome({ tone: 'red', text: FIX_MARKED }),
  );

  // Once messages are showing, each change re-checks, so a message goes as soon as its box is right.
  const box = (path: 'intervalMonths' | 'respondWithinDays' | 'firstAfterDays' | 'dailyLimit') => ({
    ...form.getInputProps(path),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const showing = Object.keys(form.errors).length > 0;
      form.setFieldValue(path, event.currentTarget.value);
      if (showing) form.setErrors(checkInFormErrors(form.getValues()));
    },
  });

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
            {...box('intervalMonths')}
          />
          <TextInput
            label="Time to answer"
            description="In days"
            inputMode="numeric"
            autoComplete="off"
            {...box('respondWithinDays')}
          />
          <TextInput
            label="First check-in after"
            description="In days. A new partner gets its first check-in after it has been active this many days."
            inputMode="numeric"
            autoComplete="off"
            {...box('firstAfterDays')}
          />
          <TextInput
            label="Check-ins sent a day, at most"
            description="The automatic round asks at most this many partners a day; the others are asked on the next days."
            inputMode="numeric"
            autoComplete="off"
            {...box('dailyLimit')}
          />
        </SimpleGrid>
        <Checkbox
          label="Send the check-ins automatically"
          description="Each day, partners that are due get theirs. Unticked, a manager sends a round by hand."
          {...form.getInputProps('automatic', { type: 'checkbox' })}
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
