import { Delivery } from '../outbox/delivery.entity';
import { DeliveryKind, DeliveryStatus, SKIP_REASON_TEXT, SkipReason } from '../outbox/delivery-state';
import { Reminder, ReminderTriggerType } from './reminder.entity';
import { toDeliveryResponse, toTriggerResponse } from './reminder.mapper';

const ID = '6f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';
const AT = new Date('2026-03-04T10:00:00Z');

function delivery(overrides: Partial<Delivery>): Delivery {
  return Object.assign(new Delivery(), {
    id: ID,
    kind: DeliveryKind.Reminder,
    occurrenceAt: AT,
    dueAt: AT,
    recipientKey: `user:${ID}`,
    recipientUserId: ID,
    recipientContactId: null,
    status: DeliveryStatus.Scheduled,
    skipReason: null,
    attempts: 0,
    late: false,
    sentAt: null,
    lastError: null,
    sessionId: null,
    ...overrides,
  });
}

describe('toDeliveryResponse', () => {
  it('shows a row being sent as scheduled', () => {
    expect(toDeliveryResponse(delivery({ status: DeliveryStatus.Sending, attempts: 1 })).status).toBe('scheduled');
  });

  it('gives every skip reason a sentence of its own', () => {
    const reasons = Object.values(SkipReason);
    const sentences = reasons.map(
      (skipReason) => toDeliveryResponse(delivery({ status: DeliveryStatus.Skipped, skipReason })).error,
    );
    expect(sentences.every((text) => typeof text === 'string' && /^[A-Z].*\.$/.test(text))).toBe(true);
    expect(new Set(sentences).size).toBe(reasons.length);
    expect(SKIP_REASON_TEXT[SkipReason.Unsubscribed]).toBe('The contact unsubscribed from reminder emails.');
  });

  it('shows the last error of a failed row only', () => {
    expect(
      toDeliveryResponse(delivery({ status: DeliveryStatus.Failed, lastError: '550 mailbox unavailable' })).error,
    ).toBe('550 mailbox unavailable');
    expect(
      toDeliveryResponse(delivery({ status: DeliveryStatus.Sent, lastError: 'timeout', sentAt: AT })).error,
    ).toBeNull();
  });

  it('keeps the recipient type of an erased contact, with a null id', () => {
    const shown = toDeliveryResponse(
      delivery({ recipientKey: `contact:${ID}`, recipientUserId: null, recipientContactId: null }),
    );
    expect(shown).toMatchObject({ recipientId: null, recipientType: 'contact' });
  });
});

describe('toTriggerResponse', () => {
  it('shows only the fields of the trigger type', () => {
    const reminder = Object.assign(new Reminder(), {
      triggerType: ReminderTriggerType.TaskDue,
      taskId: ID,
      offsetMinutes: 30,
      programId: null,
      at: null,
    });
    expect(toTriggerResponse(reminder)).toEqual({ type: 'task-due', taskId: ID, offsetMinutes: 30 });
  });
});
