import {
  Alert,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState, type ReactNode } from 'react';
import type { User } from '../api/client';
import { ApiError, errorMessage } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { applyProblem } from '../forms/apply-problem';
import { useChangePassword, useMe, useUpdateProfile } from './account-queries';
import { changePasswordErrors, MIN_PASSWORD, NO_PASSWORDS, type ChangePasswordValues } from './password-form';
import { profileFormErrors, type ProfileFormValues } from './profile-form';
import { TwoFactorSection } from './TwoFactorSection';

const ROLE_WORDS: Record<User['role'], string> = {
  viewer: 'Viewer: reads the partner directory',
  staff: 'Staff: adds and edits partners, logs visits, runs programs',
  manager: 'Manager: staff, plus the dashboard and the vocabularies',
  admin: 'Admin: everything, including users and settings',
};

/** Every IANA zone the browser knows, with the current one first if it is missing (an old browser). */
function timeZones(current: string): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes(current) ? zones : [current, ...zones];
}

function AccountSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h3" id={`${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** My profile (name, time zone), my password and two-factor sign-in. */
export function AccountPage() {
  const user = useCurrentUser();
  // Fresh from the server, for the version the change must carry.
  const me = useMe();
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <Stack gap="lg" maw={760}>
      <PageTitle>Your account</PageTitle>
      <AccountSection id="profile" title="Profile">
        <Stack gap={4} mb="md">
          <Text>
            <Text span fw={600}>
              Email:{' '}
            </Text>
            {user.email}
          </Text>
          <Text>
            <Text span fw={600}>
              Role:{' '}
            </Text>
            {ROLE_WORDS[user.role]}
          </Text>
          <Text size="sm" c="dimmed">
            An admin changes your email address and role.
          </Text>
        </Stack>
        {me.isError && (
          <Alert color="red" role="alert">
            {errorMessage(me.error)}
          </Alert>
        )}
        {me.data && <ProfileForm key={me.data.version} me={me.data} onOutcome={setOutcome} />}
        {/* Here, not in the form: a save re-mounts the form with the new version. */}
        <div role="status" aria-live="polite">
          {outcome && (
            <Alert color={outcome.tone} mt="sm">
              {outcome.text}
            </Alert>
          )}
        </div>
      </AccountSection>
      <AccountSection id="password" title="Password">
        <PasswordForm email={user.email} />
      </AccountSection>
      <AccountSection id="two-factor" title="Two-factor sign-in">
        <TwoFactorSection />
      </AccountSection>
    </Stack>
  );
}

type Outcome = { tone: 'green' | 'yellow' | 'red'; text: string } | null;

function ProfileForm({ me, onOutcome: setOutcome }: { me: User; onOutcome: (outcome: Outcome) => void }) {
  const form = useForm<ProfileFormValues>({
    mode: 'controlled',
    initialValues: { name: me.name, timezone: me.timezone },
    validate: profileFormErrors,
  });
  const zones = useMemo(() => timeZones(me.timezone), [me.timezone]);

  const save = useUpdateProfile({
    onSuccess: () => setOutcome({ tone: 'green', text: 'Saved.' }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setOutcome({
          tone: 'yellow',
          text: 'Your profile was changed elsewhere meanwhile. The form now shows that version; make your change again.',
        });
        return;
      }
      applyProblem(form, error);
      setOutcome({ tone: 'red', text: `Not saved: ${errorMessage(error)}` });
    },
  });

  const submit = form.onSubmit((values) => {
    setOutcome(null);
    save.mutate({ name: values.name.trim(), timezone: values.timezone, version: me.version });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Name" required autoComplete="name" maxLength={120} {...form.getInputProps('name')} />
          <Select
            label="Time zone"
            description="For times in your reminder emails"
            searchable
            data={zones}
            allowDeselect={false}
            nothingFoundMessage="No such time zone"
            {...form.getInputProps('timezone')}
            onChange={(value: string | null) => value && form.setFieldValue('timezone', value)}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordForm({ email }: { email: string }) {
  const form = useForm<ChangePasswordValues>({
    mode: 'controlled',
    initialValues: NO_PASSWORDS,
    validate: changePasswordErrors,
    // Messages stay until the next try, so the one about a failed change is not replaced by a general one.
    clearInputErrorOnChange: false,
  });
  const [done, setDone] = useState(false);
  const change = useChangePassword();

  const submit = form.onSubmit(
    (values) => {
      setDone(false);
      change.mutate(
        { currentPassword: values.currentPassword, newPassword: values.newPassword },
        {
          onSuccess: () => {
            form.setValues(NO_PASSWORDS);
            setDone(true);
          },
          onError: (error) => {
            if (error instanceof ApiError && error.problem.code === 'WRONG_CURRENT_PASSWORD')
              form.setErrors({ currentPassword: 'That is not your current password.' });
            else applyProblem(form, error);
          },
        },
      );
    },
    () => setDone(false),
  );

  const generalError = change.error && !Object.values(form.errors).some(Boolean) ? errorMessage(change.error) : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput
          label="Current password"
          required
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_PASSWORD} characters; a phrase of a few words works well.`}
          required
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput
          label="New password again"
          required
          autoComplete="new-password"
          {...form.getInputProps('confirm')}
        />
        <div role="status" aria-live="polite">
          {done && (
            <Alert color="green">Password changed. You stay signed in here; your other sessions were signed out.</Alert>
          )}
          {generalError && (
            <Alert color="red" title="Password not changed">
              {generalError}
            </Alert>
          )}
        </div>
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
