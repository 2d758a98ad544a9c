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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, session, type User } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { useCurrentUser } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { MIN_PASSWORD, passwordFormErrors } from './password-form';
import { TwoFactorSection } from './TwoFactorSection';

const ME_KEY = ['auth', 'me'] as const;
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
  const me = useQuery({ queryKey: ME_KEY, queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });
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
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.name);
  const [timezone, setTimezone] = useState(me.timezone);
  const [errors, setErrors] = useState<{ name?: string; timezone?: string }>({});
  const zones = useMemo(() => timeZones(me.timezone), [me.timezone]);

  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/api/v1/auth/me', { body: { name: name.trim(), timezone, version: me.version } })),
    onSuccess: (saved) => {
      session.updateUser(saved);
      setOutcome({ tone: 'green', text: 'Saved.' });
      queryClient.setQueryData(ME_KEY, saved);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setOutcome({
          tone: 'yellow',
          text: 'Your profile was changed elsewhere meanwhile. The form now shows that version; make your change again.',
        });
        await queryClient.invalidateQueries({ queryKey: ME_KEY });
        return;
      }
      if (error instanceof ApiError)
        setErrors({ name: error.fieldError('name'), timezone: error.fieldError('timezone') });
      setOutcome({ tone: 'red', text: `Not saved: ${errorMessage(error)}` });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Enter your name' });
      return;
    }
    setErrors({});
    setOutcome(null);
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            required
            autoComplete="name"
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label="Time zone"
            description="For times in your reminder emails"
            searchable
            data={zones}
            value={timezone}
            allowDeselect={false}
            nothingFoundMessage="No such time zone"
            onChange={(value) => value && setTimezone(value)}
            error={errors.timezone}
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

type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';
const EMPTY: Record<PasswordField, string> = { currentPassword: '', newPassword: '', confirm: '' };

function PasswordForm({ email }: { email: string }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: async () => {
      unwrap(
        await api.POST('/api/v1/auth/password', {
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        }),
      );
    },
    onSuccess: () => {
      setValues(EMPTY);
      setDone(true);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'WRONG_CURRENT_PASSWORD')
        setErrors({ currentPassword: 'That is not your current password.' });
      else if (error instanceof ApiError)
        setErrors({
          newPassword: error.fieldError('newPassword'),
          currentPassword: error.fieldError('currentPassword'),
        });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const found = passwordFormErrors(values.newPassword, values.confirm);
    if (!values.currentPassword) found.currentPassword = 'Enter your current password';
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    change.mutate();
  }

  const set = (field: PasswordField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
  };
  const generalError = change.error && !Object.values(errors).some(Boolean) ? errorMessage(change.error) : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput
          label="Current password"
          required
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors.currentPassword}
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_PASSWORD} characters; a phrase of a few words works well.`}
          required
          autoComplete="new-password"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.newPassword}
        />
        <PasswordInput
          label="New password again"
          required
          autoComplete="new-password"
          value={values.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
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
