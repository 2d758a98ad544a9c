import { Inject, Injectable } from '@nestjs/common';
import { appConfig, AppConfig } from '../config/configuration';
import { digestMail } from './digest-email';
import { DeliveryKind } from '../outbox/delivery-state';
import { EmailKind, RegisterEmailKind, RenderedEmail } from '../outbox/email-kind';
import type { DigestContent } from './digest.rules';
import { DIGEST_ROLES } from './digest.service';

/** What a digest email is made of (the `message` columns below). */
interface DigestMessage {
  email: string | null;
  name: string | null;
  content: DigestContent;
}

/**
 * The weekly health digest: one email per (digest, manager or admin), enqueued by
 * DigestService.sendWeekly with the week's stored content, so every recipient and every retry
 * gets the same digest. Void for a user deactivated since, or no longer a manager or admin.
 */
@Injectable()
@RegisterEmailKind()
export class DigestEmailKind implements EmailKind<DigestMessage> {
  readonly kind = DeliveryKind.Digest;
  readonly from = `
    FROM deliveries d
    LEFT JOIN users u ON u.id = d.recipient_user_id
    LEFT JOIN health_digests hd ON hd.id = d.digest_id`;
  readonly voidWhen = `
    CASE
      WHEN u.id IS NULL OR NOT u.active THEN 'recipient-inactive'
      WHEN u.role NOT IN (${DIGEST_ROLES.map((role) => `'${role}'`).join(', ')}) THEN 'not-recipient'
    END`;
  readonly dueAt = 'd.due_at';
  readonly message = 'u.email, u.name, hd.content';
  readonly skipsWhenTooLate = true;

  constructor(@Inject(appConfig.KEY) private readonly app: AppConfig) {}

  render(row: DigestMessage): RenderedEmail {
    return digestMail({ recipientName: row.name!, content: row.content, publicUrl: this.app.publicUrl });
  }
}
