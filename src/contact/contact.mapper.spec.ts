import { Role } from '../auth/role.enum';
import { Contact, PreferredChannel } from './contact.entity';
import { toContactResponse } from './contact.mapper';

describe('toContactResponse', () => {
  const contact = Object.assign(new Contact(), {
    id: 'c1',
    version: 2,
    organizationId: 'o1',
    name: 'Dana Whitfield',
    title: 'Case manager',
    email: 'dana@harborhouse.org',
    phone: '+1 503 555 0142',
    preferredChannel: PreferredChannel.Text,
    isPrimary: true,
    notes: null,
  });

  it('nulls email and phone for viewers', () => {
    expect(toContactResponse(contact, { role: Role.Viewer })).toMatchObject({ name: 'Dana Whitfield', email: null, phone: null });
  });

  it.each([Role.Staff, Role.Manager, Role.Admin])('shows email and phone to %s', (role) => {
    expect(toContactResponse(contact, { role })).toMatchObject({ email: 'dana@harborhouse.org', phone: '+1 503 555 0142' });
  });
});
