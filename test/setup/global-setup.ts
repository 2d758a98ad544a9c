import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrl, runLogFile, templateDatabase, withAdminClient } from './test-env';

/**
 * Once per run: a template database with every migration applied. Each suite then gets its
 * own database copied from it, so suites run in parallel without seeing each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TANDEM_TEST_RUN = run;
  // The run's log starts empty (also a TEST_LOG_FILE kept from an earlier run); the teardown scans it.
  writeFileSync(runLogFile(run), '');
  const template = templateDatabase(run);
  await withAdminClient((client) => client.query(`CREATE DATABASE "${template}"`));
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(template), 2));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
