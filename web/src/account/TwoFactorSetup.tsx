import { Alert, Anchor, Button, Code, CopyButton, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { QrCode } from '../programs/QrCode';
import { useEnableTwoFactor, useStartTwoFactorSetup } from './account-queries';
import { groupSecret, recoveryCodesFile } from './two-factor';
import { confirmCodeErrors } from './two-factor-form';
import { saveFile } from '../common/save-file';

type Setup = { secret: string; otpauthUri: string };

/**
 * Turning on two-factor sign-in, in three steps: a new secret as a QR code (and as text to type),
 * confirmed with a code from the app; then the ten recovery codes, shown this once, to copy or
 * download; "I saved them" ends it (`onDone`). Loaded on demand: it brings the QR encoder.
 */
export function TwoFactorSetup({
  email,
  onDone,
  onCancel,
}: {
  email: string;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const start = useStartTwoFactorSetup({ onSuccess: setSetup });
  // A fresh secret as soon as this opens; leaving and coming back makes another (the old one was never confirmed).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start.mutate();
  }, [start]);

  if (codes) return <RecoveryCodes codes={codes} email={email} onDone={onDone} />;
  if (start.isError) {
    return (
      <Alert color="red" role="alert" title="Two-factor sign-in could not be set up">
        {errorMessage(start.error)}
      </Alert>
    );
  }
  if (!setup) return <Text>Making a new secret…</Text>;
  return <ConfirmCode setup={setup} onEnabled={setCodes} onCancel={onCancel} />;
}

function ConfirmCode({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: Setup;
  onEnabled: (codes: string[]) => void;
  onCancel?: () => void;
}) {
  const form = useForm<{ code: string }>({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: confirmCodeErrors,
    // The message stays until the next try, as the server's answer about the code does.
    clearInputErrorOnChange: false,
  });
  const enable = useEnableTwoFactor();

  const submit = form.onSubmit((values) =>
    enable.mutate(
      { code: values.code.trim() },
      {
        onSuccess: (answer) => onEnabled(answer.recoveryCodes),
        onError: (failure) =>
          form.setErrors({
            code:
              failure instanceof ApiError && failure.problem.code === 'MFA_INVALID'
                ? 'That code does not match. Enter the code your app shows now.'
                : errorMessage(failure),
          }),
      },
    ),
  );

  return (
    <Stack gap="md">
      <Text>
        1. Open an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or
        Aegis) and scan this code.
      </Text>
      <QrCode value={setup.otpauthUri} label="QR code to add Tandem to your authenticator app" size={200} />
      <Text size="sm">
        Setting up on this phone? <Anchor href={setup.otpauthUri}>Open it in your authenticator app</Anchor>
      </Text>
      <Stack gap={4}>
        <Text size="sm">Can’t scan it? Add an account by hand with this key (time-based):</Text>
        <Group gap="xs" wrap="wrap">
          <Code fz="md" data-testid="mfa-secret" aria-label="Setup key">
            {groupSecret(setup.secret)}
          </Code>
          <CopyButton value={setup.secret}>
            {({ copied, copy }) => (
              <Button variant="default" size="compact-sm" onClick={copy}>
                {copied ? 'Key copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={320}>
          <TextInput
            label="2. Code from the app"
            description="Six digits; it changes every 30 seconds."
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            required
            {...form.getInputProps('code')}
          />
          <Group>
            <Button type="submit" loading={enable.isPending}>
              Turn on two-factor sign-in
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form that had focus is gone: move it to what replaced it, so a screen reader reads on from here.
  useEffect(() => heading.current?.focus(), []);

  function download() {
    saveFile(new Blob([recoveryCodesFile(codes, email)], { type: 'text/plain' }), 'tandem-recovery-codes.txt');
  }

  return (
    <Stack gap="md">
      <Alert color="green" role="status">
        Two-factor sign-in is on. From now on Tandem asks for a code from your app when you sign in.
      </Alert>
      <Title order={3} size="h4" ref={heading} tabIndex={-1}>
        Your recovery codes
      </Title>
      <Text>
        If you lose your phone, each of these codes signs you in once instead of a code from the app. Keep them
        somewhere safe, away from your phone. They are shown only now.
      </Text>
      <List
        spacing={4}
        listStyleType="none"
        ff="monospace"
        fz="lg"
        aria-label="Recovery codes"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group gap="sm" wrap="wrap">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Codes copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download}>
          Download codes
        </Button>
        <Button onClick={onDone}>I saved them</Button>
      </Group>
    </Stack>
  );
}
