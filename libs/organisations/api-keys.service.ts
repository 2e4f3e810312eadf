import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, RequestContext, audit, once } from '@masks/core';
import { ApiKey } from './user.entity';
import { randomToken, sha256 } from './auth.service';
import type { CreateApiKeyInput } from './dto/organisation.inputs';
import type { CreatedApiKey } from './models/session.model';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function prefix(): string {
  return [...randomBytes(12)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

@Injectable()
export class ApiKeysService {
  constructor(private readonly dataSource: DataSource) {}

  /** The secret is returned once and only its hash is kept; a retried request gets the key without it. */
  async create(
    ctx: RequestContext,
    input: CreateApiKeyInput,
    idempotencyKey?: string,
  ): Promise<CreatedApiKey> {
    return this.dataSource.transaction((manager) =>
      once<CreatedApiKey>(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'createApiKey', input },
        async () => {
          const secret = randomToken();
          const apiKey = await manager.save(
            manager.create(ApiKey, {
              organisationId: ctx.organisationId,
              name: input.name.trim(),
              prefix: prefix(),
              secretHash: sha256(secret),
              scopes: input.scopes,
              createdBy: ctx.userId,
            }),
          );
          await audit(manager, ctx, {
            action: 'api_key.created',
            entityType: 'api_key',
            entityId: apiKey.id,
            organisationId: apiKey.organisationId,
            after: { name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes },
          });
          return { id: apiKey.id, value: { apiKey, secret: `mk_${apiKey.prefix}_${secret}` } };
        },
        async (id) => ({ apiKey: await manager.findOneByOrFail(ApiKey, { id }), secret: null }),
      ),
    );
  }

  list(ctx: RequestContext): Promise<ApiKey[]> {
    return this.dataSource
      .getRepository(ApiKey)
      .find({ where: { organisationId: ctx.organisationId }, order: { createdAt: 'DESC' }, take: 200 });
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const apiKey = await manager.findOneBy(ApiKey, { id, organisationId: ctx.organisationId });
      if (!apiKey) throw new NotFoundError('API key', id);
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = new Date();
        await manager.save(apiKey);
        await audit(manager, ctx, {
          action: 'api_key.revoked',
          entityType: 'api_key',
          entityId: apiKey.id,
          organisationId: apiKey.organisationId,
          before: { revokedAt: null },
          after: { revokedAt: apiKey.revokedAt.toISOString() },
        });
      }
      return apiKey;
    });
  }
}
