import { Alert, Button, CopyButton, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../api/problem';
import { formatDate } from '../common/format';
import { Section } from '../organization/Section';
import { useCalendarLink, useMakeCalendarLink } from './program-queries';
import type { Program } from './program-types';

/**
 * "Subscribe in your calendar": the signed-in person's own iCalendar link to the program, for
 * Outlook, Google or Apple Calendar. It carries a key instead of a sign-in, so it is shown in a
 * read-only field to copy, belongs to this person only (it stops when their account is closed),
 * and can be replaced: making a new link turns the old one off at once. Every role may have one.
 */
export function CalendarLinkSection({ program }: { program: Program }) {
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const link = useCalendarLink(program.id);
  const replaced = !!link.data?.url;
  const make = useMakeCalendarLink(program.id, {
    onSuccess: () => {
      setConfirming(false);
      setNotice(
        replaced
          ? 'New link made. The old one no longer works: add this one to your calendar instead.'
          : 'Your link is ready: copy it into your calendar app.',
      );
    },
  });
  const url = link.data?.url ?? null;

  return (
    <Section id="calendar-link" title="Subscribe in your calendar">
      <Stack gap="sm">
        <Text size="sm">
          See this program’s sessions in Outlook, Google or Apple Calendar (“subscribe from web”). The link is yours and
          works without signing in, so keep it to yourself: it stops when you make a new one or your account is closed.
        </Text>
        {link.isPending && <Loader size="sm" aria-label="Loading your calendar link" />}
        {link.isError && (
          <Alert color="red" role="alert">
            {errorMessage(link.error)}
          </Alert>
        )}
        {make.error && !confirming && (
          <Alert color="red" role="alert">
            {errorMessage(make.error)}
          </Alert>
        )}
        {link.data && !url && (
          <Group>
            <Button variant="light" onClick={() => make.mutate()} loading={make.isPending}>
              Get my calendar link
            </Button>
          </Group>
        )}
        {url && (
          <>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Your calendar link"
                readOnly
                value={url}
                style={{ flex: 1, minWidth: 0 }}
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'green.9' : undefined}
                    onClick={copy}
                    aria-label={copied ? 'Calendar link copied' : 'Copy the calendar link'}
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              Made {formatDate(link.data!.createdAt!)}. Calendar apps refresh it by themselves; cancelled sessions show
              as cancelled.
            </Text>
            <Group>
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                h="auto"
                py={4}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                onClick={() => {
                  make.reset();
                  setConfirming(true);
                }}
              >
                Make a new link (the old one stops working)
              </Button>
            </Group>
          </>
        )}
        <div role="status" aria-live="polite">
          {notice && (
            <Alert
              color="green"
              variant="light"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setNotice(null)}
            >
              {notice}
            </Alert>
          )}
        </div>
      </Stack>
      {confirming && (
        <Modal
          opened
          onClose={() => setConfirming(false)}
          title="Make a new calendar link?"
          closeButtonProps={{ 'aria-label': 'Close' }}
          centered
        >
          <Stack>
            <Text>
              Your current link stops working at once: calendars subscribed with it stop getting this program’s
              sessions. Use this if the link was shared by mistake, then add the new one to your calendar.
            </Text>
            {make.error && (
              <Alert color="red" role="alert">
                {errorMessage(make.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Keep the current link
              </Button>
              <Button color="red" onClick={() => make.mutate()} loading={make.isPending}>
                Make a new link
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Section>
  );
}
