import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../common/AnchorLink';
import { useState, type FormEvent } from 'react';
import { session } from '../api/client';
import { ApiError, errorMessage } from '../api/problem';
import { AuthFrame } from './AuthFrame';
import { safeRedirect } from './safe-redirect';

const route = getRouteApi('/sign-in');

const NOTICE_TEXT = {
  expired: 'Your session ended. Sign in again to go on where you were.',
  'signed-out': 'You are signed out.',
  'already-set-up': 'Tandem is already set up. Sign in with your account, or ask an admin to invite you.',
} as const;

function signInError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'That email and password do not match an active account.';
  if (error instanceof ApiError && error.status === 429) return error.message || 'Too many attempts. Wait a few minutes, then try again.';
  return errorMessage(error);
}

export function SignInPage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(email.trim(), password);
      await navigate({ href: safeRedirect(search.redirect) });
    } catch (caught) {
      setError(signInError(caught));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Sign in">
      {search.notice && !error && (
        <Alert color={search.notice === 'expired' ? 'yellow' : 'cyan'} mb="md" role="status">
          {NOTICE_TEXT[search.notice]}
        </Alert>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Could not sign in">
              {error}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={busy} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      <Text size="sm" mt="lg">
        Setting Tandem up for the first time?{' '}
        <AnchorLink to="/setup">
          Create the first admin account
        </AnchorLink>
      </Text>
    </AuthFrame>
  );
}
