import { Inject, Injectable, Logger } from '@nestjs/common';
import { sha256 } from '../common/crypto';
import { resourceKey } from '../auth/resource-key';
import { appConfig, AppConfig, authConfig, AuthConfig } from '../config/configuration';
import { invitationMail } from './invitation-email';
import { DeliveryKind, SkipReason } from '../outbox/delivery-state';
import { EmailKind, RegisterEmailKind, RenderedEmail } from '../outbox/email-kind';

/** What an invitation email is made of (the `message` columns below). */
interface InvitationMessage {
  id: string;
  email: string | null;
  name: string | null;
  invitation_id: string;
  expires_at: Date;
  created_at: Date;
  token_hash: string;
  inviter_name: string | null;
}

/** The one-time token of an invitation: derived from its id, never stored (its hash is). */
export function invitationToken(secret: string, invitationId: string): string {
  return resourceKey(secret, 'invitation:v1', invitationId);
}

/**
 * Invitation emails (and admin-sent password links): one per invitation, enqueued by
 * UserService with the invitation. Void once the link was used, revoked or expired, or its user
 * deactivated.
 */
@Injectable()
@RegisterEmailKind()
export class InvitationEmailKind implements EmailKind<InvitationMessage> {
  private readonly logger = new Logger(InvitationEmailKind.name);
  readonly kind = DeliveryKind.Invitation;
  readonly from = `
    FROM deliveries d
    LEFT JOIN users u ON u.id = d.recipient_user_id
    LEFT JOIN invitations i ON i.id = d.invitation_id
    LEFT JOIN users inviter ON inviter.id = i.created_by_id`;
  readonly voidWhen = `
    CASE
      WHEN u.id IS NULL OR NOT u.active THEN 'recipient-inactive'
      WHEN i.id IS NULL OR i.accepted_at IS NOT NULL OR i.revoked_at IS NOT NULL OR i.expires_at <= $1 THEN 'invitation-spent'
    END`;
  readonly dueAt = 'd.due_at';
  readonly message = `
    u.email, u.name, i.id AS invitation_id, i.expires_at, i.created_at, i.token_hash, inviter.name AS inviter_name`;
  readonly skipsWhenTooLate = true;

  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /** Skipped rather than sent with a dead link when AUTH_SECRET changed since the invitation was made. */
  render(row: InvitationMessage): RenderedEmail | SkipReason {
    const token = invitationToken(this.auth.secret, row.invitation_id);
    if (sha256(token) !== row.token_hash) {
      this.logger.warn(
        { deliveryId: row.id, invitationId: row.invitation_id },
        'invitation link no longer valid (AUTH_SECRET changed); not sent, send a new invitation',
      );
      return SkipReason.InvitationSpent;
    }
    return invitationMail({
      inviteeName: row.name!,
      inviterName: row.inviter_name ?? 'Your Tandem admin',
      link: `${this.app.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`,
      expiresInHours: Math.round((row.expires_at.getTime() - row.created_at.getTime()) / 3_600_000),
    });
  }
}
