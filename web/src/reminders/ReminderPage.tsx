import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import type { User } from '../api/client';
import { ApiError, errorMessage } from '../api/problem';
import { useColleagues } from '../api/queries';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { ConfirmDeleteModal } from '../forms/ConfirmDeleteModal';
import { Section } from '../organization/Section';
import { useProgram } from '../programs/program-queries';
import type { Program } from '../programs/program-types';
import {
  deleteReminder,
  reminderKeys,
  useDeliveries,
  usePartnerContacts,
  useReminder,
  useSetReminderActive,
} from './reminder-queries';
import {
  DELIVERY_STATUS_COLORS,
  DELIVERY_STATUS_LABELS,
  deliverySummary,
  describeTrigger,
  type Delivery,
  type DeliveryStatus,
  type Reminder,
} from './reminder-text';
import { ReminderFormModal } from './ReminderFormModal';
import { Pager } from '../common/Pager';

const route = getRouteApi('/app/reminders/$reminderId');
const DELIVERIES_PAGE_SIZE = 25;

/** A reminder rule and its delivery log: every email, its status and, when not sent, why. */
export function ReminderPage() {
  const { reminderId } = route.useParams();
  const user = useCurrentUser();
  const reminder = useReminder(reminderId);
  const programId = reminder.data?.trigger.type === 'session' ? reminder.data.trigger.programId : undefined;
  const program = useProgram(programId);
  const programData = programId ? program.data : undefined;

  if (!reminder.isSuccess) {
    return (
      <QueryState
        query={reminder}
        noun="reminder"
        notFound="There is no such reminder (it may have been deleted)."
        back={<AnchorLink to="/reminders">Back to reminders</AnchorLink>}
      />
    );
  }

  const rule = reminder.data;
  const canWrite = can(user, 'reminder.write');
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label="Breadcrumb" separator="›">
        <AnchorLink to="/reminders">Reminders</AnchorLink>
        <Text aria-current="page" style={{ overflowWrap: 'anywhere' }}>
          {rule.title}
        </Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <PageTitle style={{ overflowWrap: 'anywhere' }}>{rule.title}</PageTitle>
        <Text>
          {describeTrigger(rule.trigger)}
          {programId && (
            <>
              {' of '}
              <AnchorLink to="/programs/$programId" params={{ programId }}>
                {programData?.name ?? 'its program'}
              </AnchorLink>
            </>
          )}
        </Text>
      </Stack>
      <RuleSection rule={rule} program={programData} canWrite={canWrite} user={user} />
      <DeliveriesSection rule={rule} program={programData} user={user} />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
        {children}
      </Text>
    </div>
  );
}

/** Names for recipient ids: you, colleagues (from the team list), partner contacts of the program. */
function useRecipientNames(user: User, program: Program | undefined) {
  const colleagues = useColleagues();
  const contacts = usePartnerContacts(program);
  return (type: 'user' | 'contact', id: string | null): string => {
    if (id === null) return 'An erased contact';
    if (type === 'user')
      return id === user.id ? 'You' : (colleagues.data?.find((other) => other.id === id)?.name ?? 'A colleague');
    const found = contacts.contacts.find(({ contact }) => contact.id === id);
    return found ? `${found.contact.name} (${found.organizationName})` : 'A partner contact';
  };
}

