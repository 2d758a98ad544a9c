import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { safeMessage, statementWithoutValues } from '../common/logging/safe-error';

/**
 * TypeORM's logger for the app: the statement and the error's codes, never the parameters
 * (TypeORM hands every logger the values of each query, which hold emails, phones and names).
 * A failing statement is usually expected (a unique violation that becomes a 409), and one that
 * is not reaches the error filter, which logs it: so failures are `debug` here, for local work.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // Every statement would be noise, and its parameters personal data.
  }

  logQueryError(error: string | Error, query: string): void {
    const detail = typeof error === 'string' ? { reason: safeMessage(error) } : { err: error };
    this.logger.debug({ statement: statementWithoutValues(query), ...detail }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, statement: statementWithoutValues(query) }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ note: safeMessage(message) }, 'schema');
  }

  logMigration(message: string): void {
    this.logger.debug({ note: safeMessage(message) }, 'migration');
  }

  /** TypeORM's own notes, e.g. "Postgres pool raised an error. error: terminating connection…". */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = safeMessage(typeof message === 'string' ? message : String(message));
    if (level === 'warn') this.logger.warn({ note: text }, 'database');
    else this.logger.debug({ note: text }, 'database');
  }
}
