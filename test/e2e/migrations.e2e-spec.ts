import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrl, runId, withAdminClient } from '../setup/test-env';

describe('Migrations (e2e)', () => {
  const name = `tandem_e2e_${runId()}_migrations`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
    dataSource = new DataSource(dataSourceOptions(databaseUrl(name), 2));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('builds the whole schema from an empty database', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(dataSource.migrations.length);
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((row: { table_name: string }) => row.table_name).sort()).toEqual(
      [
        'audiences',
        'audit_events',
        'auth_sessions',
        'calendar_links',
        'capabilities',
        'check_in_responses',
        'check_ins',
        'closures',
        'contacts',
        'deliveries',
        'feedback',
        'feedback_links',
        'goals',
        'health_changes',
        'health_digests',
        'health_scores',
        'health_snapshots',
        'invitations',
        'match_decisions',
        'mfa_recovery_codes',
        'notes',
        'organization_stage_changes',
        'organizations',
        'program_partners',
        'program_sessions',
        'programs',
        'refresh_tokens',
        'reminder_contacts',
        'reminder_users',
        'reminders',
        'settings',
        'tasks',
        'typeorm_migrations',
        'user_mfa',
        'users',
        'visit_contacts',
        'visit_staff',
        'visits',
      ].sort(),
    );
  });

  it('makes search accent- and case-insensitive with tandem_fold', async () => {
    const [row] = await dataSource.query(`SELECT tandem_fold('José ÁLVAREZ') AS folded`);
    expect(row.folded).toBe('jose alvarez');
  });

  it('leaves no schema drift: the entities need no further migration', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i += 1)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    expect(tables).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
