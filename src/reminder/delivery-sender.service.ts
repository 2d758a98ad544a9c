import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { resourceKey } from '../auth/resource-key';
import { Clock } from '../common/clock/clock';
import { sha256 } from '../common/crypto';
import { appConfig, AppConfig, authConfig, AuthConfig, reminderConfig, ReminderConfig } from '../config/configuration';
import { describeSmtpError, isPermanentSmtpError, MailService, OutgoingMail } from '../mail/mail.service';
import type { DigestContent } from '../digest/digest.rules';
import { digestMail } from '../mail/templates/digest.template';
import { checkInToken } from '../check-in/check-in-token';
import { checkInMail, formatDay } from '../mail/templates/check-in.template';
import { invitationMail } from '../mail/templates/invitation.template';
import { formatTime, formatWhen, reminderMail } from '../mail/templates/reminder.template';
import { ReminderQueue } from '../queue/reminder-queue.service';
import { SkipReason } from './delivery.entity';
import { DELIVERY_STATE_COLUMNS, DELIVERY_STATE_JOINS } from './delivery-state.sql';
import { unsubscribeToken } from './unsubscribe.service';
import { errorReason } from '../common/logging/safe-error';

/** Rows claimed per transaction; a full batch asks another worker to help. */
const BATCH_SIZE = 100;
/** The most a wake-up may be ahead of this process's clock and still take its rows. */
const MAX_EARLY_MS = 1000;
/** Sends are recorded in groups of this many, or after this long, whichever comes first. */
const SENT_GROUP_SIZE = 25;
const SENT_GROUP_MS = 20;
/** Recording "sent" is retried this often (a dropped database connection is replaced by the pool). */
const MARK_SENT_ATTEMPTS = 6;

export interface DeliverResult {
  sent: number;
  failed: number;
  retrying: number;
  skipped: number;
}

interface DueRow {
  id: string;
  kind: string;
  attempts: number;
  due_at: Date;
  state_skip_reason: SkipReason | null;
  state_due_at: Date;
}

interface Claimed {
  id: string;
  late: boolean;
  /** Attempts including this one. */
  attempts: number;
  /** Only the holder of the claim may record the outcome. */
  token: string;
}

/** What an email is made from, read after the claim. */
interface MessageRow {
  id: string;
  kind: 'reminder' | 'invitation' | 'digest' | 'check-in';
  recipient_user_id: string | null;
  recipient_contact_id: string | null;
  email: string | null;
  name: string | null;
  user_timezone: string | null;
  title: string | null;
  message: string | null;
  trigger_type: 'session' | 'once' | 'task-due' | null;
  reminder_id: string | null;
  occurrence_at: Date;
  program_id: string | null;
  program_name: string | null;
  program_timezone: string | null;
  location: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  partners: string[] | null;
  task_id: string | null;
  task_title: string | null;
  invitation_id: string | null;
  invitation_expires_at: Date | null;
  invitation_token_hash: string | null;
  invitation_created_at: Date | null;
  inviter_name: string | null;
  /** The weekly digest's stored content (kind digest). */
  digest_content: DigestContent | null;
  /** Kind check-in: the respondent's row (its id makes the link's token), who they are, the organization, the deadline. */
  check_in_response_id: string | null;
  check_in_respondent: 'owner' | 'partner' | null;
  check_in_closes_at: Date | null;
  check_in_organization_name: string | null;
  check_in_owner_name: string | null;
  check_in_owner_timezone: string | null;
}

/**
 * Sends the deliveries that are due, exactly once each. Per batch: lock due rows (`FOR UPDATE
 * SKIP LOCKED`, so workers never wait on each other), re-check each against its rule, session and
 * recipient as they are now, and claim the ones to send (`status = sending`, a claim token,
 * attempts + 1) in one committed transaction; only then talk to SMTP; then record the outcome
 * guarded by the claim token. A duplicated, retried or stalled wake-up finds nothing left to
 * claim. A transient SMTP failure puts the row back with exponential backoff; a 5xx fails it.
 */
