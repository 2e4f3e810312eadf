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
  | { kind: 'roles'; roles: Role[]; scopes: ApiScope[] };

/** Open to anyone, logged in or not. Must be said explicitly: the guard denies by default. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any logged-in user, whatever their roles. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule);

/** Users holding one of these roles; API keys holding one of `scopes` (none by default). */
export const Allow = (roles: Role[], scopes: ApiScope[] = []) =>
  SetMetadata(ACCESS_KEY, { kind: 'roles', roles, scopes } satisfies AccessRule);

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
