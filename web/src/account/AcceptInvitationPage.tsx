import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { session } from '../api/client';
import { ApiError } from '../api/problem';
import { AuthFrame } from '../auth/AuthFrame';
import { useSession } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { applyProblem } from '../forms/apply-problem';
import { acceptInvitationErrors, MIN_PASSWORD, type AcceptInvitationValues } from './password-form';

const route = getRouteApi('/accept-invitation');

/** The token of an invitation link, as the server makes them (URL-safe base64 or hex); anything else is not worth sending. */
export function parseAcceptInvitationSearch(raw: Record<string, unknown>): { token?: string } {
  return typeof raw.token === 'string' && /^[A-Za-z0-9._~-]{16,128}$/.test(raw.token) ? { token: raw.token } : {};
}

/**
 * Where the invitation email's link leads (PUBLIC_URL/accept-invitation?token=…; an admin's
 * "password link" too): choose a password, optionally correct the name, and be signed in.
 */
export function AcceptInvitationPage() {
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const current = useSession();
  const form = useForm<AcceptInvitationValues>({
    mode: 'controlled',
    initialValues: { name: '', password: '', confirm: '' },
    validate: acceptInvitationErrors,
    // Messages stay until the next try: they and the alert above speak of the same try.
    clearInputErrorOnChange: false,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function accept(values: AcceptInvitationValues) {
    if (!token) return;
    setFormError(null);
    setBusy(true);
    try {
      await session.acceptInvitation(token, values.password, values.name.trim() || undefined);
      await navigate({ to: '/organizations' });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.problem.code === 'INVITATION_INVALID') {
        setFormError('This link is invalid, already used or expired. Ask an admin to send you a new one.');
      } else if (caught instanceof ApiError && caught.fieldError('token')) {
        applyProblem(form, caught);
        setFormError(
          'This link is incomplete. Open the link from your email again, or ask an admin to send a new one.',
        );
      } else {
        // The password's or name's problem next to it; anything else above the form.
        setFormError(applyProblem(form, caught));
      }
    }
  }

  const submit = form.onSubmit(
    (values) => accept(values),
    () => setFormError(null),
  );

  if (!token) {
    return (
      <AuthFrame title="Choose your password">
        <Alert color="yellow" role="alert" title="This link is incomplete">
          Open the link from your invitation email again (all of it), or ask an admin to send you a new one.
        </Alert>
        <Text size="sm" mt="lg">
          Already have a password? <AnchorLink to="/sign-in">Sign in</AnchorLink>
        </Text>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title="Choose your password"
      intro="You were invited to Tandem. Choose a password to sign in; the link works once."
    >
      {current.status === 'signed-in' && current.user && (
        <Alert color="yellow" mb="md" role="status">
          You are signed in as {current.user.name}. Choosing a password here signs you in as the invited person instead.
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Could not set your password">
              {formError}
            </Alert>
          )}
          <TextInput
            label="Your name"
            description="Optional: leave it empty to keep the name on your invitation"
            autoComplete="name"
            maxLength={120}
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD} characters; a phrase of a few words works well.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Password again"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={busy} fullWidth>
            Save password and sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
