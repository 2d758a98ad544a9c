import 'reflect-metadata';
import type { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { DomainError } from '../common/errors/domain-error';
import { appConfig, AppConfig, loadDotEnv, readEnv } from '../config/configuration';
import { ConfigValidationError } from '../config/env.schema';
import { EmbeddedDatabaseError } from '../database/embedded-database.error';
import { DEMO_LOAD_LOCKED, withDemoLoadLock } from './demo-load-lock';
import { seedDemo, summaryLine } from './seed-demo';

const AGAIN = 'then run npm run seed:demo again (it only adds what is missing)';

/** One line saying what went wrong and what to do next. */
function explainFailure(error: unknown, embedded: boolean): string {
  if (error instanceof ConfigValidationError) return error.message;
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (error instanceof EmbeddedDatabaseError) return message;
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code ?? '') ||
    /timeout expired|connect(ion)? terminated/i.test(message)
  ) {
    return `Cannot reach PostgreSQL at DATABASE_URL (${code ?? message}): start PostgreSQL or unset DATABASE_URL to use the embedded database, ${AGAIN}.`;
  }
  if (code === '3D000')
    return `The database named in DATABASE_URL does not exist: create it and run npm run migration:run, ${AGAIN}.`;
  if (code === '28P01' || code === '28000')
    return `PostgreSQL refused the user or password in DATABASE_URL: fix DATABASE_URL, ${AGAIN}.`;
  if (code === '42P01' || code === '42703') {
    return embedded
      ? `The embedded database's schema is incomplete (${message}): ${AGAIN}, or move TANDEM_DATA_DIR aside to start afresh.`
      : `The database is missing Tandem's tables or columns (${message}): run npm run migration:run, ${AGAIN}.`;
  }
  if (error instanceof DomainError) return `Demo data not loaded: ${message} Fix the data it names, ${AGAIN}.`;
  return `Demo data not loaded: ${message || String(error)}. Fix the cause (LOG_LEVEL=debug shows details), ${AGAIN}.`;
}

async function main(): Promise<number> {
  let embedded = true;
  let debug = false;
  let context: INestApplicationContext | undefined;
  try {
    loadDotEnv();
    const env = readEnv();
    embedded = !env.DATABASE_URL;
    debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
    console.log(
      embedded
        ? `Loading demo data into the embedded database in ${env.TANDEM_DATA_DIR} (the running Tandem's, or started for the load)…`
        : 'Loading demo data into the database at DATABASE_URL…',
    );
    // The app's own log lines would bury the progress: only with LOG_LEVEL=debug are they shown.
    const logger: LogLevel[] | false = debug ? ['error', 'warn', 'log', 'debug'] : false;
    context = await NestFactory.createApplicationContext(
      AppModule.forRoot({ worker: false, embeddedDatabase: 'share' }),
      { logger, abortOnError: false },
    );
    const app = context;
    const result = await withDemoLoadLock(app.get(DataSource), () => seedDemo(app, (line) => console.log(line)));
    if (result === DEMO_LOAD_LOCKED) {
      console.error(
        'Demo data is being loaded right now (from the admin screen, or another seed): wait until it has finished; running the seed again then adds nothing.',
      );
      return 1;
    }
    const { publicUrl } = context.get<AppConfig>(appConfig.KEY);
    console.log(summaryLine(result, publicUrl));
    return 0;
  } catch (error) {
    console.error(explainFailure(error, embedded));
    if (debug && error instanceof Error && error.stack) console.error(error.stack);
    return 1;
  } finally {
    // Closing also stops the embedded database, when this command started it.
    await context?.close().catch(() => undefined);
  }
}

void main().then((code) => process.exit(code));
