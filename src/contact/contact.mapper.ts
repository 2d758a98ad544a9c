import type { AuthUser } from '../auth/auth-user';
import { Role } from '../auth/role.enum';
import type { Contact } from './contact.entity';
import type { ContactResponseDto } from './dto/contact.dto';

/** Viewers never see how to reach a person (email, phone) nor what the team noted about them. */
export function canSeeContactDetails(user: Pick<AuthUser, 'role'>): boolean {
  return user.role !== Role.Viewer;
}

/**
 * The one shape a contact leaves Tandem in — every path that returns a contact (list, read,
 * export, timeline…) goes through here, so the viewer redaction cannot be forgotten: email,
 * phone and notes are null for viewers.
 */
export function toContactResponse(
  contact: Pick<Contact, keyof ContactResponseDto>,
  user: Pick<AuthUser, 'role'>,
): ContactResponseDto {
  const details = canSeeContactDetails(user);
  return {
    id: contact.id,
    version: contact.version,
    organizationId: contact.organizationId,
    name: contact.name,
    title: contact.title,
    email: details ? contact.email : null,
    phone: details ? contact.phone : null,
    preferredChannel: contact.preferredChannel,
    language: contact.language,
    isPrimary: contact.isPrimary,
    notes: details ? contact.notes : null,
  };
}

/**
 * The text `q` searches in, as SQL over the contacts table aliased `alias` — the search side of
 * the same rule: what a caller may not see, they may not search either, or extending a fragment
 * one character at a time would read it back. Everyone searches name and title; staff+ also
 * email and phone. Each expression has its trigram index (migration ContactSearchByRole), and
 * every path that searches contacts builds its condition here.
 */
export function contactSearchCondition(alias: string, user: Pick<AuthUser, 'role'>, parameter: string): string {
  const matches = (expression: string) => `${expression} LIKE '%' || tandem_fold(:${parameter}) || '%'`;
  const visible = matches(`tandem_fold(${alias}.name || ' ' || coalesce(${alias}.title, ''))`);
  if (!canSeeContactDetails(user)) return visible;
  return `(${visible} OR ${matches(`tandem_fold(coalesce(${alias}.email, '') || ' ' || coalesce(${alias}.phone, ''))`)})`;
}
