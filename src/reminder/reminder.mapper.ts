import type { Delivery } from '../outbox/delivery.entity';
import { apiDeliveryStatus, DeliveryStatus, SKIP_REASON_TEXT } from '../outbox/delivery-state';
import type { DeliveryResponseDto, ReminderResponseDto, ReminderTriggerResponseDto } from './dto/reminder.dto';
import { Reminder, ReminderTriggerType } from './reminder.entity';

/** A reminder rule with the ids of its join tables (user and contact recipients), ordered by id. */
export interface ReminderRecord {
  reminder: Reminder;
  recipientIds: string[];
  recipientContactIds: string[];
}

/** The trigger as the API shows it: only the fields of its type. */
export function toTriggerResponse(reminder: Reminder): ReminderTriggerResponseDto {
  switch (reminder.triggerType) {
    case ReminderTriggerType.Session:
      return { type: reminder.triggerType, programId: reminder.programId!, offsetMinutes: reminder.offsetMinutes! };
    case ReminderTriggerType.TaskDue:
      return { type: reminder.triggerType, taskId: reminder.taskId!, offsetMinutes: reminder.offsetMinutes! };
    case ReminderTriggerType.Once:
      return { type: reminder.triggerType, at: reminder.at!.toISOString() };
  }
}

/** The one shape a reminder rule leaves the API in (lists and reads). */
export function toReminderResponse({
  reminder,
  recipientIds,
  recipientContactIds,
}: ReminderRecord): ReminderResponseDto {
  return {
    id: reminder.id,
    version: reminder.version,
    title: reminder.title,
    message: reminder.message,
    trigger: toTriggerResponse(reminder),
    recipientIds,
    recipientContactIds,
    active: reminder.active,
    createdById: reminder.createdById,
    createdAt: reminder.createdAt.toISOString(),
    updatedAt: reminder.updatedAt.toISOString(),
  };
}

function deliveryError(delivery: Delivery): string | null {
  if (delivery.status === DeliveryStatus.Failed) return delivery.lastError;
  if (delivery.status === DeliveryStatus.Skipped)
    return delivery.skipReason ? SKIP_REASON_TEXT[delivery.skipReason] : null;
  return null;
}

/** One email of the delivery log. The recipient's address is never shown here, only its id. */
export function toDeliveryResponse(delivery: Delivery): DeliveryResponseDto {
  return {
    id: delivery.id,
    occurrenceAt: delivery.occurrenceAt.toISOString(),
    dueAt: delivery.dueAt.toISOString(),
    recipientId: delivery.recipientUserId ?? delivery.recipientContactId,
    // From the key, which outlives the id when a contact is erased.
    recipientType: delivery.recipientKey.startsWith('contact:') ? 'contact' : 'user',
    status: apiDeliveryStatus(delivery.status),
    attempts: delivery.attempts,
    sentAt: delivery.sentAt ? delivery.sentAt.toISOString() : null,
    error: deliveryError(delivery),
    late: delivery.late,
    sessionId: delivery.sessionId,
    kind: delivery.kind,
  };
}
