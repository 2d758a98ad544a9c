import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { errorMessage } from '../api/problem';
import { ROUND_EMAILS_NOTE, roundSummary } from './check-in-format';
import { useCheckInRound } from './check-ins-queries';

// The dashboard takes the hook from here, with the button and the message it drives.
export { useCheckInRound };

type Round = ReturnType<typeof useCheckInRound>;

/**
 * A manager's "Send a check-in round": every active partner that is due one (no open check-in,
 * none within the interval of the check-in settings, somebody to ask) gets the survey, after a
 * confirmation that says so.
 */
export function SendRoundButton({ round }: { round: Round }) {
  const [confirming, confirm] = useDisclosure(false);
  return (
    <>
      <Button
        variant="light"
        onClick={() => {
          round.reset();
          confirm.open();
        }}
      >
        Send a check-in round
      </Button>
      <Modal
        opened={confirming}
        onClose={confirm.close}
        title="Send a check-in round"
        closeButtonProps={{ 'aria-label': 'Close' }}
        centered
      >
        <Stack>
          <Text>
            Every active partner that is due a check-in gets the three-minute survey: its library owner and its primary
            contact are emailed. Partners with a check-in open, one recently, or nobody to ask are skipped.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button onClick={() => round.mutate(undefined, { onSettled: confirm.close })} loading={round.isPending}>
              Send the round
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * What the round did, in words: who was asked, who was skipped and why. `names` maps
 * organization ids to names (the dashboard knows every partner not ended). Always rendered, so
 * the live region exists before its words arrive and screen readers announce them.
 */
export function RoundResult({ round, names }: { round: Round; names: ReadonlyMap<string, string> }) {
  const summary = round.data ? roundSummary(round.data, names) : null;
  return (
    <div role="status" aria-live="polite">
      {round.isError && (
        <Alert
          color="red"
          title="The round was not sent"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => round.reset()}
        >
          {errorMessage(round.error)}
        </Alert>
      )}
      {summary && (
        <Alert
          color="green"
          title="Check-in round sent"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => round.reset()}
        >
          <Text size="sm">{summary.started}</Text>
          {summary.partial.length > 0 && (
            <List size="sm" mt="xs">
              {summary.partial.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          )}
          {round.data && round.data.started.length > 0 && (
            <Text size="sm" mt="xs">
              {ROUND_EMAILS_NOTE}
            </Text>
          )}
          {summary.skipped.length > 0 && (
            <>
              <Text size="sm" mt="xs">
                Skipped {summary.skipped.length}:
              </Text>
              <List size="sm">
                {summary.skipped.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
    </div>
  );
}