function RuleSection({
  rule,
  program,
  canWrite,
  user,
}: {
  rule: Reminder;
  program: Program | undefined;
  canWrite: boolean;
  user: User;
}) {
  const [editing, editModal] = useDisclosure(false);
  const [deleting, deleteModal] = useDisclosure(false);
  const nameOf = useRecipientNames(user, program);
  const toggle = useSetReminderActive(rule);
  const recipients = [
    ...rule.recipientIds.map((id) => nameOf('user', id)),
    ...rule.recipientContactIds.map((id) => nameOf('contact', id)),
  ];

  return (
    <Section
      id="rule"
      title="The reminder"
      actions={
        canWrite &&
        (rule.trigger.type !== 'session' || program) && (
          <Group gap="xs">
            <Button variant="light" size="compact-sm" onClick={editModal.open}>
              Edit reminder
            </Button>
            <Button variant="subtle" color="red" size="compact-sm" onClick={deleteModal.open}>
              Delete
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="sm">
        {canWrite ? (
          <Switch
            label="Send these reminders"
            description={
              rule.active ? 'On: emails go out as scheduled.' : 'Off: nothing is sent; scheduled emails are skipped.'
            }
            checked={rule.active}
            disabled={toggle.isPending}
            onChange={(event) => toggle.mutate(event.currentTarget.checked)}
          />
        ) : (
          <Badge variant="dot" color={rule.active ? 'green' : 'gray'} tt="none">
            {rule.active ? 'On' : 'Off'}
          </Badge>
        )}
        {toggle.error && (
          <Alert
            color={toggle.error instanceof ApiError && toggle.error.status === 409 ? 'yellow' : 'red'}
            role="alert"
          >
            {toggle.error instanceof ApiError && toggle.error.status === 409
              ? 'Someone changed this reminder meanwhile; the page now shows their version.'
              : errorMessage(toggle.error)}
          </Alert>
        )}
        <Stack component="dl" gap="sm" m={0}>
          <Field label="To">{recipients.length > 0 ? recipients.join(', ') : 'Nobody'}</Field>
          <Field label="Message">
            {rule.message || 'No message: the email gives the title and the session’s details.'}
          </Field>
        </Stack>
      </Stack>
      {editing && (
        <ReminderFormModal
          key={rule.version}
          program={program}
          reminder={rule}
          opened={editing}
          onClose={editModal.close}
        />
      )}
      {canWrite && deleting && <DeleteReminderModal rule={rule} onClose={deleteModal.close} />}
    </Section>
  );
}

function DeliveriesSection({ rule, program, user }: { rule: Reminder; program: Program | undefined; user: User }) {
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries(rule.id, {
    ...(status ? { status } : {}),
    limit: DELIVERIES_PAGE_SIZE,
    offset: (page - 1) * DELIVERIES_PAGE_SIZE,
  });
  const nameOf = useRecipientNames(user, program);
  const zone = program?.schedule.timezone;
  const total = deliveries.data?.meta.total ?? 0;
  const rows = deliveries.data?.data ?? [];

  return (
    <Section id="deliveries" title="Emails">
      <Stack gap="sm">
        <Text size="sm">
          Each email this reminder sends or will send, latest first. Emails are planned up to two days ahead.
        </Text>
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          maw={240}
          data={(Object.keys(DELIVERY_STATUS_LABELS) as DeliveryStatus[]).map((value) => ({
            value,
            label: DELIVERY_STATUS_LABELS[value],
          }))}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
        />
        <Text role="status" aria-live="polite" fw={500}>
          {deliveries.isPending
            ? 'Loading emails…'
            : deliveries.isError
              ? ''
              : total === 0
                ? 'No emails yet.'
                : `${total} ${total === 1 ? 'email' : 'emails'}: ${deliverySummary(rows)}${total > rows.length ? ' on this page' : ''}`}
        </Text>
        {deliveries.isError && (
          <Alert color="red" role="alert">
            {errorMessage(deliveries.error)}
          </Alert>
        )}
        {rows.length > 0 && (
          // Rows hold no link, so the scrolling box itself takes focus (keyboard users scroll it at 360 px).
          <Table.ScrollContainer
            minWidth={560}
            scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Emails table' } }}
          >
            <Table verticalSpacing="xs" captionSide="top">
              <VisuallyHidden component="caption">Emails of this reminder, latest first</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>For</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((delivery) => (
                  <DeliveryRow
                    key={delivery.id}
                    delivery={delivery}
                    zone={zone}
                    recipient={nameOf(delivery.recipientType, delivery.recipientId)}
                    session={rule.trigger.type === 'session'}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pager total={total} pageSize={DELIVERIES_PAGE_SIZE} page={page} onChange={setPage} />
      </Stack>
    </Section>
  );
}

function when(iso: string, zone: string | undefined): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
  }).format(new Date(iso));
}

function DeliveryRow({
  delivery,
  zone,
  recipient,
  session,
}: {
  delivery: Delivery;
  zone: string | undefined;
  recipient: string;
  session: boolean;
}) {
  const detail =
    delivery.status === 'sent'
      ? `Sent ${delivery.sentAt ? when(delivery.sentAt, zone) : ''}`
      : delivery.status === 'scheduled'
        ? `Goes out ${when(delivery.dueAt, zone)}${delivery.attempts > 0 ? ` (tried ${delivery.attempts} ${delivery.attempts === 1 ? 'time' : 'times'})` : ''}`
        : (delivery.error ?? (delivery.status === 'failed' ? 'The mail server refused it.' : 'Not sent.'));
  return (
    <Table.Tr data-testid="delivery" data-status={delivery.status}>
      <Table.Td>
        <Text size="sm">
          {session ? `Session ${when(delivery.occurrenceAt, zone)}` : when(delivery.occurrenceAt, zone)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{recipient}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge variant="dot" color={DELIVERY_STATUS_COLORS[delivery.status]} tt="none">
            {DELIVERY_STATUS_LABELS[delivery.status]}
          </Badge>
          {delivery.late && (
            <Badge variant="outline" color="orange.9" tt="none">
              Late
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{detail}</Text>
        {delivery.late && delivery.status === 'sent' && (
          <Text size="xs" c="dimmed">
            Sent after its time: Tandem or its queue was down.
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Deleting a rule stops its emails; its email log goes with it (the database deletes its deliveries). */
function DeleteReminderModal({ rule, onClose }: { rule: Reminder; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <ConfirmDeleteModal
      title="Delete this reminder?"
      confirmLabel="Delete reminder"
      remove={() => deleteReminder(rule.id)}
      onDeleted={async () => {
        onClose();
        queryClient.removeQueries({ queryKey: reminderKeys.detail(rule.id) });
        await queryClient.invalidateQueries({ queryKey: reminderKeys.all });
        await navigate({ to: '/reminders' });
      }}
      onClose={onClose}
    >
      <Text style={{ overflowWrap: 'anywhere' }}>
        <strong>{rule.title}</strong> will send no more emails, and its email log is deleted with it. To pause it
        instead, turn “Send these reminders” off.
      </Text>
    </ConfirmDeleteModal>
  );
}
