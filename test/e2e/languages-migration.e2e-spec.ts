import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Languages1796650300000 } from '../../migrations/1796650300000-Languages';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrl, runId, withAdminClient } from '../setup/test-env';

/**
 * The Languages migration on a database that already holds programs, contacts and feedback:
 * they take the library's default language (English when none is stored), and only primary
 * tags fit the columns afterwards.
 */
describe('Languages migration (e2e)', () => {
  const name = `tandem_e2e_${runId()}_languages`;
  const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(Languages1796650300000));
  let dataSource: DataSource;

  beforeEach(async () => {
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  });
  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  /** A database migrated up to just before Languages, holding one of each, and the library settings given. */
  async function before_(settings: unknown): Promise<void> {
    dataSource = new DataSource({ ...dataSourceOptions(databaseUrl(name), 2), migrations: before });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    if (settings !== undefined)
      await dataSource.query(`INSERT INTO settings (key, value, version) VALUES ('library', $1, 2)`, [
        JSON.stringify(settings),
      ]);
    const [{ id: org }] = await dataSource.query(
      `INSERT INTO organizations (name, stage) VALUES ('Casa Esperanza', 'active') RETURNING id`,
    );
    await dataSource.query(`INSERT INTO contacts (organization_id, name) VALUES ($1, 'María Fernández')`, [org]);
    const [{ id: program }] = await dataSource.query(
      `INSERT INTO programs (name, rrule, timezone, start_time, duration_minutes, start_date)
       VALUES ('Martes y Jueves de Tareas', 'FREQ=WEEKLY;BYDAY=TU,TH', 'America/Los_Angeles', '16:00', 90, '2026-09-01') RETURNING id`,
    );
    await dataSource.query(`INSERT INTO feedback (source, program_id, rating) VALUES ('youth', $1, 5)`, [program]);
    await dataSource.destroy();
    dataSource = new DataSource(dataSourceOptions(databaseUrl(name), 2));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  }

  const languages = async () => ({
    programs: (await dataSource.query(`SELECT language FROM programs`)).map((r: { language: string }) => r.language),
    contacts: (await dataSource.query(`SELECT language FROM contacts`)).map((r: { language: string }) => r.language),
    feedback: (await dataSource.query(`SELECT language FROM feedback`)).map((r: { language: string }) => r.language),
  });

  it("gives existing programs and contacts the library's default language, and existing feedback none", async () => {
    await before_({ name: 'Biblioteca', defaultLanguage: 'es', languages: ['en', 'es'] });
    expect(await languages()).toEqual({ programs: ['es'], contacts: ['es'], feedback: [null] });
    // No column default: the app always says which.
    await expect(
      dataSource.query(`INSERT INTO contacts (organization_id, name) SELECT id, 'x' FROM organizations`),
    ).rejects.toThrow(/null value in column "language"/);
    for (const bad of ['ES', 'es-MX', 'english', ''])
      await expect(dataSource.query(`UPDATE programs SET language = $1`, [bad])).rejects.toThrow(
        /ck_programs_language/,
      );
    await expect(dataSource.query(`UPDATE feedback SET language = 'Spanish'`)).rejects.toThrow(/ck_feedback_language/);
    await dataSource.query(`UPDATE feedback SET language = 'es'`);
  });

  it.each([
    ['nothing is stored', undefined],
    ['what is stored is not a tag', { defaultLanguage: "en'; DROP TABLE programs; --" }],
    ['what is stored has no default language', { name: 'The library' }],
  ])('falls back to English when %s', async (_case, settings) => {
    await before_(settings);
    expect(await languages()).toEqual({ programs: ['en'], contacts: ['en'], feedback: [null] });
  });

  it('reverts, dropping the columns', async () => {
    await before_(undefined);
    // Languages and any migration after it.
    for (let i = before.length; i < MIGRATIONS.length; i += 1)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM information_schema.columns WHERE column_name = 'language' AND table_schema = 'public'`,
    );
    expect(count).toBe(0);
  });
});
