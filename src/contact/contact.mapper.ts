import type { AuthUser } from '../auth/auth-user';
import { Role } from '../auth/role.enum';
import type { Contact } from './contact.entity';
import type { ContactResponseDto } from './dto/contact.dto';

/** Viewers never see how to reach a person. */
export function canSeeContactDetails(user: Pick<AuthUser, 'role'>): boolean {
  return user.role !== Role.Viewer;
}

/**
 * The one shape a contact leaves Tandem in — every path that returns a contact (list, read,
 * export, timeline…) goes through here, so the viewer redaction cannot be forgotten.
 */
export function toContactResponse(contact: Contact, user: Pick<AuthUser, 'role'>): ContactResponseDto {
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
    isPrimary: contact.isPrimary,
    notes: contact.notes,
  };
}
