import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../common/AnchorLink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { session, type User } from '../api/client';
import { ApiError, errorMessage } from '../api/problem';
import { useSetupOpen } from './auth-queries';
import { AuthFrame } from './AuthFrame';
import { safeRedirect } from './safe-redirect';

const route = getRouteApi('/sign-in');

const NOTICE_TEXT = {
  expired: 'Your session ended. Sign in again to go on where you were.',
  'signed-out': 'You are signed out.',
  'already-set-up': 'Tandem is already set up. Sign in with your account, or ask an admin to invite you.',
} as const;

/** The sign-in form: the email and password, then the code (from the app, or a recovery code) when asked for one. */
interface SignInValues {
  email: string;
  password: string;
  otp: string;
}

function signInError(error: unknown): string {
  if (error instanceof ApiError && error.problem.code === 'MFA_INVALID')
    return 'That code is wrong, expired or already used. Try the code your app shows now.';
  if (error instanceof ApiError && error.status === 401)
    return 'That email and password do not match an active account.';
  if (error instanceof ApiError && error.status === 429)
    return error.message || 'Too many attempts. Wait a few minutes, then try again.';
  return errorMessage(error);
}

export function SignInPage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  return (
    <AuthFrame title="Sign in">
      <SignInForm
        notice={
          search.notice && (
            <Alert color={search.notice === 'expired' ? 'yellow' : 'cyan'} mb="md" role="status">
              {NOTICE_TEXT[search.notice]}
            </Alert>
          )
        }
        onSignedIn={() => navigate({ href: safeRedirect(search.redirect) })}
      />
      <FirstAdminLink />
    </AuthFrame>
  );
}

/**
 * Email and password, then (when the account has two-factor on) the code or a recovery code: the
 * sign-in page's form, and the sign-in dialog's when a session ends over a screen.
 */
export function SignInForm({
  initialEmail = '',
  notice,
  onSignedIn,
}: {
  initialEmail?: string;
  /** Shown above the email step while no error is. */
  notice?: ReactNode;
  /** Runs after `session.signIn` succeeded, with whoever signed in. */
  onSignedIn: (user: User) => unknown;
}) {
  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: { email: initialEmail, password: '', otp: '' },
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Two-factor: after a right password the server asks for a code (401 MFA_REQUIRED); the same form asks for it.
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [recovery, setRecovery] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step, recovery]);
  useEffect(() => {
    // The email is known (signing in again): the password is what to type.
    if (initialEmail) passwordInput.current?.focus();
  }, [initialEmail]);

  async function signIn({ email, password, otp }: SignInValues) {
    if (step === 'code' && !otp.trim()) {
      setError(recovery ? 'Enter one of your recovery codes.' : 'Enter the code from your authenticator app.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const user = await session.signIn(email.trim(), password, step === 'code' ? otp.trim() : undefined);
      await onSignedIn(user);
    } catch (caught) {
      if (caught instanceof ApiError && caught.problem.code === 'MFA_REQUIRED') {
        setStep('code');
        setBusy(false);
        return;
      }
      setError(signInError(caught));
      form.setFieldValue('otp', '');
      setBusy(false);
    }
  }
  const submit = form.onSubmit((values) => signIn(values));

  function startOver() {
    setStep('password');
    form.setValues({ password: '', otp: '' });
    setRecovery(false);
    setError(null);
  }

  if (step === 'code') {
    return (
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text c="dimmed">Two-factor sign-in is on for this account.</Text>
          {error && (
            <Alert color="red" role="alert" title="Could not sign in">
              {error}
            </Alert>
          )}
          {recovery ? (
            <TextInput
              key="recovery"
              ref={codeInput}
              label="Recovery code"
              description="One of the codes you saved when you set up two-factor sign-in. Each works once."
              autoComplete="off"
              spellCheck={false}
              required
              {...form.getInputProps('otp')}
            />
          ) : (
            <TextInput
              key="code"
              ref={codeInput}
              label="Code from your authenticator app"
              description="The six digits your app shows for Tandem."
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              required
              {...form.getInputProps('otp')}
            />
          )}
          <Button type="submit" loading={busy} fullWidth>
            Sign in
          </Button>
          <Group justify="space-between" gap="xs">
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setRecovery((current) => !current);
                form.setFieldValue('otp', '');
                setError(null);
              }}
            >
              {recovery ? 'Use the code from your app' : 'Use a recovery code'}
            </Anchor>
            <Anchor component="button" type="button" size="sm" onClick={startOver}>
              Back
            </Anchor>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <>
      {!error && notice}
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Could not sign in">
              {error}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput
            ref={passwordInput}
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </>
  );
}

/** Offers the first-run setup only while Tandem has no user (GET /auth/setup); nothing once someone exists. */
function FirstAdminLink() {
  const setup = useSetupOpen();
  if (!setup.data?.open) return null;
  return (
    <Text size="sm" mt="lg">
      Setting Tandem up for the first time? <AnchorLink to="/setup">Create the first admin account</AnchorLink>
    </Text>
  );
}
