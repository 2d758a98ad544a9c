import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { LibraryVoice, LibraryVoiceSource } from '../common/i18n/locale';
import { appConfig, AppConfig, authConfig, AuthConfig, reminderConfig, ReminderConfig } from '../config/configuration';
import { describeSmtpError, isPermanentSmtpError, MailService, OutgoingMail } from '../mail/mail.service';
import { errorReason } from '../common/logging/safe-error';
import { DeliveryKind, SkipReason } from './delivery-state';
import { EmailKind, EmailMessage, RenderContext } from './email-kind';
import { EmailKindRegistry } from './email-kind.registry';
import { OutboxQueue } from './outbox-queue.service';
import { unsubscribeUrl } from './unsubscribe-link';

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
  kind: DeliveryKind;
  attempts: number;
  due_at: Date;
}

/** What a kind's rules say of one row now. */
interface StateRow {
  id: string;
  skip_reason: SkipReason | null;
  due_at: Date;
}

interface Claimed {
  id: string;
  kind: DeliveryKind;
  late: boolean;
  /** Attempts including this one. */
  attempts: number;
  /** Only the holder of the claim may record the outcome. */
  token: string;
}

/** A claimed row's message as its kind reads it, with what the outbox itself needs. */
type MessageRow = EmailMessage & { id: string; recipient_contact_id: string | null };

