import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AuditEntry, Ctx, RequestContext } from '@masks/core';
import { AuditEntryModel } from './models/audit-entry.model';
import { Organisation } from './organisation.entity';
import { ApiKey, User } from './user.entity';

/** Names beside the log's ids, so a reader sees who acted and for whom (one query per page and kind). */
@Resolver(() => AuditEntryModel)
export class AuditEntryResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => String, {
    nullable: true,
    description: "The person's name, or the API key's label; null for the platform's own jobs",
  })
  actorName(@Ctx() ctx: RequestContext, @Parent() entry: AuditEntry): Promise<string | null> {
    if (entry.actorApiKeyId) return this.nameOf(ctx, ApiKey, 'name', entry.actorApiKeyId);
    if (entry.actorUserId) return this.nameOf(ctx, User, 'fullName', entry.actorUserId);
    return Promise.resolve(null);
  }

  @ResolveField(() => String, { nullable: true })
  organisationName(@Ctx() ctx: RequestContext, @Parent() entry: AuditEntry): Promise<string | null> {
    return entry.organisationId
      ? this.nameOf(ctx, Organisation, 'name', entry.organisationId)
      : Promise.resolve(null);
  }

  private nameOf<T extends { id: string }>(
    ctx: RequestContext,
    entity: new () => T,
    column: keyof T & string,
    id: string,
  ): Promise<string | null> {
    return ctx
      .loader<string, string | null>(`audit.${entity.name}.${column}`, async (ids) => {
        const rows: { id: string; name: string }[] = await this.dataSource
          .getRepository(entity)
          .createQueryBuilder('e')
          .select('e.id', 'id')
          .addSelect(`e.${column}`, 'name')
          .where('e.id = ANY(:ids)', { ids: [...ids] })
          .getRawMany();
        const names = new Map(rows.map((row) => [row.id, row.name]));
        return ids.map((key) => names.get(key) ?? null);
      })
      .load(id);
  }
}
