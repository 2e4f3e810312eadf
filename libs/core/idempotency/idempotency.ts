import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { BadInputError, ConflictError } from '../errors/errors';

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Client-chosen key (8–100 of A–Z a–z 0–9 _ -, e.g. a UUID): a retry with the same key and input returns the first result instead of creating again';

export interface IdempotentCall {
  key?: string | null;
  operation: string;
  /** The request's input: the same key with another input is refused. */
  input: unknown;
}

function scopeOf(ctx: RequestContext): string {
  const principal = ctx.principal;
  if (!principal) return 'anonymous';
  return principal.apiKeyId ? `api-key:${principal.apiKeyId}` : `user:${principal.userId}`;
}

/**
 * Runs `create` once per (caller, key), inside the caller's transaction. A retry with the same key
 * returns the first result through `load`. Two concurrent requests with one key: the second's insert
 * waits for the first transaction, then sees its row (or, if it rolled back, goes ahead itself).
 */
export async function once<T>(
  manager: EntityManager,
  ctx: RequestContext,
  call: IdempotentCall,
  create: () => Promise<{ id: string; value: T }>,
  load: (id: string) => Promise<T>,
): Promise<T> {
  if (!call.key) return (await create()).value;
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(call.key)) {
    throw new BadInputError('idempotencyKey must be 8 to 100 letters, digits, _ or -', {
      argument: 'idempotencyKey',
      reason: 'IDEMPOTENCY_KEY_MALFORMED',
    });
  }
  const scope = scopeOf(ctx);
  const hash = createHash('sha256')
    .update(JSON.stringify(call.input ?? null))
    .digest('hex');
  const inserted: unknown[] = await manager.query(
    `INSERT INTO idempotency_record (scope, key, operation, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING key`,
    [scope, call.key, call.operation, hash],
  );
  if (inserted.length) {
    const result = await create();
    await manager.query(`UPDATE idempotency_record SET result_id = $3 WHERE scope = $1 AND key = $2`, [
      scope,
      call.key,
      result.id,
    ]);
    return result.value;
  }
  const [previous]: { operation: string; request_hash: string; result_id: string }[] = await manager.query(
    `SELECT operation, request_hash, result_id FROM idempotency_record WHERE scope = $1 AND key = $2`,
    [scope, call.key],
  );
  if (previous.operation !== call.operation || previous.request_hash !== hash) {
    throw new ConflictError('This idempotency key was already used for a different request', {
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
  }
  return load(previous.result_id);
}
