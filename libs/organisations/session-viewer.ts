import { RequestContext, type Principal } from '@masks/core';
import type { Membership } from './user.entity';

/**
 * Who reads the fields under a membership. A membership handed out with a session (login, sign-up,
 * refresh, accepted invitation) is read by the person who just proved who they are, on a public
 * mutation where the request has no caller yet (or a caller who is someone else): its fields are
 * resolved as that person, so `session.membership.organisation` is their own organisation and never
 * another tenant's. Any other membership is read as the request's caller, scoped as usual.
 *
 * Keyed by the object itself: only the server creates the memberships a session carries, so a client
 * cannot make another membership read this way.
 */
const sessionViewers = new WeakMap<Membership, RequestContext>();

export function readAsSessionHolder(
  ctx: RequestContext,
  membership: Membership,
  principal: Principal,
): Membership {
  sessionViewers.set(membership, new RequestContext(ctx.requestId, principal));
  return membership;
}

export function viewerOf(ctx: RequestContext, membership: Membership): RequestContext {
  return sessionViewers.get(membership) ?? ctx;
}
