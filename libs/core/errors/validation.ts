import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, type ValidationError } from 'class-validator';
import { BadInputError } from './errors';

/** A broken rule as data (`min` with `[1]`), so a client can word it in its reader's language. */
export interface BrokenRule {
  rule: string;
  /** The rule's plain arguments (bounds, lengths, allowed values); patterns and enums are left out. */
  args: (string | number)[];
}

/**
 * Flattens class-validator's tree into `path → messages` (`lines.0.quantity`) and `path → rules`, so a
 * client can show each problem next to the field it concerns.
 */
export function fieldErrors(
  errors: ValidationError[],
  parent = '',
  found: { fields: Record<string, string[]>; rules: Record<string, BrokenRule[]> } = {
    fields: {},
    rules: {},
  },
): { fields: Record<string, string[]>; rules: Record<string, BrokenRule[]> } {
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      found.fields[path] = Object.values(error.constraints);
      found.rules[path] = brokenRules(error, error.constraints);
    }
    fieldErrors(error.children ?? [], path, found);
  }
  return found;
}

function brokenRules(error: ValidationError, constraints: Record<string, string>): BrokenRule[] {
  const declared = error.target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(error.target.constructor, '', true, false)
        .filter((metadata) => metadata.propertyName === error.property)
    : [];
  return Object.keys(constraints).map((rule) => {
    const args: unknown[] =
      declared.find((metadata) => (metadata.name ?? metadata.type) === rule)?.constraints ?? [];
    return {
      rule,
      args: args
        .flat()
        .filter((arg): arg is string | number => typeof arg === 'string' || typeof arg === 'number'),
    };
  });
}

/** The API's input validation: unknown properties refused, and every error typed with its fields. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const { fields, rules } = fieldErrors(errors);
      const messages = Object.values(fields).flat();
      return new BadInputError(messages.join('; '), { validationErrors: messages, fields, rules });
    },
  });
}
