import { DiscoveryService } from '@nestjs/core';
import type { LibraryVoice } from '../common/i18n/locale';
import type { DeliveryKind, SkipReason } from './delivery-state';

/** What every kind's message carries: the address it goes to (null when the recipient has none any more). */
export interface EmailMessage {
  email: string | null;
}

/** An email as a kind renders it; the outbox adds the address, the Message-ID and the headers. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderContext {
  /** Going out more than REMINDER_LATE_AFTER_SECONDS after it was due. */
  late: boolean;
  /** The library's settings as the batch was claimed: its name, time zone and languages. */
  library: LibraryVoice;
  /** For a partner contact: their one-click unsubscribe link (the outbox also sends it as List-Unsubscribe). */
  unsubscribeUrl?: string;
}

/**
 * One kind of email, registered by the module that owns what it is about (the class is a provider
 * of that module, marked with `@RegisterEmailKind()`). The outbox owns the rows, the wake-ups, the
 * claim, the sending, the retries and the record; the kind says who gets the email, when it is
 * void and how it reads.
 *
 * The kind's SQL is written once, in `from`, and shared by the void rules, the due time and the
 * message, so its joins are never repeated: the outbox reads `SELECT d.id, <voidWhen>, <dueAt>
 * <from> WHERE d.id = ANY(…)` inside its claim (the rows locked), and `SELECT d.id, <message>
 * <from> WHERE d.id = ANY(…)` for the rows it claimed. In `voidWhen` and `dueAt`, `$1` is now.
 */
export interface EmailKind<Message extends EmailMessage = EmailMessage> {
  readonly kind: DeliveryKind;
  /** `FROM deliveries d` and the LEFT JOINs this kind reads (its rows are `d`). */
  readonly from: string;
  /** A CASE giving the skip reason (a `delivery_skip_reason` code) of an unsent row that should not go now, else NULL. */
  readonly voidWhen: string;
  /** When the row is due now (`d.due_at` unless what it is about can move, like a session). */
  readonly dueAt: string;
  /**
   * Whether a row that fell due more than REMINDER_LATE_LIMIT_HOURS ago is skipped as `too-late`
   * (Tandem was down that long) rather than sent late.
   */
  readonly skipsWhenTooLate: boolean;
  /** The select list `render` reads (aliases name the message's fields); must give `email`. */
  readonly message: string;
  /** The email, or why it must not go after all (a check only the application can make). */
  render(message: Message, context: RenderContext): RenderedEmail | SkipReason;
  /**
   * For kinds planned from standing rules (reminders): plans and refreshes their rows. The
   * outbox's reconciler runs it in worker processes (at start-up, periodically, when Redis is
   * back, and on request) before it takes back stale claims and queues wake-ups; `wait` waits for
   * a run in progress elsewhere instead of leaving the work to it.
   */
  reconcile?(options: { wait: boolean }): Promise<unknown>;
}

/**
 * Marks a provider as an email kind. The outbox finds every marked provider through Nest's
 * DiscoveryService when the application starts, in every process role: registration needs no
 * call order between modules, so a worker that starts sending before a module's `onModuleInit`
 * still knows every kind.
 */
export const RegisterEmailKind = DiscoveryService.createDecorator<void>();
