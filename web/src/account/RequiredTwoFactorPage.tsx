import { Button, Group, Text } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { session } from '../api/client';
import { AuthFrame } from '../auth/AuthFrame';
import { safeRedirect } from '../auth/safe-redirect';
import { useSession } from '../auth/useSession';
import { TwoFactorSetup } from './TwoFactorSetup';
import { refreshSignedInUser } from './account-queries';

const route = getRouteApi('/two-factor-setup');

/**
 * Where someone lands after signing in when an admin requires two-factor sign-in for their role
 * and it is not on yet: until it is, Tandem lets them do nothing else (the server refuses too).
 */
export function RequiredTwoFactorPage() {
  const { user } = useSession();
  const search = route.useSearch();
  const navigate = useNavigate();
  if (!user) return null;

  async function goOn() {
    await refreshSignedInUser();
    await navigate({ href: safeRedirect(search.redirect) });
  }

  async function signOut() {
    await session.signOut();
    await navigate({ to: '/sign-in', search: { notice: 'signed-out' } });
  }

  return (
    <AuthFrame
      title="Set up two-factor sign-in"
      intro="An admin requires two-factor sign-in for your role. Set it up to go on: it takes a minute and an authenticator app on your phone."
    >
      <TwoFactorSetup email={user.email} onDone={() => void goOn()} />
      <Group mt="lg">
        <Text size="sm">Not now?</Text>
        <Button variant="subtle" size="compact-sm" onClick={() => void signOut()}>
          Sign out
        </Button>
      </Group>
    </AuthFrame>
  );
}
