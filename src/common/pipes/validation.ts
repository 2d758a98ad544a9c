import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from '../errors/domain-error';

const MAX_REPORTED_ERRORS = 50;

/** Flattens class-validator's nested errors into `{ field: "a.b.0.c", message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // One message per field: the last constraint is the topmost decorator, the most basic
    // one ("must be an array" rather than "each value must match …").
    const [constraint, message] = Object.entries(error.constraints ?? {}).at(-1) ?? [];
    if (constraint && message) {
      out.push({
        field,
        message:
          constraint === 'whitelistValidation'
            ? 'is not an allowed field'
            : message.startsWith(`${error.property} `)
              ? message.slice(error.property.length + 1)
              : message,
      });
    }
    if (error.children?.length) {
      out.push(...flattenValidationErrors(error.children, field));
    }
  }
  return out.slice(0, MAX_REPORTED_ERRORS);
}

/** The one global ValidationPipe: unknown fields are errors, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
