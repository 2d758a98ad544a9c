import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, session } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { AuthFrame } from './AuthFrame';

const MIN_PASSWORD = 12;

type Field = 'name' | 'email' | 'password' | 'confirm';

/**
 * First run: creates the first admin (POST /auth/setup works only while Tandem has no user),
 * then signs in. The API has no "is setup still open?" question, so the form is always
 * offered; once a user exists the server answers 409 and the person is sent to sign in.
 */
export function SetupPage() {
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (field: Field) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
  };

  function validate(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = 'Enter your name';
    if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) found.email = 'Enter an email address';
    if ([...values.password].length < MIN_PASSWORD) found.password = `Use at least ${MIN_PASSWORD} characters`;
    if (values.confirm !== values.password) found.confirm = 'The two passwords differ';
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const email = values.email.trim();
    try {
      unwrap(
        await api.POST('/api/v1/auth/setup', { body: { name: values.name.trim(), email, password: values.password } }),
      );
      await session.signIn(email, values.password);
      await navigate({ to: '/organizations' });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.status === 409) {
        await navigate({ to: '/sign-in', search: { notice: 'already-set-up' } });
        return;
      }
      if (caught instanceof ApiError && caught.problem.errors?.length) {
        setErrors({
          name: caught.fieldError('name'),
          email: caught.fieldError('email'),
          password: caught.fieldError('password'),
        });
      }
      setFormError(errorMessage(caught));
    }
  }

  return (
    <AuthFrame
      title="Set up Tandem"
      intro="Create the first account. It will be an admin, who can then invite the rest of the team."
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Could not set up Tandem">
              {formError}
            </Alert>
          )}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            value={values.name}
            onChange={change('name')}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={values.email}
            onChange={change('email')}
            error={errors.email}
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD} characters; a phrase of a few words works well.`}
            autoComplete="new-password"
            required
            value={values.password}
            onChange={change('password')}
            error={errors.password}
          />
          <PasswordInput
            label="Password again"
            autoComplete="new-password"
            required
            value={values.confirm}
            onChange={change('confirm')}
            error={errors.confirm}
          />
          <Button type="submit" loading={busy} fullWidth>
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
