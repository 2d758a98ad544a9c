import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { unsubscribeToken } from '../../src/outbox/unsubscribe-link';
import { checkInTokens, persistPartner } from '../factories/check-in.factory';
import { persistFeedbackLink, persistFeedbackProgram } from '../factories/feedback.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { startupJobsDone } from '../setup/startup-jobs';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_AUTH_SECRET } from '../setup/test-env';

const LIBRARY = '/api/v1/settings/library';

/** `<html lang>` of a page. */
const langOf = (html: string): string | undefined => /<html lang="([^"]+)"/.exec(html)?.[1];

/**
 * The public side in the visitor's language (issue 18): every public page negotiates `?lang=` >
 * the program's or contact's language > Accept-Language (quality values) > the library's default;
 * feedback records the language it was given in; emails to partner contacts are written in theirs,
 * with dates in the library's zone.
 */
describe('Public pages and emails in the visitor’s language (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({
      worker: true,
      env: {
        PUBLIC_FEEDBACK_PER_IP_PER_HOUR: '1000',
        PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR: '1000',
        PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES: '1000',
      },
    });
    await startupJobsDone(t);
    admin = await signedInAs(t, Role.Admin);
    owner = await signedInAs(t, Role.Staff, { name: 'Rosa Owner', email: 'rosa.owner@library.test' });
    const { version } = (await request(t.http).get(LIBRARY).set(admin.auth).expect(200)).body;
    await request(t.http)
      .patch(LIBRARY)
      .set(admin.auth)
      .send({ version, name: 'Biblioteca Riverside', timezone: 'America/Chicago', defaultLanguage: 'en' })
      .expect(200);
  });
  afterAll(async () => t?.close());

  /** Opens a public page and says which language it answered in (and checks it links to the others). */
  async function pageLanguage(path: string, acceptLanguage?: string): Promise<string | undefined> {
    const get = request(t.http).get(path);
    if (acceptLanguage) void get.set('Accept-Language', acceptLanguage);
    const { text } = await get.expect(200).expect('Content-Type', /html/);
    const language = langOf(text);
    const other = language === 'es' ? 'en' : 'es';
    expect(text).toContain(`href="?lang=${other}" hrefLang="${other}" lang="${other}"`);
    return language;
  }

  describe('the feedback form', () => {
    it('negotiates ?lang= > the program’s language > Accept-Language by quality > the library default', async () => {
      const spanish = await persistFeedbackProgram(t.dataSource, [], {
        name: 'Martes y Jueves de Tareas',
        language: 'es',
      });
      const english = await persistFeedbackProgram(t.dataSource, [], { language: 'en' });
      const es = `/feedback/${(await persistFeedbackLink(t.dataSource, spanish.id)).token}`;
      const en = `/feedback/${(await persistFeedbackLink(t.dataSource, english.id)).token}`;

      // The program's language beats the phone's; ?lang= beats both.
      expect(await pageLanguage(es, 'en-US,en;q=0.9')).toBe('es');
      expect(await pageLanguage(`${es}?lang=en`, 'es-MX,es;q=0.9')).toBe('en');
      expect(await pageLanguage(en, 'es-MX,es;q=0.9')).toBe('en');
      expect(await pageLanguage(`${en}?lang=es`)).toBe('es');
      // A language the library does not offer is ignored.
      expect(await pageLanguage(`${es}?lang=fr`, 'en')).toBe('es');
    });

    it('takes Accept-Language when the program’s language is no longer offered, else the default', async () => {
      const program = await persistFeedbackProgram(t.dataSource, [], { language: 'es' });
      const page = `/feedback/${(await persistFeedbackLink(t.dataSource, program.id)).token}`;
      const { version } = (await request(t.http).get(LIBRARY).set(admin.auth).expect(200)).body;
      await request(t.http)
        .patch(LIBRARY)
        .set(admin.auth)
        .send({ version, languages: ['en'] })
        .expect(200);
      try {
        const { text } = await request(t.http).get(page).set('Accept-Language', 'es').expect(200);
        expect(langOf(text)).toBe('en');
        expect(text).not.toContain('<nav');
      } finally {
        const current = (await request(t.http).get(LIBRARY).set(admin.auth).expect(200)).body;
        await request(t.http)
          .patch(LIBRARY)
          .set(admin.auth)
          .send({ version: current.version, languages: ['en', 'es'] })
          .expect(200);
      }
      // Offered again: the quality values decide for a program in the default language.
      const english = await persistFeedbackProgram(t.dataSource, [], { language: 'en' });
      const other = `/feedback/${(await persistFeedbackLink(t.dataSource, english.id)).token}`;
      expect(await pageLanguage(other, 'fr-FR, es;q=0.4, en;q=0.2')).toBe('en'); // the program's language first
      expect(await pageLanguage(page, 'de')).toBe('es');
    });

    it('answers an unknown link in the phone’s language', async () => {
      const missing = await request(t.http)
        .get(`/feedback/${'A'.repeat(43)}`)
        .set('Accept-Language', 'es')
        .expect(404);
      expect(langOf(missing.text)).toBe('es');
      expect(missing.text).toContain('Este enlace no funciona');
      const english = await request(t.http)
        .get(`/feedback/${'A'.repeat(43)}`)
        .expect(404);
      expect(langOf(english.text)).toBe('en');
    });

    it('a Spanish form, sent as the browser sends it, is stored with its language and shown so in the inbox', async () => {
      const program = await persistFeedbackProgram(t.dataSource, [], {
        name: 'Martes y Jueves de Tareas',
        language: 'es',
      });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const form = await request(t.http).get(`/feedback/${token}`).set('Accept-Language', 'en-US').expect(200);
      expect(form.text).toContain('<title>¿Qué te pareció Martes y Jueves de Tareas?</title>');
      expect(form.text).toContain('En Biblioteca Riverside queremos saber cómo te fue.');
      expect(form.text).toContain('<input type="hidden" name="language" value="es"/>');

      const thanks = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send({ rating: '5', outcomeKnowledge: '4', worked: 'Las tutoras me ayudaron con álgebra', language: 'es' })
        .expect(201);
      expect(langOf(thanks.text)).toBe('es');
      expect(thanks.text).toContain('¡Gracias!');

      const inbox = await request(t.http).get(`/api/v1/feedback?programId=${program.id}`).set(owner.auth).expect(200);
      expect(inbox.body.data).toEqual([
        expect.objectContaining({
          source: 'youth',
          rating: 5,
          language: 'es',
          worked: 'Las tutoras me ayudaron con álgebra',
        }),
      ]);
    });

    it('sends a form back with its errors in its own language', async () => {
      const program = await persistFeedbackProgram(t.dataSource, [], { language: 'en' });
      const { token } = await persistFeedbackLink(t.dataSource, program.id);
      const again = await request(t.http)
        .post(`/api/v1/public/feedback/${token}`)
        .type('form')
        .send({ outcomeKnowledge: '4', language: 'es' })
        .expect(400);
      expect(langOf(again.text)).toBe('es');
      expect(again.text).toContain('Elige qué tal estuvo, del 1 al 5.');
    });
  });

  describe('the check-in page and the check-in email of a Spanish-speaking partner', () => {
    let tokens: Awaited<ReturnType<typeof checkInTokens>>;

    beforeAll(async () => {
      const partner = await persistPartner(t.dataSource, owner.user, {
        name: 'Casa Esperanza',
        contact: { name: 'Lucía Ramírez', email: 'lucia@casa.example.org', language: 'es' },
      });
      const started = await request(t.http)
        .post(`/api/v1/organizations/${partner.organization.id}/check-ins`)
        .set(owner.auth)
        .expect(201);
      tokens = await checkInTokens(t.dataSource, started.body.id);
    });

    it('arrives in Spanish, the deadline a day in the library’s zone, and in English for the owner', async () => {
      const [mail] = await t.mail.waitFor('lucia@casa.example.org', 1, 15_000);
      expect(mail.subject).toBe('¿Cómo va nuestra colaboración? Una consulta de 3 minutos de Biblioteca Riverside');
      expect(mail.text).toContain('Hola, Lucía Ramírez:');
      expect(mail.text).toContain(
        'Rosa Owner y el equipo de Biblioteca Riverside quieren saber cómo va nuestra colaboración con Casa Esperanza.',
      );
      expect(mail.html).toContain('<html lang="es">');
      const closesAt = (
        await t.dataSource.query<{ closes_at: Date }[]>(
          `SELECT closes_at FROM check_ins ORDER BY created_at DESC LIMIT 1`,
        )
      )[0].closes_at;
      const day = new Intl.DateTimeFormat('es', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'America/Chicago',
      }).format(closesAt);
      expect(mail.text).toContain(`La consulta está abierta hasta el ${day}.`);
      expect(mail.text).toContain('Dejar de recibir estos correos: http://tandem.test/unsubscribe/');

      const [ownerMail] = await t.mail.waitFor(owner.user.email, 1, 15_000);
      expect(ownerMail.subject).toBe('Check-in: how is the partnership with Casa Esperanza going?');
    });

    it('opens in the contact’s language over the browser’s, and in English with ?lang=en', async () => {
      expect(await pageLanguage(`/check-in/${tokens.partner}`, 'en-US,en;q=0.9')).toBe('es');
      expect(await pageLanguage(`/check-in/${tokens.partner}?lang=en`, 'es')).toBe('en');
      // The owner is staff: the browser decides.
      expect(await pageLanguage(`/check-in/${tokens.owner}`, 'es-419,es;q=0.8')).toBe('es');
      expect(await pageLanguage(`/check-in/${tokens.owner}`, 'en;q=0.8,es;q=0.5')).toBe('en');
    });

    it('thanks in Spanish, and says “already answered” in Spanish after', async () => {
      const thanks = await request(t.http)
        .post(`/api/v1/public/check-ins/${tokens.partner}?lang=es`)
        .type('form')
        .send({ 'purpose.shared': '4', comment: 'Todo bien' })
        .expect(201);
      expect(langOf(thanks.text)).toBe('es');
      expect(thanks.text).toContain('Recibimos sus respuestas');
      const again = await request(t.http).get(`/check-in/${tokens.partner}`).expect(409);
      expect(langOf(again.text)).toBe('es');
      expect(again.text).toContain('Ya respondió');
    });
  });

  describe('the unsubscribe page', () => {
    it('speaks the contact’s language, ?lang= first, and confirms in it', async () => {
      const partner = await persistPartner(t.dataSource, owner.user, {
        contact: { name: 'Mateo Cruz', email: 'mateo@example.org', language: 'es' },
      });
      const path = `/unsubscribe/${unsubscribeToken(TEST_AUTH_SECRET, partner.contact!.id)}`;
      expect(await pageLanguage(path, 'en')).toBe('es');
      expect(await pageLanguage(`${path}?lang=en`, 'es')).toBe('en');
      const page = await request(t.http).get(path).expect(200);
      expect(page.text).toContain('el equipo de Biblioteca Riverside trabaja con usted');
      expect(page.text).toContain(`action="${path}?lang=es"`);
      const done = await request(t.http).post(`${path}?lang=es`).type('form').send('List-Unsubscribe=One-Click');
      expect(done.status).toBe(200);
      expect(done.text).toContain('<title>Se dio de baja</title>');
      // RFC 8058 one-click from a mail client: no ?lang=, no Accept-Language: the contact's language.
      const oneClick = await request(t.http).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect(oneClick.text).toContain('<title>Ya se había dado de baja</title>');

      const english = await persistPartner(t.dataSource, owner.user, { contact: { language: 'en' } });
      const englishPath = `/unsubscribe/${unsubscribeToken(TEST_AUTH_SECRET, english.contact!.id)}`;
      expect(await pageLanguage(englishPath, 'es-ES,es;q=0.9')).toBe('en');
    });
  });

  describe('reminder emails', () => {
    it('reach a Spanish-speaking contact in Spanish, the time in the library’s zone, with no link into Tandem', async () => {
      const partner = await persistPartner(t.dataSource, owner.user, {
        contact: { name: 'Ana Flores', email: 'ana@familias.example.org', language: 'es' },
      });
      const english = await persistPartner(t.dataSource, owner.user, {
        contact: { name: 'Sam Lee', email: 'sam@partner.example.org', language: 'en' },
      });
      const soon = new Date(Date.now() + 1500).toISOString();
      await request(t.http)
        .post('/api/v1/reminders')
        .set(owner.auth)
        .send({
          title: 'Traer las hojas de inscripción',
          message: '',
          trigger: { type: 'once', at: soon },
          recipientIds: [],
          recipientContactIds: [partner.contact!.id, english.contact!.id],
          active: true,
        })
        .expect(201);

      const [mail] = await t.mail.waitFor('ana@familias.example.org', 1, 15_000);
      expect(mail.subject).toBe('Recordatorio: Traer las hojas de inscripción');
      expect(mail.text).toContain('Hola, Ana Flores:');
      const when = new Intl.DateTimeFormat('es', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone: 'America/Chicago',
      }).format(new Date(soon));
      expect(mail.text).toContain(`Cuándo: ${when}`);
      expect(mail.text).toContain('Recibe este correo porque Biblioteca Riverside le incluyó en un recordatorio.');
      expect(mail.text).not.toContain('Tandem');
      expect(mail.html).toContain('<html lang="es">');

      const [englishMail] = await t.mail.waitFor('sam@partner.example.org', 1, 15_000);
      expect(englishMail.subject).toBe('Reminder: Traer las hojas de inscripción');
      expect(englishMail.text).toContain('Hello Sam Lee,');
    });
  });
});
