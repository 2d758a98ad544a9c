import { DataSource } from 'typeorm';
import { Delivery } from '../../src/outbox/delivery.entity';
import { DeliveryKind, DeliveryStatus } from '../../src/outbox/delivery-state';
import { Reminder, ReminderTriggerType } from '../../src/reminder/reminder.entity';

const HOUR = 60 * 60 * 1000;

export interface ReminderLinks {
  recipientIds?: string[];
  recipientContactIds?: string[];
}

export interface ReminderBody {
  title?: unknown;
  message?: unknown;
  trigger?: unknown;
  recipientIds?: unknown;
  recipientContactIds?: unknown;
  active?: unknown;
  [field: string]: unknown;
}

/** A valid POST /reminders body: once, two days from now, to these users. */
export function buildReminderBody(recipientIds: string[], overrides: ReminderBody = {}): ReminderBody {
  return {
    title: 'Bring the sign-up sheets',
    message: 'The shelter asked for twenty copies.',
    trigger: { type: ReminderTriggerType.Once, at: new Date(Date.now() + 48 * HOUR).toISOString() },
    recipientIds,
    ...overrides,
  };
}

/** A once rule two days ahead; pass trigger columns in `overrides` for the other types. */
export function buildReminder(overrides: Partial<Reminder> = {}): Partial<Reminder> {
  return {
    title: 'Bring the sign-up sheets',
    message: 'The shelter asked for twenty copies.',
    triggerType: ReminderTriggerType.Once,
    programId: null,
    taskId: null,
    offsetMinutes: null,
    at: new Date(Date.now() + 48 * HOUR),
    active: true,
    createdById: null,
    ...overrides,
  };
}

/** Saves a rule and its recipient rows directly: no audit, no planning (use the API for those). */
export async function persistReminder(
  dataSource: DataSource,
  overrides: Partial<Reminder> = {},
  links: ReminderLinks = {},
): Promise<Reminder> {
  const repo = dataSource.getRepository(Reminder);
  const reminder = await repo.save(repo.create(buildReminder(overrides)));
  for (const userId of links.recipientIds ?? [])
    await dataSource.query('INSERT INTO reminder_users (reminder_id, user_id) VALUES ($1, $2)', [reminder.id, userId]);
  for (const contactId of links.recipientContactIds ?? []) {
    await dataSource.query('INSERT INTO reminder_contacts (reminder_id, contact_id) VALUES ($1, $2)', [
      reminder.id,
      contactId,
    ]);
  }
  return reminder;
}

/**
 * Saves one delivery row of a rule directly, to a user unless `recipientContactId` is given
 * (the recipient key follows the id given).
 */
export function persistDelivery(
  dataSource: DataSource,
  reminderId: string,
  overrides: Partial<Delivery> = {},
): Promise<Delivery> {
  const repo = dataSource.getRepository(Delivery);
  const occurrenceAt = overrides.occurrenceAt ?? new Date(Date.now() + 24 * HOUR);
  const dueAt = overrides.dueAt ?? occurrenceAt;
  const recipientKey =
    overrides.recipientKey ??
    (overrides.recipientContactId
      ? `contact:${overrides.recipientContactId}`
      : `user:${overrides.recipientUserId ?? 'none'}`);
  return repo.save(
    repo.create({
      kind: DeliveryKind.Reminder,
      reminderId,
      occurrenceKey: `once:${occurrenceAt.toISOString()}`,
      occurrenceAt,
      dueAt,
      nextAttemptAt: dueAt,
      recipientKey,
      status: DeliveryStatus.Scheduled,
      ...overrides,
    }),
  );
}
