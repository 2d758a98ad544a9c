import { Alert, Button, Group, List, Modal, Spoiler, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { errorMessage } from '../api/problem';
import { formatDate } from '../common/format';
import { joinNames, ROUND_EMAILS_NOTE, roundSummary } from './check-in-format';
import { useCheckInRound } from './check-ins-queries';

// The dashboard takes the hook from here, with the button and the message it drives.
export { useCheckInRound };

type Round = ReturnType<typeof useCheckInRound>;

/**
 * A manager's "Send a check-in round": every active partner that is due one (no open check-in,
 * none within the interval of the check-in settings, active long enough, somebody to ask) gets
 * the survey, after a confirmation that says so.
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
            contact are emailed. Partners with a check-in open or one recently are not due, and a new partner waits
            until it has been active for the waiting period of the check-in settings. You will see who was not sent it,
            and why.
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
 * What the round did, in plain words: how many partners were sent the survey, how many were not
 * and why (counted, then one line each), and how many were not due. Names come with the answer;
 * `names` (organization id → name) is only a fallback. Always rendered, so the live region exists
 * before its words arrive and screen readers announce them.
 */
export function RoundResult({ round, names }: { round: Round; names?: ReadonlyMap<string, string> }) {
  const summary = round.data ? roundSummary(round.data, formatDate, names) : null;
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
      {summary && round.data && (
        <Alert
          color={summary.notSent ? 'yellow' : 'green'}
          title="Check-in round sent"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => round.reset()}
        >
          <Stack gap={6}>
            <Text size="sm">
              {[summary.sent, summary.notSent, summary.ownerOnly, summary.notDue].filter(Boolean).join(' ')}
            </Text>
            {summary.sentTo.length > 0 && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Sent to {joinNames(summary.sentTo)}.
              </Text>
            )}
            {summary.details.length > 0 && (
              <Spoiler maxHeight={160} showLabel="Show every partner not sent" hideLabel="Show fewer">
                <List size="sm" spacing={2} style={{ overflowWrap: 'anywhere' }}>
                  {summary.details.map((line, index) => (
                    <List.Item key={`${index}:${line}`}>{line}</List.Item>
                  ))}
                </List>
              </Spoiler>
            )}
            {round.data.started.length > 0 && <Text size="sm">{ROUND_EMAILS_NOTE}</Text>}
          </Stack>
        </Alert>
      )}
    </div>
  );
}
