import { Inject, Injectable } from '@nestjs/common';
import { appConfig, AppConfig, authConfig, AuthConfig } from '../config/configuration';
import { formatLongDay } from '@tandem/shared';
import { recipientLocale } from '../common/i18n/locale';
import { checkInMail } from './check-in-email';
import { DeliveryKind } from '../outbox/delivery-state';
import { EmailKind, RegisterEmailKind, RenderContext, RenderedEmail } from '../outbox/email-kind';
import { CheckInRespondent } from './check-in-response.entity';
import { checkInToken } from './check-in-token';

/** What a check-in email is made of (the `message` columns below). */
interface CheckInMessage {
  email: string | null;
  name: string | null;
  /** The partner contact's language; null for staff. */
  contact_language: string | null;
  is_contact: boolean;
  response_id: string;
  respondent: CheckInRespondent | null;
  closes_at: Date;
  organization_name: string | null;
  owner_name: string | null;
}

/**
 * Check-in survey emails: one per respondent, enqueued by CheckInService with the check-in.
 * Void for a recipient deactivated, erased, unsubscribed or without an email, and once the
 * respondent has answered or the check-in closed (or passed its deadline). Never too late: the
 * check-in's deadline bounds it, and the link is worth sending while the check-in is open.
 */
@Injectable()
@RegisterEmailKind()
export class CheckInEmailKind implements EmailKind<CheckInMessage> {
  readonly kind = DeliveryKind.CheckIn;
  readonly from = `
    FROM deliveries d
    LEFT JOIN users u ON u.id = d.recipient_user_id
    LEFT JOIN contacts c ON c.id = d.recipient_contact_id
    LEFT JOIN check_in_responses cir ON cir.id = d.check_in_response_id
    LEFT JOIN check_ins ci ON ci.id = cir.check_in_id
    LEFT JOIN organizations o ON o.id = ci.organization_id
    LEFT JOIN users owner ON owner.id = o.owner_id`;
  readonly voidWhen = `
    CASE
      WHEN d.recipient_user_id IS NULL AND d.recipient_contact_id IS NULL THEN 'recipient-erased'
      WHEN u.id IS NOT NULL AND NOT u.active THEN 'recipient-inactive'
      WHEN c.unsubscribed_at IS NOT NULL THEN 'unsubscribed'
      WHEN coalesce(u.email, c.email) IS NULL THEN 'no-email'
      WHEN cir.answered_at IS NOT NULL THEN 'check-in-answered'
      WHEN ci.id IS NULL OR ci.status = 'closed' OR ci.closes_at <= $1 THEN 'check-in-closed'
    END`;
  readonly dueAt = 'd.due_at';
  readonly message = `
    coalesce(u.email, c.email) AS email, coalesce(u.name, c.name) AS name,
    c.language AS contact_language, c.id IS NOT NULL AS is_contact,
    cir.id AS response_id, cir.respondent, ci.closes_at,
    o.name AS organization_name, owner.name AS owner_name`;
  readonly skipsWhenTooLate = false;

  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /**
   * The survey link's token is derived from the response id (never stored). In the recipient's
   * language (a partner contact's own; staff English); the deadline is a day in the library's zone.
   */
  render(row: CheckInMessage, { unsubscribeUrl, library }: RenderContext): RenderedEmail {
    const locale = recipientLocale(row.is_contact ? { contactLanguage: row.contact_language } : null, library);
    return checkInMail({
      locale,
      recipientName: row.name!,
      respondent: row.respondent ?? CheckInRespondent.Partner,
      organizationName: row.organization_name ?? '',
      ownerName: row.owner_name,
      link: `${this.app.publicUrl}/check-in/${checkInToken(this.auth.secret, row.response_id)}`,
      closesOn: formatLongDay(row.closes_at, locale.language, library.timezone),
      unsubscribeUrl,
    });
  }
}
