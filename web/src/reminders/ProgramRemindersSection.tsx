import { Alert, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { Section } from '../organization/Section';
import type { Program } from '../programs/program-types';
import { useReminders } from './reminder-queries';
import { describeTrigger } from './reminder-text';
import { ReminderFormModal } from './ReminderFormModal';

/** The reminders that follow this program's sessions, each leading to its delivery log. */
export function ProgramRemindersSection({ program }: { program: Program }) {
  const user = useCurrentUser();
  const [adding, addModal] = useDisclosure(false);
  const reminders = useReminders({ programId: program.id, limit: 100 });
  const canWrite = can(user, 'reminder.write');
  const rules = reminders.data?.data ?? [];

  return (
    <Section
      id="reminders"
      title="Reminders"
      actions={
        canWrite && (
          <Button variant="light" size="compact-sm" onClick={addModal.open}>
            Add reminder
          </Button>
        )
      }
    >
      {reminders.isPending && <Loader size="sm" aria-label="Loading reminders" />}
      {reminders.isError && (
        <Alert color="red" role="alert">
          {errorMessage(reminders.error)}
        </Alert>
      )}
      {reminders.data && rules.length === 0 && <Text c="dimmed">No reminders for its sessions.</Text>}
      {rules.length > 0 && (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {rules.map((rule) => (
            <li key={rule.id}>
              <Group gap="xs" wrap="wrap">
                <AnchorLink
                  to="/reminders/$reminderId"
                  params={{ reminderId: rule.id }}
                  fw={600}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {rule.title}
                </AnchorLink>
                {!rule.active && (
                  <Badge variant="outline" color="gray.8" tt="none" size="sm">
                    Off
                  </Badge>
                )}
              </Group>
              <Text size="sm">{describeTrigger(rule.trigger)}</Text>
              <Text size="xs" c="dimmed">
                To {recipientCount(rule.recipientIds.length + rule.recipientContactIds.length)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {canWrite && adding && <ReminderFormModal program={program} opened={adding} onClose={addModal.close} />}
    </Section>
  );
}

export function recipientCount(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}