/**
 * Sends the deliveries that are due, exactly once each, whatever their kind. Per batch: lock due
 * rows (`FOR UPDATE SKIP LOCKED`, so workers never wait on each other), re-check each against its
 * kind's rules as they are now, and claim the ones to send (`status = sending`, a claim token,
 * attempts + 1) in one committed transaction; only then load, render and send them; then record
 * the outcome guarded by the claim token. A duplicated, retried or stalled wake-up finds nothing
 * left to claim. A transient SMTP failure puts the row back with exponential backoff; a 5xx
 * fails it.
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
    private readonly queue: OutboxQueue,
    private readonly kinds: EmailKindRegistry,
    private readonly library: LibraryVoiceSource,
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
      const messages = await this.loadMessages(claimed);
      const library = await this.library.current();
      const outcomes = await Promise.all(claimed.map((claim) => this.send(claim, messages.get(claim.id), library)));
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
   * Locks up to a batch of rows due by `cutoff`, decides each by its kind's rules, and claims the
   * ones to send — one transaction, so the rules are read with the rows locked.
   */
  private async claimBatch(
    now: Date,
    cutoff: Date,
  ): Promise<{ claimed: Claimed[]; scanned: number; skipped: number; moved: Date[] }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<DueRow[]>(
        `SELECT d.id, d.kind, d.attempts, d.due_at FROM deliveries d
         WHERE d.status = 'scheduled' AND d.next_attempt_at <= $1
         ORDER BY d.next_attempt_at
         LIMIT ${BATCH_SIZE}
         FOR UPDATE SKIP LOCKED`,
        [cutoff],
      );
      const states = await this.statesOf(manager, rows, now);
      const skip: { id: string; reason: SkipReason }[] = [];
      const move: { id: string; due: Date }[] = [];
      const claimed: Claimed[] = [];
      const due: Date[] = [];
      for (const row of rows) {
        const state = states.get(row.id);
        const dueAt = state?.due_at ?? row.due_at;
        const { skipsWhenTooLate } = this.kinds.get(row.kind);
        if (state?.skip_reason) {
          skip.push({ id: row.id, reason: state.skip_reason });
        } else if (row.attempts === 0 && dueAt.getTime() > cutoff.getTime()) {
          move.push({ id: row.id, due: dueAt }); // the rule or session moved it later
        } else if (skipsWhenTooLate && now.getTime() - dueAt.getTime() > this.config.lateLimitMs) {
          skip.push({ id: row.id, reason: SkipReason.TooLate });
        } else {
          const late = now.getTime() - dueAt.getTime() > this.config.lateAfterMs;
          claimed.push({ id: row.id, kind: row.kind, late, attempts: row.attempts + 1, token: randomUUID() });
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

  /** What each row's kind says of it now: one statement per kind in the batch, inside the claim's transaction. */
  private async statesOf(manager: EntityManager, rows: readonly DueRow[], now: Date): Promise<Map<string, StateRow>> {
    const states = new Map<string, StateRow>();
    for (const [kind, ids] of byKind(rows)) {
      const rules = this.kinds.get(kind);
      // `$1::timestamptz IS NOT NULL` gives now its type when the kind's rules do not read it.
      const found = await manager.query<StateRow[]>(
        `SELECT d.id, (${rules.voidWhen})::delivery_skip_reason AS skip_reason, ${rules.dueAt} AS due_at
         ${rules.from}
         WHERE d.id = ANY($2::uuid[]) AND $1::timestamptz IS NOT NULL`,
        [now, ids],
      );
      for (const state of found) states.set(state.id, state);
    }
    return states;
  }

  /** The messages of a claimed batch, by delivery id: one statement per kind, not one per email. */
  private async loadMessages(claimed: readonly Claimed[]): Promise<Map<string, MessageRow>> {
    const messages = new Map<string, MessageRow>();
    for (const [kind, ids] of byKind(claimed)) {
      const rules = this.kinds.get(kind);
      const rows = await this.dataSource.query<MessageRow[]>(
        `SELECT d.id, d.recipient_contact_id, ${rules.message} ${rules.from} WHERE d.id = ANY($1::uuid[])`,
        [ids],
      );
      for (const row of rows) messages.set(row.id, row);
    }
    return messages;
  }

  /** Renders, sends and records one claimed delivery (`row`: its message, loaded with its batch). */
  private async send(
    claim: Claimed,
    row: MessageRow | undefined,
    library: LibraryVoice,
  ): Promise<'sent' | 'failed' | 'retrying' | 'skipped'> {
    const { token } = claim;
    if (!row?.email) {
      await this.release(claim.id, token, SkipReason.RecipientErased);
      return 'skipped';
    }
    const mail = this.render(this.kinds.get(claim.kind), row, row.email, { late: claim.late, library });
    if (typeof mail === 'string') {
      await this.release(claim.id, token, mail);
      return 'skipped';
    }
    try {
      await this.mail.send(mail, claim.kind);
    } catch (error) {
      return this.recordFailure(claim, error);
    }
    this.noteSent(claim.id, token);
    return 'sent';
  }

  /**
   * The kind's email with what every email carries: the recipient, a Message-ID made from the
   * delivery id (the same on every attempt, so a mail store drops a second copy), and, for a
   * partner contact, the one-click unsubscribe link (RFC 8058). Staff emails carry none.
   */
  private render(
    kind: EmailKind,
    row: MessageRow,
    to: string,
    context: Omit<RenderContext, 'unsubscribeUrl'>,
  ): OutgoingMail | SkipReason {
    const unsubscribe = row.recipient_contact_id
      ? unsubscribeUrl(this.app.publicUrl, this.auth.secret, row.recipient_contact_id)
      : undefined;
    const rendered = kind.render(row, { ...context, unsubscribeUrl: unsubscribe });
    if (typeof rendered === 'string') return rendered;
    return {
      to,
      ...rendered,
      messageId: `<delivery.${row.id}@${new URL(this.app.publicUrl).hostname}>`,
      headers: { 'X-Tandem-Delivery': row.id },
      unsubscribeUrl: unsubscribe,
    };
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
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(
      `SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'scheduled' AND next_attempt_at > $1 AND next_attempt_at <= $2`,
      [now, new Date(now.getTime() + this.config.lookaheadMs)],
    );
    if (!row?.at) return;
    await this.queue.wakeAt([row.at], row.at.getTime() === wokenFor);
  }
}

/** Ids by kind, in the order first seen. */
function byKind(rows: readonly { id: string; kind: DeliveryKind }[]): Map<DeliveryKind, string[]> {
  const groups = new Map<DeliveryKind, string[]>();
  for (const row of rows) {
    const ids = groups.get(row.kind);
    if (ids) ids.push(row.id);
    else groups.set(row.kind, [row.id]);
  }
  return groups;
}
