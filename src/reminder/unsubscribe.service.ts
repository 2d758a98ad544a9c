import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ContactService } from '../contact/contact.service';
import { SkipReason } from '../outbox/delivery-state';
import { OutboxService } from '../outbox/outbox.service';
import { authConfig, AuthConfig } from '../config/configuration';
import { contactIdOfUnsubscribeToken, unsubscribeToken } from '../outbox/unsubscribe-link';
import { UnsubscribeLinkNotFoundError } from './unsubscribe.errors';

// The link's token scheme is the outbox's, which puts the link in every email to a partner contact.
export { contactIdOfUnsubscribeToken, unsubscribeToken };

export type UnsubscribeOutcome = 'unsubscribed' | 'already';

/**
 * Unsubscribing partner contacts: after it, nothing more is sent to them. Reading a link
 * (`open`) changes nothing, because mail scanners follow links; only a POST unsubscribes.
 */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactService,
    private readonly outbox: OutboxService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /**
   * The contact id a link's token names (its signature checked; nothing is read);
   * UnsubscribeLinkNotFoundError (404) for a forged or malformed token.
   */
  contactIdOf(token: string): string {
    const contactId = contactIdOfUnsubscribeToken(this.auth.secret, token);
    if (!contactId) throw new UnsubscribeLinkNotFoundError();
    return contactId;
  }

  /**
   * Where the link stands, without changing anything, and the contact's language (its pages speak
   * it); 404 for a bad token or a contact since erased.
   */
  async state(token: string): Promise<{ state: 'subscribed' | 'already'; language: string }> {
    const contact = await this.contacts.emailPreferencesOf(this.contactIdOf(token));
    if (!contact) throw new UnsubscribeLinkNotFoundError();
    return { state: contact.unsubscribedAt ? 'already' : 'subscribed', language: contact.language };
  }

  /** The language of a contact's pages; null for a contact since erased. */
  async languageOf(contactId: string): Promise<string | null> {
    return (await this.contacts.emailPreferencesOf(contactId))?.language ?? null;
  }

  /**
   * Marks the contact (from `contactIdOf`) as unsubscribed and skips what was still to come for
   * them, in one transaction; idempotent. UnsubscribeLinkNotFoundError (404) for a contact since erased.
   */
  async unsubscribe(contactId: string): Promise<UnsubscribeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const outcome = await this.contacts.unsubscribeWithin(manager, contactId);
      if (!outcome) throw new UnsubscribeLinkNotFoundError();
      if (outcome === 'already') return 'already';
      const skipped = await this.outbox.skipWithin(
        manager,
        { recipientContactIds: [contactId] },
        SkipReason.Unsubscribed,
      );
      this.logger.log({ contactId, deliveriesSkipped: skipped }, 'contact unsubscribed from reminder emails');
      return 'unsubscribed';
    });
  }
}
