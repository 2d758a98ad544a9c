import { Alert, Anchor, Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { lazy, Suspense, useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { applyProblem } from '../forms/apply-problem';
import { refreshSignedInUser, useDisableTwoFactor } from './account-queries';
import { disableTwoFactorErrors, type DisableTwoFactorValues } from './two-factor-form';

/** Setting up brings the QR encoder: loaded when someone starts it. */
const TwoFactorSetup = lazy(() => import('./TwoFactorSetup').then((module) => ({ default: module.TwoFactorSetup })));

/** "Your account" → two-factor sign-in: whether it is on; set it up, or turn it off with password and code. */
export function TwoFactorSection() {
  const user = useCurrentUser();
  const [settingUp, setSettingUp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (settingUp) {
    return (
      <Suspense fallback={<Text>Loading…</Text>}>
        <TwoFactorSetup
          email={user.email}
          onCancel={() => setSettingUp(false)}
          onDone={() => {
            setSettingUp(false);
            setNotice('Two-factor sign-in is on. Your other sessions were signed out.');
            void refreshSignedInUser();
          }}
        />
      </Suspense>
    );
  }
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text>Status:</Text>
        <Badge variant="dot" color={user.mfaEnabled ? 'green' : 'gray'} tt="none" size="lg">
          {user.mfaEnabled ? 'On' : 'Off'}
        </Badge>
      </Group>
      <div role="status" aria-live="polite">
        {notice && <Alert color="green">{notice}</Alert>}
      </div>
      {user.mfaEnabled ? (
        <DisableForm
          email={user.email}
          onDisabled={() => setNotice('Two-factor sign-in is off. Your other sessions were signed out.')}
        />
      ) : (
        <>
          <Text maw={620}>
            With two-factor sign-in, signing in takes your password and a code from an authenticator app on your phone,
            so a stolen password alone is not enough.
          </Text>
          <Group>
            <Button
              onClick={() => {
                setNotice(null);
                setSettingUp(true);
              }}
            >
              Set up two-factor sign-in
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function DisableForm({ email, onDisabled }: { email: string; onDisabled: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const form = useForm<DisableTwoFactorValues>({
    mode: 'controlled',
    initialValues: { password: '', otp: '' },
    validate: (values) => disableTwoFactorErrors(values, recovery),
    // Messages stay until the next try, so the one about a failed try is not replaced by a general one.
    clearInputErrorOnChange: false,
  });

  const disable = useDisableTwoFactor({
    onSuccess: onDisabled,
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'WRONG_PASSWORD')
        form.setErrors({ password: 'That is not your password.' });
      else if (error instanceof ApiError && error.problem.code === 'MFA_INVALID')
        form.setErrors({ otp: 'That code is wrong, expired or already used.' });
      else applyProblem(form, error);
    },
  });

  const submit = form.onSubmit((values) => disable.mutate({ password: values.password, otp: values.otp.trim() }));

  const errors = form.errors;
  const general = disable.error && !errors.password && !errors.otp ? errorMessage(disable.error) : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <Text>To turn it off, confirm with your password and a code.</Text>
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput label="Password" required autoComplete="current-password" {...form.getInputProps('password')} />
        {recovery ? (
          <TextInput
            label="Recovery code"
            required
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('otp')}
          />
        ) : (
          <TextInput
            label="Code from your authenticator app"
            required
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            {...form.getInputProps('otp')}
          />
        )}
        <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setRecovery((current) => !current)}>
          {recovery ? 'Use the code from your app' : 'Use a recovery code'}
        </Anchor>
        {general && (
          <Alert color="red" role="alert" title="Two-factor sign-in is still on">
            {general}
          </Alert>
        )}
        <Group>
          <Button type="submit" color="red" variant="outline" loading={disable.isPending}>
            Turn off two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
