import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ChangeEvent } from 'react';
import { FIX_MARKED, settingsSaveFailed, VersionedSettings, type SettingsOutcome } from './settings-outcome';
import { useMatchingSettings, useSaveMatchingSettings, type MatchingSettings } from '../matches/matches-queries';
import { matchingFormErrors, matchingSettingsBody, type MatchingFormValues } from './matching-settings-form';

/**
 * The settings section for suggested introductions (admins): the strength floor and the cap per
 * partner of the open list.
 */
export function MatchingSettingsSection() {
  return (
    <VersionedSettings
      query={useMatchingSettings()}
      form={(settings, onOutcome) => <MatchingSettingsForm settings={settings} onOutcome={onOutcome} />}
    />
  );
}

function MatchingSettingsForm({
  settings,
  onOutcome: setOutcome,
}: {
  settings: MatchingSettings;
  onOutcome: (outcome: SettingsOutcome) => void;
}) {
  const form = useForm<MatchingFormValues>({
    mode: 'controlled',
    initialValues: { minStrength: String(settings.minStrength), maxPerPartner: String(settings.maxPerPartner) },
    validate: matchingFormErrors,
  });
  const save = useSaveMatchingSettings({
    onSuccess: (saved) =>
      setOutcome({
        tone: 'green',
        text:
          saved.version === settings.version
            ? 'Nothing to save: the settings are unchanged.'
            : 'Saved. The list of suggested introductions uses them from now on.',
      }),
    onError: (error) => settingsSaveFailed(form, error, setOutcome),
  });

  const submit = form.onSubmit(
    (values) => {
      setOutcome(null);
      save.mutate({ version: settings.version, ...matchingSettingsBody(values) });
    },
    () => setOutcome({ tone: 'red', text: FIX_MARKED }),
  );

  // Once messages are showing, each change re-checks, so a message goes as soon as its box is right.
  const box = (path: keyof MatchingFormValues) => ({
    ...form.getInputProps(path),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const showing = Object.keys(form.errors).length > 0;
      form.setFieldValue(path, event.currentTarget.value);
      if (showing) form.setErrors(matchingFormErrors(form.getValues()));
    },
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text maw={720}>
          What the list of suggested introductions shows by default. Anyone can still ask for every suggestion, and the
          dashboard always names the three strongest.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={640}>
          <TextInput
            label="Lowest strength shown"
            description="0 to 100. Suggestions where the partner looks for what the other offers score about 70 or more."
            inputMode="numeric"
            autoComplete="off"
            {...box('minStrength')}
          />
          <TextInput
            label="Suggestions per partner"
            description="3 to 100. The strongest ones are kept."
            inputMode="numeric"
            autoComplete="off"
            {...box('maxPerPartner')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save introduction settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
