/** The codes of the delivery log (`delivery_kind`, `delivery_status`, `delivery_skip_reason` in the database) and how the API shows them. */

export enum DeliveryKind {
  Reminder = 'reminder',
  Invitation = 'invitation',
  /** A partnership check-in survey link to one respondent. */
  CheckIn = 'check-in',
  /** The weekly health digest to one manager. */
  Digest = 'digest',
}

/**
 * `sending` is the claim: a worker moved the row there (in one committed UPDATE) before it
 * talks to SMTP, so no other job can send it. The API shows it as `scheduled`.
 */
export enum DeliveryStatus {
  Scheduled = 'scheduled',
  Sending = 'sending',
  Sent = 'sent',
  Failed = 'failed',
  Skipped = 'skipped',
}

/** Why a delivery was skipped (stored as a code; the API gives the sentence). */
export enum SkipReason {
  RuleInactive = 'rule-inactive',
  NotRecipient = 'not-recipient',
  RecipientInactive = 'recipient-inactive',
  RecipientErased = 'recipient-erased',
  Unsubscribed = 'unsubscribed',
  NoEmail = 'no-email',
  SessionCancelled = 'session-cancelled',
  ProgramInactive = 'program-inactive',
  OccurrenceGone = 'occurrence-gone',
  TaskDone = 'task-done',
  TooLate = 'too-late',
  InvitationSpent = 'invitation-spent',
  /** The check-in closed before its email went out. */
  CheckInClosed = 'check-in-closed',
  /** The respondent had already answered. */
  CheckInAnswered = 'check-in-answered',
}

/** Delivery statuses as the API shows them (a row being sent is still `scheduled`). */
export const DELIVERY_API_STATUSES = ['scheduled', 'sent', 'failed', 'skipped'] as const;
export type DeliveryApiStatus = (typeof DELIVERY_API_STATUSES)[number];

/** `sending` is the worker's claim, not something a reader needs to tell apart: still scheduled. */
export function apiDeliveryStatus(status: DeliveryStatus): DeliveryApiStatus {
  return status === DeliveryStatus.Sending ? DeliveryStatus.Scheduled : status;
}

/** Why a delivery was skipped, in words a coordinator can act on (every reason has one). */
export const SKIP_REASON_TEXT: Readonly<Record<SkipReason, string>> = {
  [SkipReason.RuleInactive]: 'The reminder was switched off.',
  [SkipReason.NotRecipient]: 'The recipient was taken off the reminder.',
  [SkipReason.RecipientInactive]: "The recipient's user account is deactivated.",
  [SkipReason.RecipientErased]: "The recipient's data was erased.",
  [SkipReason.Unsubscribed]: 'The contact unsubscribed from reminder emails.',
  [SkipReason.NoEmail]: 'The contact has no email address.',
  [SkipReason.SessionCancelled]: 'The session was cancelled.',
  [SkipReason.ProgramInactive]: 'The program is paused or completed.',
  [SkipReason.OccurrenceGone]:
    'What it was about no longer exists: the session left the schedule, or the due time or date changed.',
  [SkipReason.TaskDone]: 'The task was already done.',
  [SkipReason.TooLate]: 'It fell due more than the late limit ago (Tandem was down); not sent.',
  [SkipReason.InvitationSpent]: 'The invitation was already used, revoked or expired.',
  [SkipReason.CheckInClosed]: 'The check-in closed before the email went out.',
  [SkipReason.CheckInAnswered]: 'The respondent had already answered the check-in.',
};
