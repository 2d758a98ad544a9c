import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';
export const PROBLEM_SCHEMA_REF = { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` };

/** RFC 9457 problem details as every error of the API is answered. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:tandem:problem:validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request has an invalid field: email.' },
    instance: { type: 'string', example: '/api/v1/users' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'For validation failures: each offending field.',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    currentVersion: { type: 'integer', description: 'For stale-version conflicts.' },
  },
} as const;

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown fields, wrong types or values out of range (the fields are listed).',
  401: 'Credentials or token rejected.',
  403: 'Not allowed for this role.',
  404: 'No such record (unknown or malformed id).',
  409: 'Conflict: a stale version or a taken unique value.',
  410: 'No longer open (e.g. a closed check-in).',
  413: 'The request body is too large.',
  422: 'The request breaks a business rule.',
  429: 'Too many attempts; retry after the number of seconds in Retry-After.',
  503: 'A service this needs is unavailable.',
};

/** Documents the error responses a route can give, all as problem details. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA_REF } },
      }),
    ),
  );
