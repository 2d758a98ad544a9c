import { Alert, Anchor, Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { refreshSignedInUser } from './two-factor';

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
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; otp?: string }>({});

  const disable = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/mfa/disable', { body: { password, otp: otp.trim() } })),
    onSuccess: async () => {
      onDisabled();
      await refreshSignedInUser();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'WRONG_PASSWORD')
        setErrors({ password: 'That is not your password.' });
      else if (error instanceof ApiError && error.problem.code === 'MFA_INVALID')
        setErrors({ otp: 'That code is wrong, expired or already used.' });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      password: password ? undefined : 'Enter your password',
      otp: otp.trim() ? undefined : recovery ? 'Enter a recovery code' : 'Enter the code from your app',
    };
    setErrors(found);
    if (found.password || found.otp) return;
    disable.mutate();
  }

  const general = disable.error && !errors.password && !errors.otp ? errorMessage(disable.error) : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <Text>To turn it off, confirm with your password and a code.</Text>
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput
          label="Password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
        />
        {recovery ? (
          <TextInput
            label="Recovery code"
            required
            autoComplete="off"
            spellCheck={false}
            value={otp}
            onChange={(event) => setOtp(event.currentTarget.value)}
            error={errors.otp}
          />
        ) : (
          <TextInput
            label="Code from your authenticator app"
            required
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            value={otp}
            onChange={(event) => setOtp(event.currentTarget.value)}
            error={errors.otp}
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
