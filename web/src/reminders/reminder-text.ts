import type { components } from '../api/schema';

export type Reminder = components['schemas']['ReminderResponseDto'];
export type ReminderTrigger = Reminder['trigger'];
export type Delivery = components['schemas']['DeliveryResponseDto'];
export type DeliveryStatus = Delivery['status'];
export type CreateReminder = components['schemas']['CreateReminderDto'];
export type UpdateReminder = components['schemas']['UpdateReminderDto'];

/** The furthest a reminder may be from its session: 30 days either way (the server's MAX_OFFSET_MINUTES). */
export const MAX_OFFSET_MINUTES = 43_200;

export type OffsetUnit = 'minutes' | 'hours' | 'days';
export type OffsetDirection = 'before' | 'after';

export interface OffsetParts {
  amount: number;
  unit: OffsetUnit;
  direction: OffsetDirection;
}

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** -240 → 4 hours before; -90 → 90 minutes before; 1440 → 1 day after. */
export function offsetToParts(offsetMinutes: number): OffsetParts {
  const minutes = Math.abs(offsetMinutes);
  const direction: OffsetDirection = offsetMinutes > 0 ? 'after' : 'before';
  if (minutes > 0 && minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days', direction };
  if (minutes > 0 && minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours', direction };
  return { amount: minutes, unit: 'minutes', direction };
}

export function partsToOffset({ amount, unit, direction }: OffsetParts): number {
  const minutes = amount * UNIT_MINUTES[unit];
  return direction === 'before' && minutes > 0 ? -minutes : minutes;
}

const plural = (amount: number, unit: OffsetUnit) => `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;

/** "4 hours before every session", "At the start of every session", "30 minutes after every session starts". */
export function describeSessionOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'At the start of every session';
  const { amount, unit, direction } = offsetToParts(offsetMinutes);
  return direction === 'before'
    ? `${plural(amount, unit)} before every session`
    : `${plural(amount, unit)} after every session starts`;
}

/** When a rule sends, in words (the program's or task's name added by the caller). */
export function describeTrigger(trigger: ReminderTrigger, locale?: string): string {
  switch (trigger.type) {
    case 'session':
      return describeSessionOffset(trigger.offsetMinutes ?? 0);
    case 'task-due': {
      const offset = trigger.offsetMinutes ?? 0;
      if (offset === 0) return 'When the task is due';
      const { amount, unit, direction } = offsetToParts(offset);
      return `${plural(amount, unit)} ${direction} the task is due`;
    }
    case 'once':
      return trigger.at
        ? `Once, ${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(trigger.at))}`
        : 'Once';
  }
}

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  scheduled: 'Scheduled',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const DELIVERY_STATUS_COLORS: Record<DeliveryStatus, string> = {
  scheduled: 'blue',
  sent: 'green',
  failed: 'red',
  skipped: 'gray',
};

/** "3 sent · 1 scheduled · 1 skipped" for a page of deliveries. */
export function deliverySummary(deliveries: readonly Delivery[]): string {
  if (deliveries.length === 0) return 'No emails yet.';
  const counts = new Map<DeliveryStatus, number>();
  for (const delivery of deliveries) counts.set(delivery.status, (counts.get(delivery.status) ?? 0) + 1);
  const late = deliveries.filter((delivery) => delivery.late).length;
  const parts = (['sent', 'scheduled', 'failed', 'skipped'] as const)
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status}`);
  if (late > 0) parts.push(`${late} late`);
  return parts.join(' · ');
}
