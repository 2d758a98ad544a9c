import { Inject, Injectable } from '@nestjs/common';
import { appConfig, AppConfig } from '../config/configuration';
import { formatLongDateTime, formatTimeOfDay } from '@tandem/shared';
import { recipientLocale } from '../common/i18n/locale';
import { reminderMail } from './reminder-email';
import { DeliveryKind } from '../outbox/delivery-state';
import { EmailKind, RegisterEmailKind, RenderContext, RenderedEmail } from '../outbox/email-kind';
import { ReminderTriggerType } from './reminder.entity';
import { ReminderPlanner } from './reminder-planner.service';

/** What a reminder email is made of (the `message` columns below). */
interface ReminderMessage {
  email: string | null;
  name: string | null;
  user_timezone: string | null;
  /** The partner contact's language; null for staff. */
  contact_language: string | null;
  is_contact: boolean;
  reminder_id: string;
  occurrence_at: Date;
  title: string;
  message: string | null;
  trigger_type: ReminderTriggerType;
  program_id: string | null;
  program_name: string | null;
  program_timezone: string | null;
  location: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  partners: string[] | null;
  task_id: string | null;
  task_title: string | null;
}

/**
 * Reminder emails: one per (rule, occurrence, recipient), planned by ReminderPlanner from the
 * rules. The rules, their session or task and the recipient are read as they are at send time, so
 * an edited rule, a cancelled session or a deactivated recipient is honoured up to the claim.
 */
@Injectable()
@RegisterEmailKind()
export class ReminderEmailKind implements EmailKind<ReminderMessage> {
  readonly kind = DeliveryKind.Reminder;
  readonly from = `
    FROM deliveries d
    LEFT JOIN reminders r ON r.id = d.reminder_id
    LEFT JOIN program_sessions s ON s.id = d.session_id
    LEFT JOIN programs p ON p.id = coalesce(s.program_id, r.program_id)
    LEFT JOIN tasks t ON t.id = r.task_id
    LEFT JOIN users u ON u.id = d.recipient_user_id
    LEFT JOIN contacts c ON c.id = d.recipient_contact_id`;

  /**
   * Not sent when the rule is inactive; the program is paused or completed; the session was
   * cancelled, fell on a closure day or left the schedule; the task is done or its due time moved
   * (a new occurrence replaces it); the recipient left the rule, was deactivated, erased or
   * unsubscribed, or has no email. (A session's program is checked only once the session exists.)
   */
  readonly voidWhen = `
    CASE
      WHEN NOT r.active THEN 'rule-inactive'
      WHEN d.recipient_user_id IS NULL AND d.recipient_contact_id IS NULL THEN 'recipient-erased'
      WHEN d.recipient_user_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM reminder_users ru WHERE ru.reminder_id = d.reminder_id AND ru.user_id = d.recipient_user_id) THEN 'not-recipient'
      WHEN d.recipient_contact_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM reminder_contacts rc WHERE rc.reminder_id = d.reminder_id AND rc.contact_id = d.recipient_contact_id) THEN 'not-recipient'
      WHEN u.id IS NOT NULL AND NOT u.active THEN 'recipient-inactive'
      WHEN c.unsubscribed_at IS NOT NULL THEN 'unsubscribed'
      WHEN c.id IS NOT NULL AND c.email IS NULL THEN 'no-email'
      WHEN r.trigger_type = 'session' AND s.id IS NULL THEN 'occurrence-gone'
      WHEN r.trigger_type = 'session' AND p.status IN ('paused', 'completed') THEN 'program-inactive'
      WHEN r.trigger_type = 'session' AND (s.cancelled OR s.closure_id IS NOT NULL) THEN 'session-cancelled'
      WHEN r.trigger_type = 'task-due' AND (t.id IS NULL OR t.due_at <> d.occurrence_at) THEN 'occurrence-gone'
      WHEN r.trigger_type = 'task-due' AND t.status = 'done' THEN 'task-done'
      WHEN r.trigger_type = 'once' AND r.at <> d.occurrence_at THEN 'occurrence-gone'
    END`;

  /** The session start or task due time plus the rule's offset as they are now, or the fixed time. */
  readonly dueAt = `
    CASE
      WHEN r.trigger_type = 'session' AND s.id IS NOT NULL THEN s.starts_at + make_interval(mins => r.offset_minutes)
      WHEN r.trigger_type = 'task-due' AND t.id IS NOT NULL THEN t.due_at + make_interval(mins => r.offset_minutes)
      WHEN r.trigger_type = 'once' THEN r.at
      ELSE d.due_at
    END`;

  readonly message = `
    coalesce(u.email, c.email) AS email, coalesce(u.name, c.name) AS name, u.timezone AS user_timezone,
    c.language AS contact_language, c.id IS NOT NULL AS is_contact,
    d.reminder_id, d.occurrence_at, r.title, r.message, r.trigger_type,
    p.id AS program_id, p.name AS program_name, p.timezone AS program_timezone, p.location,
    s.starts_at, s.ends_at,
    (SELECT array_agg(o.name ORDER BY pp.role, o.name) FROM program_partners pp JOIN organizations o ON o.id = pp.organization_id
      WHERE pp.program_id = p.id) AS partners,
    t.id AS task_id, t.title AS task_title`;

  readonly skipsWhenTooLate = true;

  constructor(
    private readonly planner: ReminderPlanner,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  /**
   * In the recipient's language (a partner contact's own; staff English). A session's times are in
   * the program's zone, where it happens; other times in the library's (a staff member's own zone
   * when they set one). Partner contacts get no link into Tandem: they have no account.
   */
  render(row: ReminderMessage, { late, unsubscribeUrl, library }: RenderContext): RenderedEmail {
    const locale = recipientLocale(row.is_contact ? { contactLanguage: row.contact_language } : null, library);
    const { t, language } = locale;
    const zone = (row.is_contact ? null : row.user_timezone) ?? library.timezone;
    const details: { label: string; value: string }[] = [];
    let link = `${this.app.publicUrl}/reminders/${row.reminder_id}`;
    if (row.trigger_type === ReminderTriggerType.Session && row.starts_at) {
      const sessionZone = row.program_timezone ?? zone;
      details.push({ label: t('reminder.label.program'), value: row.program_name ?? '' });
      details.push({
        label: t('reminder.label.when'),
        value: `${formatLongDateTime(row.starts_at, language, sessionZone)} – ${formatTimeOfDay(row.ends_at!, language, sessionZone)}`,
      });
      if (row.location) details.push({ label: t('reminder.label.where'), value: row.location });
      if (row.partners?.length)
        details.push({
          label: t('reminder.label.partners', { count: row.partners.length }),
          value: row.partners.join(', '),
        });
      link = `${this.app.publicUrl}/programs/${row.program_id}`;
    } else if (row.trigger_type === ReminderTriggerType.TaskDue) {
      details.push({ label: t('reminder.label.followUp'), value: row.task_title ?? '' });
      details.push({ label: t('reminder.label.due'), value: formatLongDateTime(row.occurrence_at, language, zone) });
      link = `${this.app.publicUrl}/tasks/${row.task_id}`;
    } else {
      details.push({ label: t('reminder.label.when'), value: formatLongDateTime(row.occurrence_at, language, zone) });
    }
    return reminderMail({
      locale,
      recipientName: row.name!,
      title: row.title,
      message: row.message ?? '',
      details,
      link: row.is_contact ? undefined : link,
      unsubscribeUrl,
      late,
    });
  }

  reconcile(options: { wait: boolean }): Promise<unknown> {
    return this.planner.reconcile(options);
  }
}
