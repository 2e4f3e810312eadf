import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  organisationId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes the audit entry in the caller's transaction: no entry without the change, and vice versa. */
export function audit(manager: EntityManager, ctx: RequestContext, record: AuditRecord): Promise<void> {
  return auditAll(manager, ctx, [record]);
}

/** Several entries by one caller (a batch of changes) in one statement. */
export async function auditAll(
  manager: EntityManager,
  ctx: RequestContext,
  records: readonly AuditRecord[],
): Promise<void> {
  if (!records.length) return;
  const principal = ctx.principal;
  const json = (value: Record<string, unknown> | null | undefined) => (value ? JSON.stringify(value) : null);
  await manager.query(
    `INSERT INTO audit_entry (action, entity_type, entity_id, organisation_id, before, after, actor_user_id, actor_organisation_id, actor_api_key_id, request_id)
     SELECT e.*, $7::uuid, $8::uuid, $9::uuid, $10::text
     FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[]) AS e`,
    [
      records.map((record) => record.action),
      records.map((record) => record.entityType),
      records.map((record) => record.entityId),
      records.map((record) => record.organisationId ?? null),
      records.map((record) => json(record.before)),
      records.map((record) => json(record.after)),
      principal?.userId ?? null,
      principal?.organisationId ?? null,
      principal?.apiKeyId ?? null,
      ctx.requestId,
    ],
  );
}
