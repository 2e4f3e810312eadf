import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { RequestContext } from '../context/request-context';
import { ApiScope, Role } from './roles';

export const ACCESS_KEY = 'masks:access';

export type AccessRule =
  | { kind: 'public' }
  /** Any authenticated user; used for the caller's own profile and for operations scoped by data. */
  | { kind: 'authenticated' }
  | {
      kind: 'roles';
      roles: Role[];
      scopes: ApiScope[];
      /** When set, only for an organisation of one of these kinds (users and API keys alike). */
      organisationKinds?: readonly string[];
    };

/** Open to anyone, logged in or not. Must be said explicitly: the guard denies by default. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any logged-in user, whatever their roles. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule);

/**
 * Users holding one of these roles; API keys holding one of `scopes` (none by default). An operation
 * of one side of the market names the organisation kinds it is for (`organisationKinds`): a role such
 * as ORG_ADMIN, or a scope such as catalog:write, says nothing of the side, so without them the admin
 * (or a key) of a buyer would pass a supplier's gate.
 */
export const Allow = (
  roles: Role[],
  scopes: ApiScope[] = [],
  options: { organisationKinds?: readonly string[] } = {},
) =>
  SetMetadata(ACCESS_KEY, {
    kind: 'roles',
    roles,
    scopes,
    ...(options.organisationKinds ? { organisationKinds: options.organisationKinds } : {}),
  } satisfies AccessRule);

export type RequestWithContext = Request & { ctx?: RequestContext };

export function requestOf(context: ExecutionContext): RequestWithContext {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithContext }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithContext>();
}

/** The request's context, under the id its log lines carry (pino-http's, from X-Request-Id or made). */
export function contextOf(req: RequestWithContext): RequestContext {
  req.ctx ??= new RequestContext(typeof req.id === 'string' ? req.id : undefined);
  return req.ctx;
}

/** Injects the RequestContext that the guard filled. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  contextOf(requestOf(context)),
);
