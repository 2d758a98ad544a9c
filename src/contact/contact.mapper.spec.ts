import { Role } from '../auth/role.enum';
import { Contact, PreferredChannel } from './contact.entity';
import { contactSearchCondition, toContactResponse } from './contact.mapper';

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
    notes: 'Prefers mornings; her son is in our teen program',
  });

  it('nulls email, phone and notes for viewers', () => {
    expect(toContactResponse(contact, { role: Role.Viewer })).toMatchObject({
      name: 'Dana Whitfield',
      title: 'Case manager',
      email: null,
      phone: null,
      notes: null,
    });
  });

  it.each([Role.Staff, Role.Manager, Role.Admin])('shows email, phone and notes to %s', (role) => {
    expect(toContactResponse(contact, { role })).toMatchObject({
      email: 'dana@harborhouse.org',
      phone: '+1 503 555 0142',
      notes: contact.notes,
    });
  });
});

describe('contactSearchCondition', () => {
  it('lets viewers search name and title only', () => {
    const sql = contactSearchCondition('c', { role: Role.Viewer }, 'q');
    expect(sql).toContain('c.name');
    expect(sql).toContain('c.title');
    expect(sql).not.toMatch(/email|phone|notes/);
  });

  it.each([Role.Staff, Role.Manager, Role.Admin])('lets %s search email and phone too', (role) => {
    const sql = contactSearchCondition('c', { role }, 'q');
    expect(sql).toMatch(/c\.email.*c\.phone/);
    expect(sql).not.toContain('notes');
  });
});
