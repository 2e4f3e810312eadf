import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError } from './errors';

/**
 * Flattens class-validator's tree into `path → messages` (`lines.0.quantity`), so a client can show
 * each message next to the field it concerns.
 */
export function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    Object.assign(fields, fieldErrors(error.children ?? [], path));
  }
  return fields;
}

/** The API's input validation: unknown properties refused, and every error typed with its fields. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      const messages = Object.values(fields).flat();
      return new BadInputError(messages.join('; '), { validationErrors: messages, fields });
    },
  });
}
