import type { Browser } from 'playwright-core';
import request from 'supertest';
import { checkInTokens } from '../factories/check-in.factory';
import {
  apiSignIn,
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  screenshot,
  serveApp,
  type ServedApp,
} from './browser';

/**
 * The public side as the people it is for meet it (issue 18): a teenager scans the poster of a
 * Spanish program with a phone set to English — or to Spanish — and reads and sends the form in
 * Spanish; a Spanish-speaking partner opens their check-in in Spanish. Small phones, no account.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const PROGRAM = 'Martes y Jueves de Tareas';
/** A small phone, as a teenager's might be. */
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, timezoneId: 'America/Chicago' };

describe('Public pages in the visitor’s language, in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let adminToken: string;
  let formUrl: string;
  let programId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp({ worker: true }), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    adminToken = (await apiSignIn(app, ADMIN)).token;
    const library = await api().get('/api/v1/settings/library').set(as(adminToken)).expect(200);
    await api()
      .patch('/api/v1/settings/library')
      .set(as(adminToken))
      .send({ version: library.body.version, name: 'Biblioteca Riverside', timezone: 'America/Chicago' })
      .expect(200);
    const program = await api()
      .post('/api/v1/programs')
      .set(as(adminToken))
      .send({
        name: PROGRAM,
        description: 'Ayuda con las tareas, martes y jueves después de la escuela.',
        status: 'running',
        language: 'es',
        partners: [],
        audienceIds: [],
        libraryGoal: '',
        partnerGoal: '',
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
          timezone: 'America/Chicago',
          startTime: '15:30',
          durationMinutes: 90,
          location: 'Sala de estudio',
        },
        startDate: '2026-09-01',
      })
      .expect(201);
    programId = program.body.id;
    formUrl = (await api().post(`/api/v1/programs/${programId}/feedback-link`).set(as(adminToken)).expect(201)).body
      .url;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each([
    ['English', 'en-US'],
    ['Spanish', 'es-MX'],
  ])('a phone set to %s reads the Spanish program’s form in Spanish and sends it', async (_name, locale) => {
    const context = await browser.newContext({ ...PHONE, locale });
    try {
      const { page, problems } = await newPage(context);
      await page.goto(`${app.url}${new URL(formUrl).pathname}`);
      await page.getByRole('heading', { level: 1, name: `¿Qué te pareció ${PROGRAM}?` }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      await expect(page.getByText('En Biblioteca Riverside queremos saber cómo te fue.').isVisible()).resolves.toBe(
        true,
      );
      await expect(page.getByRole('link', { name: 'English' }).getAttribute('hreflang')).resolves.toBe('en');
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible(page);
      if (locale === 'en-US') await screenshot(page, 'public-feedback-es');

      await page
        .getByRole('group', { name: /¿Qué tal estuvo\?/ })
        .getByText('Genial')
        .click();
      await page.getByRole('group', { name: 'Aprendí algo nuevo' }).getByText('Bastante').click();
      await page
        .getByRole('textbox', { name: /¿Qué te gustó\?/ })
        .fill('Las tutoras me explicaron álgebra con paciencia');
      await page.getByRole('button', { name: 'Enviar mi opinión' }).click();
      await page.getByRole('heading', { level: 1, name: '¡Gracias!' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      await expectAccessible(page);
      if (locale === 'en-US') await screenshot(page, 'public-feedback-es-thanks');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the feedback arrives in the inbox in Spanish, its words kept as written', async () => {
    const inbox = await api().get(`/api/v1/feedback?programId=${programId}`).set(as(adminToken)).expect(200);
    expect(inbox.body.data).toHaveLength(2);
    for (const feedback of inbox.body.data)
      expect(feedback).toMatchObject({
        source: 'youth',
        language: 'es',
        rating: 5,
        outcomes: { knowledge: 4 },
        worked: 'Las tutoras me explicaron álgebra con paciencia',
      });
  });

  it('a form sent without a rating comes back in Spanish, saying what to fix', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    try {
      const { page } = await newPage(context);
      await page.goto(`${app.url}${new URL(formUrl).pathname}`);
      // The browser would stop an empty required choice; a phone without that check sends it anyway.
      await page.evaluate(() =>
        document.querySelectorAll('[required]').forEach((el) => el.removeAttribute('required')),
      );
      await page.getByRole('button', { name: 'Enviar mi opinión' }).click();
      await page.getByRole('heading', { level: 2, name: 'Revisa tus respuestas' }).waitFor();
      await expect(page.getByRole('link', { name: 'Elige qué tal estuvo, del 1 al 5.' }).isVisible()).resolves.toBe(
        true,
      );
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });

  it('a Spanish-speaking partner answers their check-in in Spanish on a phone set to English', async () => {
    const partner = await api()
      .post('/api/v1/organizations')
      .set(as(adminToken))
      .send({ name: 'Casa Esperanza', type: 'Family services', stage: 'active', ownerId: null })
      .expect(201);
    await api()
      .post('/api/v1/contacts')
      .set(as(adminToken))
      .send({
        organizationId: partner.body.id,
        name: 'Lucía Ramírez',
        email: 'lucia@casa.example.org',
        isPrimary: true,
        language: 'es',
      })
      .expect(201);
    const started = await api()
      .post(`/api/v1/organizations/${partner.body.id}/check-ins`)
      .set(as(adminToken))
      .send({})
      .expect(201);
    const tokens = await checkInTokens(app.dataSource, started.body.id);

    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    try {
      const { page, problems } = await newPage(context);
      await page.goto(`${app.url}/check-in/${tokens.partner}`);
      await page.getByRole('heading', { level: 1, name: '¿Cómo va nuestra colaboración?' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible(page);
      await screenshot(page, 'public-check-in-es');
      await page
        .getByRole('group', { name: 'Estamos de acuerdo en lo que esta colaboración quiere lograr.' })
        .getByText('De acuerdo', { exact: true })
        .click();
      await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
      await page.getByRole('heading', { level: 1, name: '¡Gracias!' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
