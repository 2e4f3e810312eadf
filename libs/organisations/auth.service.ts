import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  type CredentialVerifier,
  type Principal,
  type PurposeToken,
  RequestContext,
  Role,
  UnauthenticatedError,
  audit,
} from '@masks/core';
import { ApiKey, Membership, RefreshToken, User } from './user.entity';
import type { Session } from './models/session.model';

interface AccessClaims {
  sub: string;
  mid: string;
  org: string;
  roles: Role[];
  fil?: string;
}

/** What a verified token holds besides its claims: an access token has no audience, a purpose token one. */
interface VerifiedClaims extends AccessClaims {
  exp: number;
  aud?: string | string[];
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Stands in for a user's hash when the e-mail is unknown, so both paths take the same time. */
const DUMMY_HASH = argon2.hash('not-a-real-password-0000');

@Injectable()
export class AuthService implements CredentialVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  verifyPassword(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  async login(
    ctx: RequestContext,
    email: string,
    password: string,
    organisationId?: string,
  ): Promise<Session> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await this.verifyPassword(user?.passwordHash ?? (await DUMMY_HASH), password);
    if (!user || !ok) throw new UnauthenticatedError('Wrong e-mail or password');
    const memberships = await this.dataSource.getRepository(Membership).find({
      where: { userId: user.id, ...(organisationId ? { organisationId } : {}) },
      order: { createdAt: 'ASC' },
      take: 1,
    });
    if (!memberships.length)
      throw new UnauthenticatedError('This person is not a member of that organisation');
    return this.dataSource.transaction(async (manager) => {
      const session = await this.openSession(manager, memberships[0], randomUUID());
      await audit(manager, new RequestContext(ctx.requestId, this.principalOf(memberships[0])), {
        action: 'session.opened',
        entityType: 'user',
        entityId: user.id,
        organisationId: memberships[0].organisationId,
      });
      return session;
    });
  }

