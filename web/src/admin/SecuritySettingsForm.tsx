import { Alert, Anchor, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import type { components } from '../api/schema';
import { applyProblem } from '../forms/apply-problem';
import { useSaveSecuritySettings, useSecuritySettings } from './admin-queries';

type SecuritySettings = components['schemas']['SecuritySettingsResponseDto'];
type RequirableRole = SecuritySettings['requireMfaFor'][number];

const ROLE_CHOICES: { value: RequirableRole; label: string }[] = [
  { value: 'admin', label: 'Admins' },
  { value: 'manager', label: 'Managers' },
];

/** Administration → Settings → Security: which roles must use two-factor sign-in. */
export function SecuritySettingsSection() {
  const settings = useSecuritySettings();
  // Here, not in the form: a save re-mounts the form with the new version.
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <>
      {settings.isError && (
        <Alert color="red" role="alert">
          {errorMessage(settings.error)}
        </Alert>
      )}
      {settings.data && (
        <SecuritySettingsForm key={settings.data.version} settings={settings.data} onOutcome={setOutcome} />
      )}
      <div role="status" aria-live="polite">
        {outcome && (
          <Alert color={outcome.tone} mt="md">
            {outcome.text}{' '}
            {outcome.setUpFirst && (
              <Anchor component={Link} to="/account">
                Go to Your account
              </Anchor>
            )}
          </Alert>
        )}
      </div>
    </>
  );
}

type Outcome = { tone: 'green' | 'yellow' | 'red'; text: string; setUpFirst?: boolean } | null;

function SecuritySettingsForm({
  settings,
  onOutcome: setOutcome,
}: {
  settings: SecuritySettings;
  onOutcome: (outcome: Outcome) => void;
}) {
  const form = useForm<{ requireMfaFor: RequirableRole[] }>({
    mode: 'controlled',
    initialValues: { requireMfaFor: settings.requireMfaFor },
  });

  const save = useSaveSecuritySettings({
    onSuccess: (saved) =>
      setOutcome({
        tone: 'green',
        text:
          saved.version === settings.version
            ? 'Nothing to save: the setting is unchanged.'
            : saved.requireMfaFor.length > 0
              ? `Saved. ${saved.requireMfaFor.map((role) => (role === 'admin' ? 'Admins' : 'Managers')).join(' and ')} without two-factor sign-in are taken to set it up.`
              : 'Saved. Two-factor sign-in is now up to each person.',
      }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setOutcome({
          tone: 'yellow',
          text: 'Someone changed this setting since you opened the page; it now shows their choice.',
        });
      } else if (error instanceof ApiError && error.problem.code === 'MFA_SETUP_FIRST') {
        setOutcome({
          tone: 'red',
          text: 'Not saved: turn on two-factor sign-in for your own account first.',
          setUpFirst: true,
        });
      } else {
        setOutcome({ tone: 'red', text: `Not saved: ${applyProblem(form, error) ?? errorMessage(error)}` });
      }
    },
  });

  const submit = form.onSubmit((values) => {
    setOutcome(null);
    save.mutate({ version: settings.version, requireMfaFor: values.requireMfaFor });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text maw={720}>
          Everyone can turn on two-factor sign-in from Your account. Required for a role, its members who have not
          turned it on are taken to set it up when they next sign in, and can use nothing else in Tandem until they
          have.
        </Text>
        <Checkbox.Group
          label="Require two-factor sign-in for"
          {...form.getInputProps('requireMfaFor')}
          onChange={(value) => form.setFieldValue('requireMfaFor', value as RequirableRole[])}
        >
          <Group mt="xs">
            {ROLE_CHOICES.map((choice) => (
              <Checkbox key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save security settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
