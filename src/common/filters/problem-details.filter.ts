import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../database-errors';
import { DomainError, ErrorKind } from '../errors/domain-error';
import { errorReason } from '../logging/safe-error';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'rule-violated': 422,
  'too-many-requests': 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODES_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** Friendlier details for errors raised by the framework or body parser, not by our code. */
const FRAMEWORK_DETAILS: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'encoding.unsupported': 'The request body uses an unsupported encoding.',
  'charset.unsupported': 'The request body uses an unsupported charset.',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId?: string;
  [extension: string]: unknown;
}

/** The HTTP status of a domain error (decided here only; the public pages answer with the same). */
export function statusOf(error: DomainError): number {
  return STATUS_BY_KIND[error.kind];
}

function problemType(code: string): string {
  return `urn:tandem:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The one place where errors become HTTP: RFC 9457 problem details
 * (`application/problem+json`) for every failure, including ones Nest or Express raise.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const requestId = (request as Request & { id?: string }).id;
    // An unreachable database is a 503 from whichever route met it, never a 401 or a 500.
    const unavailable = isDatabaseUnavailable(thrown);
    const exception = unavailable ? new DatabaseUnavailableError() : thrown;
    const problem = this.toProblem(exception, request.path ?? request.url);
    if (requestId) problem.requestId = String(requestId);

    // `err` is written through safeError (logger.options.ts): codes and names, never values. An
    // outage fails every request the same way: one line each, without a stack.
    if (unavailable) this.logger.warn({ requestId, reason: errorReason(thrown) }, 'database unavailable');
    else if (problem.status >= 500) this.logger.error({ err: exception, requestId }, 'request failed');
    if (exception instanceof DomainError) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = statusOf(exception);
      return {
        type: problemType(exception.code),
        title: TITLES[status],
        status,
        detail: exception.message,
        instance,
        code: exception.code,
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Express and body-parser errors arrive wrapped, the original as `cause`.
      const frameworkDetail = FRAMEWORK_DETAILS[String((exception.cause as { type?: unknown } | undefined)?.type)];
      if (frameworkDetail) return this.generic(status, frameworkDetail, instance);
      const body = exception.getResponse();
      const bodyMessage = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message =
        typeof bodyMessage === 'string'
          ? bodyMessage
          : Array.isArray(bodyMessage)
            ? bodyMessage.join('; ')
            : exception.message;
      return this.generic(
        status,
        status === 404 && message.startsWith('Cannot ') ? 'No such route.' : message,
        instance,
      );
    }
    // Errors from Express middleware (body-parser, raw-body) carry a safe status and a type.
    const err = exception as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown };
    const status = Number(err?.status ?? err?.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      const detail = FRAMEWORK_DETAILS[String(err.type)] ?? TITLES[status] ?? 'The request was rejected.';
      return this.generic(status, detail, instance);
    }
    return this.generic(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'Something went wrong on our side. The error was logged; quote the request id when you report it.',
      instance,
    );
  }

  private generic(status: number, detail: string, instance: string): ProblemDetails {
    const code = CODES_BY_STATUS[status] ?? `HTTP_${status}`;
    return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, instance, code };
  }
}
