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
export async function audit(manager: EntityManager, ctx: RequestContext, record: AuditRecord): Promise<void> {
  const principal = ctx.principal;
  await manager.query(
    `INSERT INTO audit_entry (action, entity_type, entity_id, organisation_id, actor_user_id,
       actor_organisation_id, actor_api_key_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      record.action,
      record.entityType,
      record.entityId,
      record.organisationId ?? null,
      principal?.userId ?? null,
      principal?.organisationId ?? null,
      principal?.apiKeyId ?? null,
      record.before ? JSON.stringify(record.before) : null,
      record.after ? JSON.stringify(record.after) : null,
      ctx.requestId,
    ],
  );
}
