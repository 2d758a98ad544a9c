import { Writable } from 'node:stream';
import { DatabaseError } from 'pg';
import pinoHttp, { Options } from 'pino-http';
import { QueryFailedError } from 'typeorm';
import { loggerOptions } from './logger.options';
import { errorReason, safeError, safeMessage, statementWithoutValues } from './safe-error';

const INSERT = 'INSERT INTO "contacts"("id", "name", "email", "phone") VALUES (DEFAULT, $1, $2, $3) RETURNING "id"';
const PARAMETERS = ['Angela Brooks', 'angela.brooks@city.example.org', '206-555-0101'];

/** What pg makes of PostgreSQL's answer to a duplicate INSERT (fields as the server sent them). */
function duplicateEmail(): QueryFailedError {
  const driverError = Object.assign(
    new DatabaseError('duplicate key value violates unique constraint "uq_contacts_email"', 226, 'error'),
    {
      severity: 'ERROR',
      code: '23505',
      detail: 'Key (lower(email::text))=(angela.brooks@city.example.org) already exists.',
      schema: 'public',
      table: 'contacts',
      constraint: 'uq_contacts_email',
      file: 'nbtinsert.c',
      line: '664',
      routine: '_bt_check_unique',
    },
  );
  return new QueryFailedError(INSERT, PARAMETERS, driverError);
}

function badUuid(): QueryFailedError {
  const driverError = Object.assign(
    new DatabaseError('invalid input syntax for type uuid: "angela.brooks@city.example.org"', 144, 'error'),
    {
      severity: 'ERROR',
      code: '22P02',
      where: "unnamed portal parameter $1 = '...'",
      routine: 'string_to_uuid',
    },
  );
  return new QueryFailedError('SELECT * FROM "users" WHERE "id" = $1', ['angela.brooks@city.example.org'], driverError);
}

const PERSONAL = /angela|brooks|555-0101|city\.example/i;

describe('safeError', () => {
  it('keeps the code, names and statement of a failed INSERT, never its parameters or detail', () => {
    const error = duplicateEmail();
    // What pino's standard serializer would have written: every value.
    expect(JSON.stringify({ ...error })).toMatch(PERSONAL);

    const safe = safeError(error);
    expect(safe).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "…"',
      code: '23505',
      constraint: 'uq_contacts_email',
      table: 'contacts',
      schema: 'public',
      routine: '_bt_check_unique',
      statement: INSERT,
    });
    expect(safe.stack).toMatch(/^QueryFailedError: duplicate key value violates unique constraint "…"\n {4}at /);
    expect(JSON.stringify(safe)).not.toMatch(PERSONAL);
    expect(safe).not.toHaveProperty('parameters');
    expect(safe).not.toHaveProperty('detail');
  });

  it('drops the quoted input from a message and the stack', () => {
    const safe = safeError(badUuid());
    expect(safe.message).toBe('invalid input syntax for type uuid: "…"');
    expect(safe.code).toBe('22P02');
    expect(JSON.stringify(safe)).not.toMatch(PERSONAL);
  });

  it('drops the message of a PL/pgSQL RAISE, which is free text', () => {
    const raised = Object.assign(new DatabaseError('no such person angela.brooks', 100, 'error'), { code: 'P0001' });
    expect(safeError(raised)).toEqual(expect.objectContaining({ type: 'DatabaseError', code: 'P0001' }));
    expect(safeError(raised).message).toBeUndefined();
    expect(safeError(raised).stack).toMatch(/^DatabaseError\n/);
  });

  it('keeps what a connection failure says, down to each address tried', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
    });
    const safe = safeError(new AggregateError([refused], ''));
    expect(safe.errors).toEqual([
      expect.objectContaining({
        message: 'connect ECONNREFUSED 127.0.0.1:5432',
        code: 'ECONNREFUSED',
        syscall: 'connect',
      }),
    ]);
    expect(errorReason(new AggregateError([refused], ''))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('follows causes, and says what anything else thrown was', () => {
    const wrapped = new Error('could not save', { cause: duplicateEmail() });
    expect(safeError(wrapped).cause).toMatchObject({ code: '23505', constraint: 'uq_contacts_email' });
    expect(JSON.stringify(safeError(wrapped))).not.toMatch(PERSONAL);
    expect(safeError('mail to angela.brooks@city.example.org refused')).toEqual({
      type: 'string',
      message: 'mail to [email] refused',
    });
    expect(safeError({ email: 'angela.brooks@city.example.org' })).toEqual({ type: 'object' });
  });

  it('gives a one-line reason with the code', () => {
    expect(errorReason(badUuid())).toBe('22P02: invalid input syntax for type uuid: "…"');
  });
});

describe('safeMessage and statementWithoutValues', () => {
  it('masks key values, quoted parts, addresses in angle brackets and emails', () => {
    expect(safeMessage('Key (lower(email))=(a@b.org) already exists.')).toBe('Key (lower(email))=(…) already exists.');
    expect(safeMessage('550 5.1.1 <a.b@c.org>: Recipient address rejected')).toBe(
      '550 5.1.1 <…>: Recipient address rejected',
    );
    expect(safeMessage('sent to someone@example.org today')).toBe('sent to [email] today');
  });

  it('replaces literals written into SQL, keeping placeholders', () => {
    expect(
      statementWithoutValues(`SELECT 1 FROM users\n  WHERE email = 'a@b.org' AND id = $1 AND note = 'it''s'`),
    ).toBe("SELECT 1 FROM users WHERE email = '…' AND id = $1 AND note = '…'");
    expect(statementWithoutValues("DO $body$ BEGIN RAISE 'x'; END $body$")).toBe('DO $$…$$');
  });
});

describe('the app logger', () => {
  /** The app's pino options writing to memory: what would reach the log. */
  function capture(): { lines: string[]; logger: ReturnType<typeof pinoHttp>['logger'] } {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const [options] = loggerOptions('info', 'json', stream).pinoHttp as [Options, Writable];
    return { lines, logger: pinoHttp(options, stream).logger };
  }

  it('writes errors under err and error through safeError', () => {
    const { lines, logger } = capture();
    logger.error({ err: duplicateEmail() }, 'request failed');
    logger.warn({ error: badUuid() }, 'lookup failed');
    logger.error(duplicateEmail(), 'thrown');
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toMatch(PERSONAL);
    const first = JSON.parse(lines[0]) as { err: Record<string, unknown> };
    expect(first.err).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'uq_contacts_email',
      statement: INSERT,
    });
    expect(JSON.parse(lines[1])).toMatchObject({ error: { code: '22P02' } });
    expect(JSON.parse(lines[2])).toMatchObject({ err: { code: '23505' } });
  });
});