@Injectable()
export class DeliverySender implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverySender.name);
  /** Set on shutdown: the batch in hand is finished, no new one is claimed. */
  private stopping = false;
  /** Sends waiting to be recorded, and the chain of recordings in progress. */
  private sentGroup: { id: string; token: string; at: Date }[] = [];
  private sentTimer?: NodeJS.Timeout;
  private recording: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly queue: ReminderQueue,
    @Inject(reminderConfig.KEY) private readonly config: ReminderConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /** Sends everything due now; `wokenFor` is the time the waking job was planned for. */
  async deliverDue(wokenFor?: number): Promise<DeliverResult> {
    const result: DeliverResult = { sent: 0, failed: 0, retrying: 0, skipped: 0 };
    for (;;) {
      const now = this.clock.now();
      // A wake-up that fires a hair early still takes the rows it was for, and nothing later
      // (bounded, in case the clock of the process that queued it runs ahead of this one's).
      const early = Math.min(Math.max((wokenFor ?? 0) - now.getTime(), 0), MAX_EARLY_MS);
      const cutoff = new Date(now.getTime() + early);
      const { claimed, scanned, skipped, moved } = await this.claimBatch(now, cutoff);
      result.skipped += skipped;
      if (moved.length > 0) await this.queue.wakeAt(moved);
      if (scanned === 0) break;
      // More may be due than one batch: let another worker (or job slot) take the next one.
      if (scanned === BATCH_SIZE) void this.queue.wakeAt([now]);
      const messages = await this.loadMessages(claimed.map((claim) => claim.id));
      const outcomes = await Promise.all(claimed.map((claim) => this.send(claim, messages.get(claim.id))));
      await this.flushSent();
      for (const outcome of outcomes) result[outcome] += 1;
      if (scanned < BATCH_SIZE || this.stopping) break;
    }
    await this.wakeForNext(wokenFor);
    if (result.sent + result.failed + result.retrying + result.skipped > 0)
      this.logger.log(result, 'deliveries processed');
    return result;
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Locks up to a batch of rows due by `cutoff`, decides each, and claims the ones to send — one
   * transaction.
   */
  private async claimBatch(
    now: Date,
    cutoff: Date,
  ): Promise<{ claimed: Claimed[]; scanned: number; skipped: number; moved: Date[] }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT d.id, d.kind, d.attempts, d.due_at, ${DELIVERY_STATE_COLUMNS}
         ${DELIVERY_STATE_JOINS}
         WHERE d.status = 'scheduled' AND d.next_attempt_at <= $2
         ORDER BY d.next_attempt_at
         LIMIT ${BATCH_SIZE}
         FOR UPDATE OF d SKIP LOCKED`,
        [now, cutoff],
      )) as DueRow[];
      const skip: { id: string; reason: SkipReason }[] = [];
      const move: { id: string; due: Date }[] = [];
      const claimed: Claimed[] = [];
      const due: Date[] = [];
      for (const row of rows) {
        const dueAt = row.state_due_at;
        if (row.state_skip_reason) {
          skip.push({ id: row.id, reason: row.state_skip_reason });
        } else if (row.attempts === 0 && dueAt.getTime() > cutoff.getTime()) {
          move.push({ id: row.id, due: dueAt }); // the rule or session moved it later
        } else if (row.kind !== 'check-in' && now.getTime() - dueAt.getTime() > this.config.lateLimitMs) {
          // (A check-in email is still worth sending late while its check-in is open: the state SQL skips it once closed.)
          skip.push({ id: row.id, reason: SkipReason.TooLate });
        } else {
          const late = now.getTime() - dueAt.getTime() > this.config.lateAfterMs;
          claimed.push({ id: row.id, late, attempts: row.attempts + 1, token: randomUUID() });
          due.push(dueAt);
        }
      }
      if (skip.length > 0) {
        await manager.query(
          `UPDATE deliveries d SET status = 'skipped', skip_reason = x.reason::delivery_skip_reason, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS x(id, reason) WHERE d.id = x.id`,
          [skip.map((row) => row.id), skip.map((row) => row.reason)],
        );
      }
      if (move.length > 0) {
        await manager.query(
          `UPDATE deliveries d SET due_at = x.due, next_attempt_at = x.due, updated_at = now()
           FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, due) WHERE d.id = x.id`,
          [move.map((row) => row.id), move.map((row) => row.due)],
        );
      }
      if (claimed.length > 0) {
        await manager.query(
          `UPDATE deliveries d
           SET status = 'sending', claim_token = x.token, claimed_at = $1, attempts = d.attempts + 1, late = x.late,
               due_at = x.due, updated_at = now()
           FROM unnest($2::uuid[], $3::uuid[], $4::boolean[], $5::timestamptz[]) AS x(id, token, late, due) WHERE d.id = x.id`,
          [now, claimed.map((row) => row.id), claimed.map((row) => row.token), claimed.map((row) => row.late), due],
        );
      }
      return { claimed, scanned: rows.length, skipped: skip.length, moved: move.map((row) => row.due) };
    });
  }

  /** Renders, sends and records one claimed delivery (`row`: its message, loaded with its batch). */
  private async send(claim: Claimed, row: MessageRow | undefined): Promise<'sent' | 'failed' | 'retrying' | 'skipped'> {
    const { token } = claim;
    if (!row?.email) {
      await this.release(claim.id, token, SkipReason.RecipientErased);
      return 'skipped';
    }
    if (row.kind === 'invitation' && sha256(this.invitationToken(row)) !== row.invitation_token_hash) {
      // AUTH_SECRET changed since the invitation was made: its link would not work.
      this.logger.warn(
        { deliveryId: row.id, invitationId: row.invitation_id },
        'invitation link no longer valid (AUTH_SECRET changed); not sent, send a new invitation',
      );
      await this.release(claim.id, token, SkipReason.InvitationSpent);
      return 'skipped';
    }
    const mail = this.render(row, claim.late);
    try {
      await this.mail.send(mail, row.kind);
    } catch (error) {
      return this.recordFailure(claim, error);
    }
    this.noteSent(claim.id, token);
    return 'sent';
  }

  /** The messages of a claimed batch, by delivery id: one statement per batch, not one per email. */
  private async loadMessages(ids: string[]): Promise<Map<string, MessageRow>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.kind, d.recipient_user_id, d.recipient_contact_id, d.occurrence_at, d.reminder_id,
              coalesce(u.email, c.email) AS email, coalesce(u.name, c.name) AS name, u.timezone AS user_timezone,
              r.title, r.message, r.trigger_type,
              p.id AS program_id, p.name AS program_name, p.timezone AS program_timezone, p.location,
              s.starts_at, s.ends_at,
              (SELECT array_agg(o.name ORDER BY pp.role, o.name) FROM program_partners pp JOIN organizations o ON o.id = pp.organization_id
                WHERE pp.program_id = p.id) AS partners,
              t.id AS task_id, t.title AS task_title,
              i.id AS invitation_id, i.expires_at AS invitation_expires_at, i.token_hash AS invitation_token_hash, i.created_at AS invitation_created_at,
              inviter.name AS inviter_name,
              hd.content AS digest_content,
              cir.id AS check_in_response_id, cir.respondent AS check_in_respondent, ci.closes_at AS check_in_closes_at,
              cio.name AS check_in_organization_name, cio_owner.name AS check_in_owner_name, cio_owner.timezone AS check_in_owner_timezone
       FROM deliveries d
       LEFT JOIN reminders r ON r.id = d.reminder_id
       LEFT JOIN program_sessions s ON s.id = d.session_id
       LEFT JOIN programs p ON p.id = coalesce(s.program_id, r.program_id)
       LEFT JOIN tasks t ON t.id = r.task_id
       LEFT JOIN users u ON u.id = d.recipient_user_id
       LEFT JOIN contacts c ON c.id = d.recipient_contact_id
       LEFT JOIN invitations i ON i.id = d.invitation_id
       LEFT JOIN users inviter ON inviter.id = i.created_by_id
       LEFT JOIN health_digests hd ON hd.id = d.digest_id
       LEFT JOIN check_in_responses cir ON cir.id = d.check_in_response_id
       LEFT JOIN check_ins ci ON ci.id = cir.check_in_id
       LEFT JOIN organizations cio ON cio.id = ci.organization_id
       LEFT JOIN users cio_owner ON cio_owner.id = cio.owner_id
       WHERE d.id = ANY($1::uuid[])`,
      [ids],
    )) as MessageRow[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  private render(row: MessageRow, late: boolean): OutgoingMail {
    const messageId = `<delivery.${row.id}@${new URL(this.app.publicUrl).hostname}>`;
    const headers = { 'X-Tandem-Delivery': row.id };
    if (row.kind === 'invitation') {
      const token = this.invitationToken(row);
      const hours = Math.round(
        (row.invitation_expires_at!.getTime() - row.invitation_created_at!.getTime()) / 3_600_000,
      );
      const mail = invitationMail({
        inviteeName: row.name!,
        inviterName: row.inviter_name ?? 'Your Tandem admin',
        link: `${this.app.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`,
        expiresInHours: hours,
      });
      return { to: row.email!, ...mail, messageId, headers };
    }
    if (row.kind === 'digest') {
      const mail = digestMail({
        recipientName: row.name!,
        content: row.digest_content!,
        publicUrl: this.app.publicUrl,
      });
      return { to: row.email!, ...mail, messageId, headers };
    }
    if (row.kind === 'check-in') return this.renderCheckIn(row, messageId, headers);
    const zone = row.program_timezone ?? row.user_timezone ?? 'UTC';
    const details: { label: string; value: string }[] = [];
    let link = `${this.app.publicUrl}/reminders/${row.reminder_id}`;
    if (row.trigger_type === 'session' && row.starts_at) {
      details.push({ label: 'Program', value: row.program_name ?? '' });
      details.push({ label: 'When', value: `${formatWhen(row.starts_at, zone)} – ${formatTime(row.ends_at!, zone)}` });
      if (row.location) details.push({ label: 'Where', value: row.location });
      if (row.partners?.length)
        details.push({ label: row.partners.length > 1 ? 'Partners' : 'Partner', value: row.partners.join(', ') });
      link = `${this.app.publicUrl}/programs/${row.program_id}`;
    } else if (row.trigger_type === 'task-due') {
      details.push({ label: 'Follow-up', value: row.task_title ?? '' });
      details.push({ label: 'Due', value: formatWhen(row.occurrence_at, zone) });
      link = `${this.app.publicUrl}/tasks/${row.task_id}`;
    } else {
      details.push({ label: 'When', value: formatWhen(row.occurrence_at, zone) });
    }
    const unsubscribeUrl = row.recipient_contact_id
      ? `${this.app.publicUrl}/unsubscribe/${unsubscribeToken(this.auth.secret, row.recipient_contact_id)}`
      : undefined;
    const mail = reminderMail({
      recipientName: row.name!,
      title: row.title!,
      message: row.message ?? '',
      details,
      link,
      unsubscribeUrl,
      late,
    });
    return { to: row.email!, ...mail, messageId, headers, unsubscribeUrl };
  }

  /**
   * A check-in survey link: the token is derived from the response id (never stored). Partner
   * contacts get the unsubscribe link and header, as for reminders; dates are in the
   * recipient's zone (a contact's: the owner's, who they deal with).
   */
  private renderCheckIn(row: MessageRow, messageId: string, headers: Record<string, string>): OutgoingMail {
    const zone = row.user_timezone ?? row.check_in_owner_timezone ?? 'UTC';
    const unsubscribeUrl = row.recipient_contact_id
      ? `${this.app.publicUrl}/unsubscribe/${unsubscribeToken(this.auth.secret, row.recipient_contact_id)}`
      : undefined;
    const mail = checkInMail({
      recipientName: row.name!,
      respondent: row.check_in_respondent ?? 'partner',
      organizationName: row.check_in_organization_name ?? '',
      ownerName: row.check_in_owner_name,
      link: `${this.app.publicUrl}/check-in/${checkInToken(this.auth.secret, row.check_in_response_id!)}`,
      closesOn: formatDay(row.check_in_closes_at!, zone),
      unsubscribeUrl,
    });
    return { to: row.email!, ...mail, messageId, headers, unsubscribeUrl };
  }

  /** The one-time token of an invitation email: derived, never stored (its hash is). */
  private invitationToken(row: MessageRow): string {
    return resourceKey(this.auth.secret, 'invitation:v1', row.invitation_id!);
  }

  /** Queues a send to be recorded with the next group (see SENT_GROUP_SIZE). */
  private noteSent(id: string, token: string): void {
    this.sentGroup.push({ id, token, at: this.clock.now() });
    if (this.sentGroup.length >= SENT_GROUP_SIZE) void this.flushSent();
    else this.sentTimer ??= setTimeout(() => void this.flushSent(), SENT_GROUP_MS);
  }

  /** Records the sends noted so far; resolves when every group before it is recorded too. */
  private flushSent(): Promise<void> {
    clearTimeout(this.sentTimer);
    this.sentTimer = undefined;
    const group = this.sentGroup.splice(0);
    if (group.length > 0) this.recording = this.recording.then(() => this.markSent(group));
    return this.recording;
  }

  /**
   * Records sends, each guarded by its claim token, in one statement. Retried while the
   * database is unreachable: losing this step is what could make an email go twice (see
   * "Exactly once"); grouping widens that window to at most SENT_GROUP_MS.
   */
  private async markSent(group: readonly { id: string; token: string; at: Date }[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.dataSource.query(
          `UPDATE deliveries d SET status = 'sent', sent_at = x.at, claim_token = NULL, last_error = NULL, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS x(id, token, at)
           WHERE d.id = x.id AND d.claim_token = x.token AND d.status = 'sending'`,
          [group.map((row) => row.id), group.map((row) => row.token), group.map((row) => row.at)],
        );
        return;
      } catch (error) {
        if (attempt >= MARK_SENT_ATTEMPTS) {
          this.logger.error(
            { deliveries: group.map((row) => row.id), reason: errorReason(error) },
            'emails sent but not recorded; the reconciler sends them again (same Message-ID) after the claim lease',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  private async recordFailure(claim: Claimed, error: unknown): Promise<'failed' | 'retrying'> {
    const reason = describeSmtpError(error);
    const permanent = isPermanentSmtpError(error);
    const final = permanent || claim.attempts >= this.config.maxAttempts;
    const next = new Date(this.clock.now().getTime() + this.config.retryBaseMs * 2 ** (claim.attempts - 1));
    const lastError = permanent
      ? `${reason} (permanent; not retried)`
      : final
        ? `${reason} (gave up after ${claim.attempts} attempts)`
        : reason;
    await this.dataSource.query(
      `UPDATE deliveries SET status = $3::delivery_status, next_attempt_at = $4, claim_token = NULL, claimed_at = NULL,
              last_error = $5, updated_at = now()
       WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
      [claim.id, claim.token, final ? 'failed' : 'scheduled', next, lastError],
    );
    this.logger.warn({ deliveryId: claim.id, attempts: claim.attempts, permanent, final, reason }, 'email not sent');
    if (final) return 'failed';
    await this.queue.wakeAt([next]);
    return 'retrying';
  }

  private async release(id: string, token: string, reason: SkipReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'skipped', skip_reason = $3::delivery_skip_reason, claim_token = NULL, updated_at = now()
       WHERE id = $1 AND claim_token = $2`,
      [id, token, reason],
    );
  }

  /**
   * Makes sure the next row due has a wake-up: covers a wake-up that fired a hair early and rows
   * planned while this one ran. (A row already due is someone else's claim in progress.)
   */
  private async wakeForNext(wokenFor?: number): Promise<void> {
    const now = this.clock.now();
    const [row] = (await this.dataSource.query(
      `SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'scheduled' AND next_attempt_at > $1 AND next_attempt_at <= $2`,
      [now, new Date(now.getTime() + this.config.lookaheadMs)],
    )) as { at: Date | null }[];
    if (!row?.at) return;
    await this.queue.wakeAt([row.at], row.at.getTime() === wokenFor);
  }
}
