import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConflictError, StaleVersionError, ValidationFailedError } from '../errors/domain-error';
import { ProblemDetailsFilter } from './problem-details.filter';

describe(ProblemDetailsFilter.name, () => {
  const filter = new ProblemDetailsFilter();

  it('maps a domain error to its status with code and extensions', () => {
    expect(filter.toProblem(new StaleVersionError('user', 3), '/api/v1/users/1')).toMatchObject({
      type: 'urn:tandem:problem:stale-version',
      title: 'Conflict',
      status: 409,
      code: 'STALE_VERSION',
      currentVersion: 3,
      instance: '/api/v1/users/1',
    });
    expect(filter.toProblem(new ConflictError('X_TAKEN', 'taken'), '/').status).toBe(409);
  });

  it('lists the fields of a validation failure', () => {
    const problem = filter.toProblem(
      new ValidationFailedError([{ field: 'email', message: 'must be an email address' }]),
      '/',
    );
    expect(problem).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'email', message: 'must be an email address' }],
    });
    expect(problem.detail).toBe('The request has an invalid field: email.');
  });

  it('turns an unmatched route into a plain 404', () => {
    expect(filter.toProblem(new NotFoundException('Cannot GET /x'), '/x')).toMatchObject({
      status: 404,
      detail: 'No such route.',
    });
  });

  it('explains a body-parser failure without leaking its message', () => {
    const cause = Object.assign(new SyntaxError('Unexpected token } at position 9'), { type: 'entity.parse.failed' });
    expect(filter.toProblem(new BadRequestException('Unexpected token', { cause }), '/').detail).toBe(
      'The request body is not valid JSON.',
    );
  });

  it('answers unknown errors with a generic 500 that hides the message', () => {
    const problem = filter.toProblem(new Error('connection to 10.0.0.5 refused, password=…'), '/');
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('10.0.0.5');
  });
});
