import { CallHandler, ExecutionContext, NestInterceptor, Type } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { FieldError, ValidationFailedError } from '../errors/domain-error';
import { createValidationPipe } from '../pipes/validation';
import { isFormPost, setPostedBody } from './public-request';

/**
 * A public form's flat fields (urlencoded, no JavaScript) in the shape of the route's JSON body,
 * and the fields the form does not have, which are refused and never copied (so a posted
 * `__proto__` reaches no object).
 */
export type FormToBody = (form: Record<string, unknown>) => {
  input: Record<string, unknown>;
  unknownFields: string[];
};

const MAX_REPORTED_FIELDS = 20;
const MAX_FIELD_NAME = 60;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body a public POST's DTO is validated against: a JSON object as it came, a form post in
 * the JSON shape. ValidationFailedError for a body that is neither an object nor a form, or a
 * form with fields it does not have.
 */
export function publicBodyInput(body: unknown, isForm: boolean, formToBody: FormToBody): Record<string, unknown> {
  if (!isPlainObject(body))
    throw new ValidationFailedError([{ field: 'body', message: 'must be a JSON object or a form post' }]);
  if (!isForm) return body;
  const { input, unknownFields } = formToBody(body);
  if (unknownFields.length > 0) {
    throw new ValidationFailedError(
      unknownFields
        .slice(0, MAX_REPORTED_FIELDS)
        .map((field) => ({ field: field.slice(0, MAX_FIELD_NAME), message: 'is not an allowed field' })),
    );
  }
  return input;
}

/**
 * Lets a public POST take its HTML form and JSON through one DTO: before the global
 * ValidationPipe runs (interceptors come first), a form post's fields are put in the JSON shape,
 * so the DTO, the unknown-field rule and the pipe's NUL/unpaired-surrogate check apply to both
 * alike. The body as posted stays on the request, for PublicPageFilter to show the answers
 * again next to their errors. One instance per route: `@UseInterceptors(new PublicBodyInterceptor(…))`.
 */
export class PublicBodyInterceptor implements NestInterceptor {
  constructor(private readonly formToBody: FormToBody) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const posted = { body: request.body as unknown, isForm: isFormPost(request) };
    setPostedBody(request, posted);
    request.body = publicBodyInput(posted.body, posted.isForm, this.formToBody);
    return next.handle();
  }
}

/**
 * What a public POST does to a body, in one call: publicBodyInput, then the app's own
 * ValidationPipe against the route's DTO. The route runs the same two steps as
 * PublicBodyInterceptor and the global pipe; this is for checking a surface's rules without HTTP.
 */
export async function validatePublicBody<T extends object>(
  body: unknown,
  isForm: boolean,
  formToBody: FormToBody,
  metatype: Type<T>,
): Promise<{ dto: T } | { errors: FieldError[] }> {
  try {
    const input = publicBodyInput(body, isForm, formToBody);
    const dto = (await createValidationPipe().transform(input, { type: 'body', metatype, data: '' })) as T;
    return { dto };
  } catch (error) {
    if (error instanceof ValidationFailedError) return { errors: error.errors };
    throw error;
  }
}
