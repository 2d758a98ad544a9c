import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { resourceKey, verifyResourceKey } from '../auth/resource-key';
import { authConfig, AuthConfig } from '../config/configuration';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token in a contact's unsubscribe link: the contact's id and its key (HMAC under a sub-key
 * of AUTH_SECRET). It keeps working after the reminder that carried it is deleted, names no
 * person, and opens nothing else.
 */
export function unsubscribeToken(secret: string, contactId: string): string {
  return `${contactId}.${resourceKey(secret, 'unsubscribe:v1', contactId)}`;
}

/** The contact id a token was made for, or null when it is not a valid token. */
export function contactIdOfUnsubscribeToken(secret: string, token: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [contactId, key, ...rest] = token.split('.');
  if (rest.length > 0 || !contactId || !UUID.test(contactId)) return null;
  return verifyResourceKey(secret, 'unsubscribe:v1', contactId, key) ? contactId.toLowerCase() : null;
}

export type UnsubscribeOutcome = 'unsubscribed' | 'already' | 'unknown';

/**
 * Unsubscribing partner contacts: after it, nothing more is sent to them. Reading a link
 * (`open`) changes nothing, because mail scanners follow links; only a POST unsubscribes.
 */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /** The contact id a link's token names (its signature checked), or null; nothing is read. */
  contactIdOf(token: string): string | null {
    return contactIdOfUnsubscribeToken(this.auth.secret, token);
  }

  /** Where the link stands, without changing anything: `unknown` for a bad token or a contact since erased. */
  async state(token: string): Promise<Exclude<UnsubscribeOutcome, 'unsubscribed'> | 'subscribed'> {
    const contactId = this.contactIdOf(token);
    if (!contactId) return 'unknown';
    const [row] = (await this.dataSource.query(`SELECT unsubscribed_at FROM contacts WHERE id = $1`, [contactId])) as {
      unsubscribed_at: Date | null;
    }[];
    if (!row) return 'unknown';
    return row.unsubscribed_at ? 'already' : 'subscribed';
  }

  /**
   * Marks the contact (from `contactIdOf`) as unsubscribed and skips what was still to come for
   * them; idempotent. `unknown` for a contact since erased.
   */
  async unsubscribe(contactId: string): Promise<UnsubscribeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT id, unsubscribed_at FROM contacts WHERE id = $1 FOR UPDATE`, [
        contactId,
      ])) as {
        id: string;
        unsubscribed_at: Date | null;
      }[];
      if (!row) return 'unknown';
      if (row.unsubscribed_at) return 'already';
      const [[{ unsubscribed_at: at }]] = (await manager.query(
        `UPDATE contacts SET unsubscribed_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING unsubscribed_at`,
        [row.id],
      )) as [{ unsubscribed_at: Date }[], number];
      const [, skipped] = (await manager.query(
        `UPDATE deliveries SET status = 'skipped', skip_reason = 'unsubscribed', updated_at = now()
         WHERE recipient_contact_id = $1 AND status = 'scheduled' RETURNING id`,
        [row.id],
      )) as [unknown[], number];
      await this.audit.record(manager, {
        actorId: null,
        entityType: 'contact',
        entityId: row.id,
        action: 'update',
        changes: { unsubscribedAt: { before: null, after: at.toISOString() } },
      });
      this.logger.log({ contactId: row.id, deliveriesSkipped: skipped }, 'contact unsubscribed from reminder emails');
      return 'unsubscribed';
    });
  }
}
