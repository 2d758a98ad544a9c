import {
  Alert,
  Badge,
  Button,
  ColorSwatch,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { formatDate } from '../common/format';
import type { CheckIn } from '../dashboard/types';
import { Section } from '../organization/Section';
import {
  averageText,
  CLASSIFICATION_COLORS,
  CLASSIFICATION_LABELS,
  checkInErrorMessage,
  emailText,
  RESPONDENT_LABELS,
  respondentText,
  startedText,
  statusText,
} from './check-in-format';
import { useCheckIns, useCloseCheckIn, useStartCheckIn } from './check-ins-queries';

/** How many check-ins the page lists (latest first); the rest are counted. */
export const CHECK_INS_SHOWN = 5;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The partnership check-ins of one organization: each with who was asked and whether they
 * answered, and the six areas' averages with their classification. Staff and up start one
 * (the survey goes to the library owner and the partner's primary contact) and close an open
 * one early.
 */
export function CheckInsSection({
  organizationId,
  organizationName,
}: {
  organizationId: string;
  organizationName: string;
}) {
  const user = useCurrentUser();
  const canSend = can(user, 'checkIn.send');
  const [confirming, confirm] = useDisclosure(false);
  /** What the last start did, in words (who was asked); null before one. */
  const [started, setStarted] = useState<string | null>(null);

  const checkIns = useCheckIns(organizationId, CHECK_INS_SHOWN);

  const start = useStartCheckIn(organizationId, {
    onStarted: (checkIn) => {
      setStarted(startedText(checkIn.respondents.map((respondent) => respondent.respondent)));
      confirm.close();
    },
    onFailed: () => confirm.close(),
  });

  return (
    <Section
      id="check-ins"
      title="Check-ins"
      actions={
        canSend && (
          <Button
            variant="light"
            size="compact-md"
            onClick={() => {
              start.reset();
              setStarted(null);
              confirm.open();
            }}
          >
            Start a check-in
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <Text role="status" aria-live="polite" size="sm">
          {started ?? ''}
        </Text>
        {start.isError && (
          <Alert color="red" role="alert" title="The check-in was not started">
            {checkInErrorMessage(start.error)}
          </Alert>
        )}
        {checkIns.isPending && <Loader size="sm" aria-label="Loading check-ins" />}
        {checkIns.isError && (
          <Alert color="red" role="alert">
            {errorMessage(checkIns.error)}
          </Alert>
        )}
        {checkIns.data?.data.length === 0 && (
          <Text c="dimmed" size="sm">
            No check-in yet. A check-in asks both sides twelve short questions about how the partnership is going.
          </Text>
        )}
        {checkIns.data && checkIns.data.data.length > 0 && (
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {checkIns.data.data.map((checkIn) => (
              <CheckInItem key={checkIn.id} checkIn={checkIn} canClose={canSend} />
            ))}
          </Stack>
        )}
        {checkIns.data && checkIns.data.meta.total > CHECK_INS_SHOWN && (
          <Text size="sm" c="dimmed">
            Showing the latest {CHECK_INS_SHOWN} of {checkIns.data.meta.total} check-ins.
          </Text>
        )}
      </Stack>
      {canSend && (
        <Modal
          opened={confirming}
          onClose={confirm.close}
          title="Start a check-in"
          closeButtonProps={{ 'aria-label': 'Close' }}
          centered
        >
          <Stack>
            <Text>
              Tandem emails a three-minute survey about the partnership with {organizationName} to its library owner and
              to the partner’s primary contact. It closes by itself once both have answered, or at its deadline.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={confirm.close}>
                Cancel
              </Button>
              <Button onClick={() => start.mutate()} loading={start.isPending}>
                Send the survey
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Section>
  );
}

function CheckInItem({ checkIn, canClose }: { checkIn: CheckIn; canClose: boolean }) {
  const close = useCloseCheckIn(checkIn);
  const headingId = `check-in-${checkIn.id}`;
  const answered = checkIn.responseCount > 0;

  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="check-in">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>
            Check-in of {formatDate(checkIn.openedAt)}
          </Title>
          <Badge variant="outline" color={checkIn.status === 'open' ? 'cyan.9' : 'gray.8'} tt="none">
            {statusText(checkIn, formatDate)}
          </Badge>
        </Group>
        <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Who was asked">
          {checkIn.respondents.map((respondent) => (
            <Text component="li" size="sm" key={respondent.respondent}>
              <Text span fw={600} size="sm">
                {RESPONDENT_LABELS[respondent.respondent]}:
              </Text>{' '}
              {respondentText(respondent, checkIn.status, formatDate)}
              <RespondentEmail email={respondent.email} />
            </Text>
          ))}
        </Stack>
        {answered ? (
          <>
            <Table.ScrollContainer
              minWidth={280}
              scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Areas of this check-in' } }}
            >
              <Table fz="sm" verticalSpacing={2} captionSide="top">
                <caption style={{ textAlign: 'left', fontWeight: 600 }}>
                  Areas (1–5){checkIn.overall !== null ? ` · overall ${averageText(checkIn.overall)}` : ''}
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Area</Table.Th>
                    <Table.Th ta="right">Average</Table.Th>
                    <Table.Th>Reads as</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {checkIn.areas.map((area) => (
                    <Table.Tr key={area.area}>
                      <Table.Th scope="row" fw={500}>
                        {capitalised(area.label)}
                      </Table.Th>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {averageText(area.average)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {area.classification ? (
                          <Group gap={6} wrap="nowrap">
                            <ColorSwatch
                              color={CLASSIFICATION_COLORS[area.classification]}
                              size={10}
                              withShadow={false}
                              aria-hidden="true"
                            />
                            <Text span size="sm" fw={area.classification === 'concern' ? 700 : 400}>
                              {CLASSIFICATION_LABELS[area.classification]}
                            </Text>
                          </Group>
                        ) : (
                          <Text span size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {checkIn.comments && checkIn.comments.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Comments
                </Text>
                {checkIn.comments.map((comment) => (
                  <Text key={comment.respondent} size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    <Text span fw={600} size="sm">
                      {RESPONDENT_LABELS[comment.respondent]}:
                    </Text>{' '}
                    {comment.comment}
                  </Text>
                ))}
              </Stack>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No answers yet.
          </Text>
        )}
        {close.isError && (
          <Alert color="red" role="alert" p="xs">
            {checkInErrorMessage(close.error)}
          </Alert>
        )}
        {canClose && checkIn.status === 'open' && (
          <Group>
            <Button variant="default" size="compact-sm" loading={close.isPending} onClick={() => close.mutate()}>
              Close early
            </Button>
            <Text size="xs" c="dimmed">
              No more answers are taken; areas of concern become follow-ups for the owner.
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** How the survey email to a respondent fared, after what they did; a failure in red, in words. */
function RespondentEmail({ email }: { email: CheckIn['respondents'][number]['email'] }) {
  const state = emailText(email, formatDate);
  if (!state) return null;
  return (
    <Text span size="sm" c={state.failed ? 'red.9' : 'dimmed'} fw={state.failed ? 600 : undefined}>
      {' · '}
      {state.text}
    </Text>
  );
}
