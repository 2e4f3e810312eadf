import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry, RequestContext, paginate, type Connection } from '@masks/core';
import type { AuditLogArgs } from './dto/organisation.inputs';

@Injectable()
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. An organisation admin reads its own organisation's entries; the DGE reads all. */
  read(ctx: RequestContext, args: AuditLogArgs): Promise<Connection<AuditEntry>> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    const organisationId = ctx.isDge ? args.organisationId : ctx.organisationId;
    if (organisationId) qb.andWhere('a.organisation_id = :org', { org: organisationId });
    if (args.action) qb.andWhere('a.action = :action', { action: args.action });
    if (args.entityType) qb.andWhere('a.entity_type = :type', { type: args.entityType });
    return paginate(qb, 'a.id', { column: 'a.id', value: (a) => a.id, direction: 'DESC' }, args);
  }
}
