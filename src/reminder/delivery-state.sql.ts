/**
 * What a delivery row should be now, computed in one place for the planner (refresh) and the
 * worker (claim): `skip_reason` is null when the email should go, and `current_due_at` is when,
 * from the rule and its session or task as they are now. `$1` is "now".
 *
 * A reminder is not sent when its rule is inactive; its program is paused or completed; the
 * session was cancelled, fell on a closure day or left the schedule; the task is done or its due
 * time moved (a new occurrence replaces it); the recipient left the rule, was deactivated,
 * erased or unsubscribed, or has no email. An invitation is not sent once it was used, revoked or
 * expired, or its user deactivated. A weekly digest is not sent to a user deactivated since, or
 * no longer a manager or admin. A check-in email is not sent to a recipient deactivated, erased,
 * unsubscribed or without an email, nor once its respondent has answered or its check-in closed
 * (or passed its deadline).
 */
export const DELIVERY_STATE_COLUMNS = `
  CASE
    WHEN d.kind = 'invitation' THEN
      CASE
        WHEN u.id IS NULL OR NOT u.active THEN 'recipient-inactive'
        WHEN i.id IS NULL OR i.accepted_at IS NOT NULL OR i.revoked_at IS NOT NULL OR i.expires_at <= $1 THEN 'invitation-spent'
      END
    WHEN d.kind = 'digest' THEN
      CASE
        WHEN u.id IS NULL OR NOT u.active THEN 'recipient-inactive'
        WHEN u.role NOT IN ('manager', 'admin') THEN 'not-recipient'
      END
    WHEN d.kind = 'check-in' THEN
      CASE
        WHEN d.recipient_user_id IS NULL AND d.recipient_contact_id IS NULL THEN 'recipient-erased'
        WHEN u.id IS NOT NULL AND NOT u.active THEN 'recipient-inactive'
        WHEN c.unsubscribed_at IS NOT NULL THEN 'unsubscribed'
        WHEN coalesce(u.email, c.email) IS NULL THEN 'no-email'
        WHEN cir.answered_at IS NOT NULL THEN 'check-in-answered'
        WHEN ci.id IS NULL OR ci.status = 'closed' OR ci.closes_at <= $1 THEN 'check-in-closed'
      END
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
  END::delivery_skip_reason AS state_skip_reason,
  CASE
    WHEN d.kind = 'invitation' THEN d.due_at
    WHEN d.kind = 'digest' THEN d.due_at
    WHEN d.kind = 'check-in' THEN d.due_at
    WHEN r.trigger_type = 'session' AND s.id IS NOT NULL THEN s.starts_at + make_interval(mins => r.offset_minutes)
    WHEN r.trigger_type = 'task-due' AND t.id IS NOT NULL THEN t.due_at + make_interval(mins => r.offset_minutes)
    WHEN r.trigger_type = 'once' THEN r.at
    ELSE d.due_at
  END AS state_due_at`;

export const DELIVERY_STATE_JOINS = `
  FROM deliveries d
  LEFT JOIN reminders r ON r.id = d.reminder_id
  LEFT JOIN program_sessions s ON s.id = d.session_id
  LEFT JOIN programs p ON p.id = s.program_id
  LEFT JOIN tasks t ON t.id = r.task_id
  LEFT JOIN users u ON u.id = d.recipient_user_id
  LEFT JOIN contacts c ON c.id = d.recipient_contact_id
  LEFT JOIN invitations i ON i.id = d.invitation_id
  LEFT JOIN check_in_responses cir ON cir.id = d.check_in_response_id
  LEFT JOIN check_ins ci ON ci.id = cir.check_in_id`;
