import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { FIX_MARKED, settingsSaveFailed, VersionedSettings, type SettingsOutcome } from './settings-outcome';
import { useLibrarySettings, useSaveLibrarySettings, type LibrarySettings } from '../library/library-queries';
import {
  LANGUAGE_CHOICES,
  languageLabel,
  LIBRARY_NAME_MAX,
  libraryFormErrors,
  MONTH_CHOICES,
  libraryFormValues,
  librarySettingsBody,
  withLanguages,
  zoneOptions,
  type LibraryFormValues,
} from './library-settings-form';

/**
 * The settings section for the library itself (admins): its name, time zone, the month its fiscal
 * year starts in (reports' and goals' "this fiscal year"), and the languages the public pages and
 * partner emails are offered in.
 */
export function LibrarySettingsSection() {
  return (
    <VersionedSettings
      query={useLibrarySettings()}
      form={(settings, onOutcome) => <LibrarySettingsForm settings={settings} onOutcome={onOutcome} />}
    />
  );
}

function LibrarySettingsForm({
  settings,
  onOutcome: setOutcome,
}: {
  settings: LibrarySettings;
  onOutcome: (outcome: SettingsOutcome) => void;
}) {
  const form = useForm<LibraryFormValues>({
    mode: 'controlled',
    initialValues: libraryFormValues(settings),
    validate: libraryFormErrors,
  });
  const save = useSaveLibrarySettings({
    onSuccess: (saved) =>
      setOutcome({
        tone: 'green',
        text: saved.version === settings.version ? 'Nothing to save: the settings are unchanged.' : 'Saved.',
      }),
    onError: (error) => settingsSaveFailed(form, error, setOutcome),
  });

  const submit = form.onSubmit(
    (values) => {
      setOutcome(null);
      save.mutate({ version: settings.version, ...librarySettingsBody(values) });
    },
    () => setOutcome({ tone: 'red', text: FIX_MARKED }),
  );

  const values = form.getValues();
  const zones = useMemo(() => zoneOptions(values.timezone), [values.timezone]);
  // Once messages are showing, each change re-checks, so a message goes as soon as its field is right.
  const recheck = () => {
    if (Object.keys(form.errors).length > 0) form.setErrors(libraryFormErrors(form.getValues()));
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text maw={720}>
          How Tandem names the library to partners and the public, the time zone its dates are in, when its fiscal year
          starts, and the languages its public pages and partner emails are offered in.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <TextInput
            label="Library name"
            description={`As emails and the public pages say it. Up to ${LIBRARY_NAME_MAX} characters.`}
            autoComplete="off"
            {...form.getInputProps('name')}
            onChange={(event) => {
              form.setFieldValue('name', event.currentTarget.value);
              recheck();
            }}
          />
          <Select
            label="Time zone"
            description="Due dates and “today” are dates in this zone. Type to search."
            searchable
            data={zones}
            allowDeselect={false}
            nothingFoundMessage="No such time zone"
            limit={50}
            {...form.getInputProps('timezone')}
            onChange={(value: string | null) => {
              if (value) form.setFieldValue('timezone', value);
              recheck();
            }}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <Select
            label="Fiscal year starts in"
            description="Reports and goals offer “this fiscal year” from the first of this month."
            data={MONTH_CHOICES}
            allowDeselect={false}
            {...form.getInputProps('fiscalYearStartMonth')}
            onChange={(value: string | null) => {
              if (value) form.setFieldValue('fiscalYearStartMonth', value);
              recheck();
            }}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={720}>
          <Checkbox.Group
            label="Languages offered"
            description="The public pages and partner emails can be read in these."
            value={values.languages}
            error={form.errors.languages}
            onChange={(picked) => {
              form.setValues(withLanguages(form.getValues(), picked));
              recheck();
            }}
          >
            <Group mt="xs">
              {LANGUAGE_CHOICES.map((choice) => (
                <Checkbox key={choice.value} value={choice.value} label={choice.label} lang={choice.value} />
              ))}
            </Group>
          </Checkbox.Group>
          <Select
            label="Default language"
            description="For visitors whose language is none of those offered."
            data={values.languages.map((tag) => ({ value: tag, label: languageLabel(tag) }))}
            allowDeselect={false}
            {...form.getInputProps('defaultLanguage')}
            onChange={(value: string | null) => {
              if (value) form.setFieldValue('defaultLanguage', value as LibraryFormValues['defaultLanguage']);
              recheck();
            }}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save library settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
