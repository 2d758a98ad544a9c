import { Alert, Button, getDefaultZIndex, Modal, Stack } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { session } from '../api/client';
import { SignInForm } from './SignInPage';
import { useSession } from './useSession';

/**
 * When the session ends while a screen is open (the refresh cookie's session was revoked or ran
 * out), the screen stays and this dialog asks the person to sign in again over it. The call that
 * was refused waits meanwhile and goes through once the same person is back (see auth-fetch.ts), so
 * nothing typed is lost and nothing is sent twice. Someone else signing in starts afresh at the
 * directory (the app empties its query cache for a new person). Lives in the app layout; elsewhere
 * an ended session goes to the sign-in page as before.
 */
export function SessionExpiredDialog() {
  const { status, user } = useSession();
  const navigate = useNavigate();
  useEffect(() => session.registerResumeHost(), []);

  // Back in this tab (or another tab signed in): maybe the session goes on with that tab's cookie.
  useEffect(() => {
    if (status !== 'expired') return;
    const tryResume = () => {
      if (document.visibilityState === 'visible') void session.tryResume();
    };
    window.addEventListener('focus', tryResume);
    document.addEventListener('visibilitychange', tryResume);
    return () => {
      window.removeEventListener('focus', tryResume);
      document.removeEventListener('visibilitychange', tryResume);
    };
  }, [status]);

  // Someone else is signed in now (here or in another tab): nothing of the last person's screen stays.
  const shownFor = useRef(user?.id);
  useEffect(() => {
    if (!user) return;
    if (shownFor.current && shownFor.current !== user.id) void navigate({ to: '/organizations' });
    shownFor.current = user.id;
  }, [user, navigate]);

  const opened = status === 'expired';
  return (
    <Modal
      opened={opened}
      onClose={() => undefined}
      id="session-ended"
      title="Sign in again"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      centered
      size="sm"
      // Over whatever the screen has open (a drawer, another dialog): those stay as they were.
      zIndex={getDefaultZIndex('max')}
    >
      {opened && (
        <Stack gap="md">
          <SignInForm
            key={user?.id}
            initialEmail={user?.email ?? ''}
            notice={
              <Alert color="yellow" mb="md" role="status">
                Your session ended. Sign in again to carry on — what you typed is kept.
              </Alert>
            }
            onSignedIn={() => undefined}
          />
          <Button
            variant="subtle"
            onClick={() => {
              void session.abandon().then(() => navigate({ to: '/sign-in', search: { notice: 'signed-out' } }));
            }}
          >
            Sign out instead
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
