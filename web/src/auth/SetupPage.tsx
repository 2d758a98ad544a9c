import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { applyProblem } from '../forms/apply-problem';
import { useSetUp } from './auth-queries';
import { AuthFrame } from './AuthFrame';
import { MIN_PASSWORD, setupFormErrors, type SetupFormValues } from './setup-form';

/**
 * First run: creates the first admin (POST /auth/setup works only while Tandem has no user),
 * then signs in. The API has no "is setup still open?" question, so the form is always
 * offered; once a user exists the server answers 409 and the person is sent to sign in.
 */
export function SetupPage() {
  const navigate = useNavigate();
  const form = useForm<SetupFormValues>({
    mode: 'controlled',
    initialValues: { name: '', email: '', password: '', confirm: '' },
    validate: setupFormErrors,
    // Messages stay until the next try: they and the alert above speak of the same try.
    clearInputErrorOnChange: false,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setUp = useSetUp();

  async function create(values: SetupFormValues) {
    setFormError(null);
    setBusy(true);
    try {
      await setUp.mutateAsync({ name: values.name.trim(), email: values.email.trim(), password: values.password });
      await navigate({ to: '/organizations' });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.status === 409) {
        await navigate({ to: '/sign-in', search: { notice: 'already-set-up' } });
        return;
      }
      applyProblem(form, caught);
      setFormError(errorMessage(caught));
    }
  }

  const submit = form.onSubmit(
    (values) => create(values),
    () => setFormError(null),
  );

  return (
    <AuthFrame
      title="Set up Tandem"
      intro="Create the first account. It will be an admin, who can then invite the rest of the team."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Could not set up Tandem">
              {formError}
            </Alert>
          )}
          <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps('email')} />
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
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
