import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { ACCESS_KEY, type AccessRule, contextOf, requestOf } from './access.decorators';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from './credentials';
import { ORGANISATION_KINDS, type OrganisationKindsReader } from './organisation-kinds';

/**
 * The global guard. Deny by default: a handler without an access rule is refused to everyone, so a
 * forgotten decorator fails closed (Vendure's resolvers without permission metadata were public).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_VERIFIER) private readonly credentials: CredentialVerifier,
    @Inject(ORGANISATION_KINDS) private readonly organisationKinds: OrganisationKindsReader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = requestOf(context);
    const ctx = contextOf(req);
    if (!ctx.principal) {
      const authorization = req.headers.authorization;
      const apiKey = req.headers['x-api-key'];
      if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
        ctx.principal = await this.credentials.verifyAccessToken(authorization.slice(7).trim());
      } else if (typeof apiKey === 'string' && apiKey) {
        ctx.principal = await this.credentials.verifyApiKey(apiKey);
      }
    }
    if (!rule) throw new ForbiddenError('This operation is not open to anyone');
    if (rule.kind === 'public') return true;
    const principal = ctx.principal;
    if (!principal) throw new UnauthenticatedError();
    if (rule.kind === 'authenticated') {
      if (principal.kind !== 'user') throw new ForbiddenError('This operation needs a user, not an API key');
      return true;
    }
    const allowed =
      principal.kind === 'user'
        ? principal.roles.some((role) => rule.roles.includes(role))
        : principal.scopes.some((scope) => rule.scopes.includes(scope));
    if (!allowed) throw new ForbiddenError();
    if (rule.organisationKinds) {
      const kinds = await this.organisationKinds.kindsOf(principal.organisationId);
      if (!kinds.some((kind) => rule.organisationKinds?.includes(kind))) {
        throw new ForbiddenError(
          `This operation is for organisations of kind ${rule.organisationKinds.join(', ')}`,
        );
      }
    }
    return true;
  }
}
