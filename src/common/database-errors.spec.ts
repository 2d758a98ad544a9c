import { DatabaseError } from 'pg';
import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

function pgError(message: string, code: string): DatabaseError {
  return Object.assign(new DatabaseError(message, 100, 'error'), { code, severity: 'FATAL' });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      'every address refused',
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''),
    ],
    ['a database closed to connections', pgError('database "tandem" is not currently accepting connections', '55000')],
    [
      'an administrator shutdown mid-query',
      new QueryFailedError('SELECT 1', [], pgError('terminating connection due to administrator command', '57P01')),
    ],
    ['a server starting up', pgError('the database system is starting up', '57P03')],
    [
      'a connection that dropped',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
    ],
    ['a pool with no free connection', new Error('timeout exceeded when trying to connect')],
    [
      'a connect timeout',
      new Error('Connection terminated due to connection timeout', {
        cause: new Error('Connection terminated unexpectedly'),
      }),
    ],
    ['a closed data source', new CannotExecuteNotConnectedError()],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      new QueryFailedError('INSERT …', [], pgError('duplicate key value violates unique constraint "x"', '23505')),
    ],
    [
      'bad input',
      new QueryFailedError('SELECT $1::uuid', [], pgError('invalid input syntax for type uuid: "x"', '22P02')),
    ],
    [
      'a lock conflict of another kind',
      pgError('cannot ALTER TABLE "x" because it has pending trigger events', '55006'),
    ],
    ['anything else', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
