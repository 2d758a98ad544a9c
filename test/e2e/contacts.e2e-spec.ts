import { CheckInRespondent, CheckInResponse } from '../../src/check-in/check-in-response.entity';
import { CheckIn } from '../../src/check-in/check-in.entity';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { Contact } from '../../src/contact/contact.entity';
import { ContactService } from '../../src/contact/contact.service';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { statementsOf } from '../setup/statements';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';

/** Every place in the database a string could hide: text-like, JSON and array columns of every table. */
async function tablesContaining(dataSource: DataSource, needle: string): Promise<string[]> {
  const columns: { table_name: string; column_name: string }[] = await dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1`,
      [`%${needle}%`],
    );
    if (count > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

describe('Contacts (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let manager: SignedIn;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    manager = await signedInAs(t, Role.Manager);
    orgId = (await persistOrganization(t.dataSource, { name: 'Harbor House' })).id;
  });

  it('creates a contact, and staff see email and phone while viewers get null everywhere', async () => {
    const created = await request(t.http)
      .post('/api/v1/contacts')
      .set(staff.auth)
      .send({
        organizationId: orgId,
        name: 'Dana Whitfield',
        title: 'Case manager',
        email: 'dana@harbor.example.org',
        phone: '+1 503 555 0142',
        preferredChannel: 'text',
        isPrimary: true,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      version: 1,
      organizationId: orgId,
      email: 'dana@harbor.example.org',
      phone: '+1 503 555 0142',
      isPrimary: true,
      preferredChannel: 'text',
    });

    const asViewer = await request(t.http).get(`/api/v1/contacts/${created.body.id}`).set(viewer.auth).expect(200);
    expect(asViewer.body).toMatchObject({ name: 'Dana Whitfield', email: null, phone: null });
    const list = await request(t.http)
      .get('/api/v1/contacts')
      .query({ organizationId: orgId })
      .set(viewer.auth)
      .expect(200);
    expect(list.body.data).toEqual([expect.objectContaining({ name: 'Dana Whitfield', email: null, phone: null })]);
    expect(JSON.stringify(list.body)).not.toContain('dana@harbor');
    const asStaff = await request(t.http)
      .get('/api/v1/contacts')
      .query({ organizationId: orgId })
      .set(staff.auth)
      .expect(200);
    expect(asStaff.body.data[0].email).toBe('dana@harbor.example.org');
  });

  it('searches by name, title, email or phone ignoring accents, and filters by organization', async () => {
    const other = await persistOrganization(t.dataSource, { name: 'Other' });
    await persistContact(t.dataSource, orgId, { name: 'José Ramírez' });
    await persistContact(t.dataSource, orgId, { name: 'Ann Lee', title: 'Youth Counselor' });
    await persistContact(t.dataSource, other.id, { name: 'Jose Other' });
    const names = async (query: Record<string, string>) =>
      (await request(t.http).get('/api/v1/contacts').query(query).set(staff.auth).expect(200)).body.data
        .map((c: { name: string }) => c.name)
        .sort();
    expect(await names({ q: 'jose' })).toEqual(['Jose Other', 'José Ramírez']);
    expect(await names({ q: 'jose', organizationId: orgId })).toEqual(['José Ramírez']);
    expect(await names({ q: 'counselor' })).toEqual(['Ann Lee']);
    await persistContact(t.dataSource, other.id, {
      name: 'Reachable',
      email: 'reach.me@clinic.example.org',
      phone: '+1 971 555 0123',
    });
    expect(await names({ q: 'REACH.ME@' })).toEqual(['Reachable']);
    expect(await names({ q: '971 555' })).toEqual(['Reachable']);
  });

  it('lets a viewer search name and title only: a fragment of a hidden email or phone finds nothing, while staff find it', async () => {
    await persistContact(t.dataSource, orgId, {
      name: 'Angela Brooks',
      title: 'Youth Counselor',
      email: 'angela.brooks@city.example.org',
      phone: '+1 503 555 0177',
    });
    const search = async (who: SignedIn, q: string) =>
      (await request(t.http).get('/api/v1/contacts').query({ q }).set(who.auth).expect(200)).body as {
        data: { name: string }[];
        meta: { total: number };
      };
    // What an attacker would probe one character at a time: none of it matches for a viewer.
    for (const fragment of [
      'a',
      'an',
      'angela.',
      'angela.b',
      '@city',
      'city.example',
      'example.org',
      '555 0177',
      '0177',
      '+1 503',
    ]) {
      const found = await search(viewer, fragment);
      const expected = /^an?$/.test(fragment) ? 1 : 0; // "a"/"an" are in the name
      expect({ fragment, total: found.meta.total }).toEqual({ fragment, total: expected });
    }
    expect((await search(viewer, 'brooks')).data.map((c) => c.name)).toEqual(['Angela Brooks']);
    expect((await search(viewer, 'counselor')).data.map((c) => c.name)).toEqual(['Angela Brooks']);
    for (const fragment of ['angela.b', '@city', 'example.org', '555 0177']) {
      expect({ fragment, names: (await search(staff, fragment)).data.map((c) => c.name) }).toEqual({
        fragment,
        names: ['Angela Brooks'],
      });
    }
  });

  it('gives viewers notes as null, like email and phone, on list and read; staff see them', async () => {
    const contact = await persistContact(t.dataSource, orgId, {
      name: 'Dana Whitfield',
      notes: 'Going through a divorce; call after 3pm',
    });
    const read = await request(t.http).get(`/api/v1/contacts/${contact.id}`).set(viewer.auth).expect(200);
    expect(read.body).toMatchObject({ name: 'Dana Whitfield', email: null, phone: null, notes: null });
    const list = await request(t.http)
      .get('/api/v1/contacts')
      .query({ organizationId: orgId })
      .set(viewer.auth)
      .expect(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({ name: 'Dana Whitfield', email: null, phone: null, notes: null }),
    ]);
    const searched = await request(t.http).get('/api/v1/contacts').query({ q: 'dana' }).set(viewer.auth).expect(200);
    expect(searched.body.data).toEqual([expect.objectContaining({ notes: null })]);
    // The factory's phone number (+1 503 555 0100) in any spacing; a bare "555" turns up in random UUIDs too.
    expect(JSON.stringify([read.body, list.body, searched.body])).not.toMatch(
      /divorce|partner\.example\.org|555\D?0100/,
    );
    const asStaff = await request(t.http).get(`/api/v1/contacts/${contact.id}`).set(staff.auth).expect(200);
    expect(asStaff.body.notes).toBe('Going through a divorce; call after 3pm');
  });

  it('keeps one primary contact per organization', async () => {
    const first = await persistContact(t.dataSource, orgId, { isPrimary: true });
    const second = await request(t.http)
      .post('/api/v1/contacts')
      .set(staff.auth)
      .send({ organizationId: orgId, name: 'New Primary', isPrimary: true })
      .expect(201);
    const rows = await t.dataSource.getRepository(Contact).findBy({ organizationId: orgId, isPrimary: true });
    expect(rows.map((c) => c.id)).toEqual([second.body.id]);
    // Losing the primary flag was a change to the first contact: its version moved on.
    const reread = await request(t.http).get(`/api/v1/contacts/${first.id}`).set(staff.auth).expect(200);
    expect(reread.body).toMatchObject({ isPrimary: false, version: first.version + 1 });
    await request(t.http)
      .patch(`/api/v1/contacts/${first.id}`)
      .set(staff.auth)
      .send({ version: reread.body.version, isPrimary: true })
      .expect(200);
    const after = await t.dataSource.getRepository(Contact).findBy({ organizationId: orgId, isPrimary: true });
    expect(after.map((c) => c.id)).toEqual([first.id]);
  });

  it('writes a contact and its audit event in one statement after reading the library settings; a primary one locks the organization first', async () => {
    const contacts = t.app.get(ContactService);
    const actor = { ...staff.user, sessionId: UNKNOWN };
    const { result: contact, sent } = await statementsOf(
      () => contacts.create({ organizationId: orgId, name: 'Dana Whitfield', title: 'Case manager' }, actor),
      Infinity,
    );
    expect(sent).toEqual([
      expect.stringMatching(/^SELECT .* FROM "settings"/),
      expect.stringMatching(/^WITH contact AS \( INSERT INTO contacts .*\(INSERT INTO audit_events /),
    ]);
    // As a read gives it: the defaults filled in, what was left out null.
    expect(contact).toMatchObject({ isPrimary: false, preferredChannel: 'email', language: 'en', email: null });
    expect(await contacts.get(contact.id)).toEqual(contact);
    const [event] = await t.dataSource.query('SELECT actor_id, changes FROM audit_events WHERE entity_id = $1', [
      contact.id,
    ]);
    expect(event).toEqual({
      actor_id: staff.user.id,
      changes: {
        organizationId: { before: null, after: orgId },
        name: { redacted: true },
        title: { redacted: true },
        preferredChannel: { before: null, after: 'email' },
        language: { before: null, after: 'en' },
        isPrimary: { before: null, after: false },
      },
    });

    const primary = await statementsOf(
      () => contacts.create({ organizationId: orgId, name: 'Ann Lee', isPrimary: true }, actor),
      Infinity,
    );
    expect(primary.sent).toEqual([
      'START TRANSACTION',
      expect.stringMatching(/^SELECT .* FROM "organizations" .* FOR UPDATE/),
      expect.stringMatching(/^SELECT .* FROM "settings"/),
      expect.stringMatching(/^SELECT .* FROM "contacts"/),
      expect.stringMatching(/^WITH contact AS /),
      'COMMIT',
    ]);
    const audited = await t.dataSource.query('SELECT entity_id FROM audit_events ORDER BY occurred_at');
    expect(audited.map((row: { entity_id: string }) => row.entity_id)).toEqual([contact.id, primary.result.id]);
  });

  it('refuses a stale version with 409, and bad input with 400 naming the fields', async () => {
    const contact = await persistContact(t.dataSource, orgId);
    await request(t.http)
      .patch(`/api/v1/contacts/${contact.id}`)
      .set(staff.auth)
      .send({ version: 1, title: 'Director' })
      .expect(200);
    const stale = await request(t.http)
      .patch(`/api/v1/contacts/${contact.id}`)
      .set(staff.auth)
      .send({ version: 1, title: 'Intern' })
      .expect(409);
    expect(stale.body.currentVersion).toBe(2);
    const bad = await request(t.http)
      .post('/api/v1/contacts')
      .set(staff.auth)
      .send({
        organizationId: 'nope',
        name: '',
        email: 'not-mail',
        phone: 'call me',
        preferredChannel: 'pigeon',
        ssn: '123',
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'email',
      'name',
      'organizationId',
      'phone',
      'preferredChannel',
      'ssn',
    ]);
    const unknownOrg = await request(t.http)
      .post('/api/v1/contacts')
      .set(staff.auth)
      .send({ organizationId: '7d0c5d1e-93a4-4b8f-9f0e-000000000000', name: 'X' })
      .expect(400);
    expect(unknownOrg.body.errors).toEqual([{ field: 'organizationId', message: 'is not a known organization' }]);
    expect(await t.dataSource.getRepository(Contact).count()).toBe(1);
  });

  describe('language', () => {
    const OFFERED = 'must be one of the languages the library offers: en (English), es (Español)';
    const create = (body: Record<string, unknown>) =>
      request(t.http)
        .post('/api/v1/contacts')
        .set(staff.auth)
        .send({ organizationId: orgId, name: 'Lucía Fernández', ...body });

    it("defaults to the library's default language at the moment of creation, and keeps it after the library changes", async () => {
      const english = await create({}).expect(201);
      expect(english.body.language).toBe('en');

      const admin = await signedInAs(t, Role.Admin);
      await request(t.http)
        .patch('/api/v1/settings/library')
        .set(admin.auth)
        .send({ version: 1, defaultLanguage: 'es' })
        .expect(200);
      const spanish = await create({ name: 'Rosa Díaz' }).expect(201);
      expect(spanish.body.language).toBe('es');
      const again = await request(t.http).get(`/api/v1/contacts/${english.body.id}`).set(viewer.auth).expect(200);
      expect(again.body.language).toBe('en');
      const listed = await request(t.http).get('/api/v1/contacts').query({ organizationId: orgId }).set(viewer.auth);
      expect(listed.body.data.map((c: { language: string }) => c.language).sort()).toEqual(['en', 'es']);
      const found = await request(t.http).get('/api/v1/search').query({ q: 'Rosa' }).set(viewer.auth).expect(200);
      expect(found.body.contacts).toEqual([expect.objectContaining({ name: 'Rosa Díaz', language: 'es' })]);
    });

    it('takes an offered language in any case, writes it lower case, changes it with PATCH and audits it', async () => {
      const created = await create({ language: 'ES' }).expect(201);
      expect(created.body.language).toBe('es');
      const patched = await request(t.http)
        .patch(`/api/v1/contacts/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, language: 'en' })
        .expect(200);
      expect(patched.body).toMatchObject({ version: 2, language: 'en' });
      const [event] = await t.dataSource.query(
        `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'update'`,
        [created.body.id],
      );
      expect(event.changes.language).toEqual({ before: 'es', after: 'en' });
    });

    it('refuses a language the library does not offer with 400 naming the offered ones, and bad types and sizes with 400', async () => {
      for (const language of ['fr', 'english', 'es-MX', 'e\u0000s', 'x'.repeat(10_000), '', 'constructor'])
        expect((await create({ language }).expect(400)).body.errors).toEqual([
          expect.objectContaining({ field: 'language' }),
        ]);
      expect((await create({ language: 'fr' }).expect(400)).body.errors).toEqual([
        { field: 'language', message: OFFERED },
      ]);
      for (const language of [null, 7, ['es'], { es: true }, true])
        expect((await create({ language }).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual([
          'language',
        ]);

      const admin = await signedInAs(t, Role.Admin);
      await request(t.http)
        .patch('/api/v1/settings/library')
        .set(admin.auth)
        .send({ version: 1, languages: ['en'] })
        .expect(200);
      const notOffered = await create({ language: 'es' }).expect(400);
      expect(notOffered.body.errors).toEqual([
        { field: 'language', message: 'must be one of the languages the library offers: en (English)' },
      ]);
      expect(await t.dataSource.getRepository(Contact).count()).toBe(0);
    });

    it('names an unknown organization rather than the language, as when the organization is checked first', async () => {
      const unknownOrganization = [{ field: 'organizationId', message: 'is not a known organization' }];
      for (const isPrimary of [false, true]) {
        const refused = await create({ organizationId: UNKNOWN, language: 'fr', isPrimary }).expect(400);
        expect(refused.body.errors).toEqual(unknownOrganization);
      }
      expect(await t.dataSource.getRepository(Contact).count()).toBe(0);
    });

    it('keeps a language the library stopped offering when an edit leaves it as it is', async () => {
      const contact = await persistContact(t.dataSource, orgId, { language: 'es' });
      const admin = await signedInAs(t, Role.Admin);
      await request(t.http)
        .patch('/api/v1/settings/library')
        .set(admin.auth)
        .send({ version: 1, languages: ['en'] })
        .expect(200);
      const kept = await request(t.http)
        .patch(`/api/v1/contacts/${contact.id}`)
        .set(staff.auth)
        .send({ version: 1, title: 'Directora', language: 'es' })
        .expect(200);
      expect(kept.body).toMatchObject({ title: 'Directora', language: 'es' });
      await request(t.http)
        .patch(`/api/v1/contacts/${contact.id}`)
        .set(staff.auth)
        .send({ version: 2, language: 'fr' })
        .expect(400);
    });
  });

  it('erases a person completely: no copy of their name, email or phone remains in any table', async () => {
    const person = {
      name: 'Zebulon Quackenbush',
      title: 'Youth Advocate Zq',
      email: 'zebulon.q@harbor.example.org',
      phone: '+1 503 555 0199',
    };
    const created = await request(t.http)
      .post('/api/v1/contacts')
      .set(staff.auth)
      .send({ organizationId: orgId, ...person, notes: 'Zebulon prefers mornings' })
      .expect(201);
    await request(t.http)
      .patch(`/api/v1/contacts/${created.body.id}`)
      .set(staff.auth)
      .send({ version: 1, email: 'zq@harbor.example.org', name: 'Zebulon Q. Quackenbush' })
      .expect(200);
    // A visit where the team met them links the contact by id only.
    const visit = await request(t.http)
      .post('/api/v1/visits')
      .set(staff.auth)
      .send({ organizationId: orgId, purpose: 'relationship', contactIds: [created.body.id] })
      .expect(201);
    expect(visit.body.contactIds).toEqual([created.body.id]);
    // Their answer to a partnership check-in, with a comment that names them.
    const checkIn = await t.dataSource.getRepository(CheckIn).save({
      organizationId: orgId,
      openedAt: new Date(Date.now() - 60_000),
      closesAt: new Date(Date.now() + 86_400_000),
    });
    const response = await t.dataSource.getRepository(CheckInResponse).save({
      checkInId: checkIn.id,
      respondent: CheckInRespondent.Partner,
      contactId: created.body.id,
      answers: { 'communication.heard': 4 },
      comment: 'Zebulon says the room is too small',
      answeredAt: new Date(),
    });
    // Before erasure the person is in the contacts table only (the audit log holds no values).
    for (const needle of ['Quackenbush', 'zq@harbor', '555 0199']) {
      const tables = await tablesContaining(t.dataSource, needle);
      expect(tables.length).toBeGreaterThan(0);
      expect(tables.every((column) => column.startsWith('contacts.'))).toBe(true);
    }

    await request(t.http).delete(`/api/v1/contacts/${created.body.id}`).set(staff.auth).expect(403);
    await request(t.http).delete(`/api/v1/contacts/${created.body.id}`).set(manager.auth).expect(204);
    for (const needle of ['Quackenbush', 'Zebulon', 'zq@harbor', 'zebulon.q@', '555 0199', 'Advocate Zq']) {
      expect({ needle, tables: await tablesContaining(t.dataSource, needle) }).toEqual({ needle, tables: [] });
    }
    const admin = await signedInAs(t, Role.Admin);
    const audit = await request(t.http)
      .get('/api/v1/audit')
      .query({ entityType: 'contact', entityId: created.body.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(audit.body.data[1].changes).toMatchObject({ name: { redacted: true }, email: { redacted: true } });
    await request(t.http).get(`/api/v1/contacts/${created.body.id}`).set(staff.auth).expect(404);
    // The check-in answer stays for the partnership's scores, without the person or their words.
    expect(await t.dataSource.getRepository(CheckInResponse).findOneByOrFail({ id: response.id })).toMatchObject({
      contactId: null,
      comment: null,
      answers: { 'communication.heard': 4 },
    });
    // The visit stays, without them.
    const visitAfter = await request(t.http).get(`/api/v1/visits/${visit.body.id}`).set(staff.auth).expect(200);
    expect(visitAfter.body.contactIds).toEqual([]);
  });
});
