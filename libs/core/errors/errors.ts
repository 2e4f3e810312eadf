/**
 * Typed errors the API reports in GraphQL `extensions.code`. Pure: domain code throws them without
 * knowing about GraphQL; the exception filter turns them into responses.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  /** A request body over the limit (HTTP 413), refused before anything reads it. */
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The figures a refusal's sentence uses (`{ minimumOrderQuantity: 1000 }`), for a client to word it. */
export type RefusalArgs = Record<string, string | number>;

/** Why a value was refused, as data: a stable code (SCREAMING_SNAKE) and its figures. */
export interface Refusal {
  reason: string;
  args?: RefusalArgs;
}

/** A refused field: its path in the input, the English sentence, and why as data. */
export interface FieldRefusal extends Refusal {
  field: string;
  message: string;
}

/**
 * A refusal of the caller's input. Details may name the refused field with its `reason` and `args`
 * (`{ field, reason, args }`), list several (`problems`: field refusals) or give `refusals` (field
 * refusals beside details of another shape). Whatever the shape, every field refusal with a reason is
 * also reported as the validation pipe reports its own: `fields` (path → English sentences) and
 * `reasons` (path → { reason, args }, in the same order), so a client reads one shape for all.
 */
export class BadInputError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('BAD_USER_INPUT', message, withFieldReasons(message, details));
  }
}

function isFieldRefusal(value: unknown): value is FieldRefusal {
  const candidate = value as Partial<FieldRefusal> | null;
  return (
    typeof candidate?.field === 'string' &&
    typeof candidate.message === 'string' &&
    typeof candidate.reason === 'string'
  );
}

function withFieldReasons(
  message: string,
  details: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!details || details.fields) return details;
  const { refusals, ...rest } = details;
  const found: FieldRefusal[] = [];
  const single = { ...rest, message };
  if (isFieldRefusal(single)) found.push(single);
  for (const list of [rest.problems, refusals])
    if (Array.isArray(list)) found.push(...list.filter(isFieldRefusal));
  if (!found.length) return rest;
  const fields: Record<string, string[]> = {};
  const reasons: Record<string, Refusal[]> = {};
  for (const { field, message: sentence, reason, args } of found) {
    (fields[field] ??= []).push(sentence);
    (reasons[field] ??= []).push(args ? { reason, args } : { reason });
  }
  return { ...rest, fields, reasons };
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message);
  }
}

/** Also used for another tenant's objects, so their existence is never revealed. */
export class NotFoundError extends AppError {
  constructor(entity: string, id?: string) {
    super('NOT_FOUND', id ? `${entity} ${id} not found` : `${entity} not found`, { entity });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONFLICT', message, details);
  }
}