  /** Issues an access token and a new refresh token in `familyId` (one family per login). */
  async openSession(manager: EntityManager, membership: Membership, familyId: string): Promise<Session> {
    const refreshToken = randomToken();
    await manager.insert(RefreshToken, {
      tokenHash: sha256(refreshToken),
      familyId,
      membershipId: membership.id,
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    const claims: AccessClaims = {
      sub: membership.userId,
      mid: membership.id,
      org: membership.organisationId,
      roles: membership.roles,
      ...(membership.filiereCode ? { fil: membership.filiereCode } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds, membership };
  }

  /**
   * Rotates a refresh token. The row is locked so two concurrent uses of one token cannot both
   * succeed; a token already rotated or revoked revokes its whole family (it was stolen or replayed).
   * Roles are re-read from the membership, so a changed role takes effect at the next refresh.
   */
  async refresh(token: string): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(token) })
        .getOne();
      if (!row || row.expiresAt.getTime() < Date.now())
        return { error: 'This session has expired: log in again' };
      if (row.rotatedAt || row.revokedAt) {
        await manager.query(
          `UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
          [row.familyId],
        );
        return { error: 'This refresh token was already used: every session of this login is now closed' };
      }
      const membership = await manager.findOneBy(Membership, { id: row.membershipId });
      if (!membership) return { error: 'This membership no longer exists' };
      await manager.update(RefreshToken, { id: row.id }, { rotatedAt: new Date() });
      return { session: await this.openSession(manager, membership, row.familyId) };
    });
    if ('error' in outcome) throw new UnauthenticatedError(outcome.error);
    return outcome.session;
  }

  /** Ends the login the token belongs to (its whole family). */
  async revoke(token: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE refresh_token SET revoked_at = now()
       WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1) AND revoked_at IS NULL`,
      [sha256(token)],
    );
    return Number(affected) > 0;
  }

  /** Ends every login of the caller (all devices). */
  async revokeAllOf(ctx: RequestContext): Promise<number> {
    const [, affected] = await this.dataSource.query(
      `UPDATE refresh_token SET revoked_at = now()
       WHERE revoked_at IS NULL AND membership_id IN (SELECT id FROM membership WHERE user_id = $1)`,
      [ctx.userId],
    );
    return Number(affected);
  }

  principalOf(membership: Membership): Principal {
    return {
      kind: 'user',
      userId: membership.userId,
      membershipId: membership.id,
      organisationId: membership.organisationId,
      roles: membership.roles,
      filiereId: membership.filiereCode ?? undefined,
      scopes: [],
    };
  }

  /**
   * No database read per request: an access token is trusted until it expires. Revoking a login
   * (logout, refresh-token reuse, "sign out everywhere") revokes its refresh tokens, so it stops
   * working at most ACCESS_TOKEN_TTL_SECONDS later (15 minutes by default; lower it for a tighter bound).
   * A purpose token (it has an audience) is not an access token and is refused here.
   */
  async verifyAccessToken(token: string): Promise<Principal> {
    return this.principalFromClaims(await this.accessClaims(token));
  }

  async issuePurposeToken(accessToken: string, purpose: string, maxSeconds: number): Promise<PurposeToken> {
    const claims = await this.accessClaims(accessToken);
    const expiresInSeconds = Math.min(maxSeconds, claims.exp - Math.floor(Date.now() / 1000));
    if (expiresInSeconds <= 0) throw new UnauthenticatedError('Invalid or expired access token');
    const purposeClaims: AccessClaims = {
      sub: claims.sub,
      mid: claims.mid,
      org: claims.org,
      roles: claims.roles,
      ...(claims.fil ? { fil: claims.fil } : {}),
    };
    const token = await this.jwt.signAsync(purposeClaims, { audience: purpose, expiresIn: expiresInSeconds });
    return { token, expiresInSeconds };
  }

  async verifyPurposeToken(token: string, purpose: string): Promise<Principal> {
    let claims: VerifiedClaims;
    try {
      claims = await this.jwt.verifyAsync<VerifiedClaims>(token, { audience: purpose });
    } catch {
      throw new UnauthenticatedError('Invalid or expired token');
    }
    // jsonwebtoken accepts a token whose audience list merely includes `purpose`: only that one is valid.
    if (claims.aud !== purpose) throw new UnauthenticatedError('Invalid or expired token');
    return this.principalFromClaims(claims);
  }

  private async accessClaims(token: string): Promise<VerifiedClaims> {
    let claims: VerifiedClaims;
    try {
      claims = await this.jwt.verifyAsync<VerifiedClaims>(token);
    } catch {
      throw new UnauthenticatedError('Invalid or expired access token');
    }
    if (claims.aud !== undefined) throw new UnauthenticatedError('Invalid or expired access token');
    return claims;
  }

  private principalFromClaims(claims: AccessClaims): Principal {
    return {
      kind: 'user',
      userId: claims.sub,
      membershipId: claims.mid,
      organisationId: claims.org,
      roles: claims.roles,
      filiereId: claims.fil,
      scopes: [],
    };
  }

  /** Keys look like `mk_<prefix>_<secret>`; the prefix finds the row, the secret's hash is compared. */
  async verifyApiKey(key: string): Promise<Principal> {
    const match = /^mk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
    const row = match ? await this.dataSource.getRepository(ApiKey).findOneBy({ prefix: match[1] }) : null;
    const expected = row ? Buffer.from(row.secretHash, 'hex') : Buffer.alloc(32);
    const actual = Buffer.from(sha256(match?.[2] ?? ''), 'hex');
    if (!row || !timingSafeEqual(expected, actual) || row.revokedAt) {
      throw new UnauthenticatedError('Invalid or revoked API key');
    }
    return {
      kind: 'api-key',
      apiKeyId: row.id,
      organisationId: row.organisationId,
      roles: [],
      scopes: row.scopes,
    };
  }
}
