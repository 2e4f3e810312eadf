import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import {
  APP_CONFIG,
  type AppConfig,
  Ctx,
  ForbiddenError,
  Public,
  readCookie,
  RequestContext,
} from '@masks/core';
import { AuthService } from './auth.service';
import { LoginInput } from './dto/organisation.inputs';
import type { Session } from './models/session.model';

export const WEB_SESSION_PATH = '/auth/web';
/** The console's refresh token: httpOnly (no script reads it), sent to WEB_SESSION_PATH only. */
export const WEB_REFRESH_COOKIE = 'masks_refresh';
/** The header every console session call carries; a cross-site form cannot send a custom header. */
export const WEB_CSRF_HEADER = 'x-masks-console';

class AdoptSessionBody {
  @IsString()
  @Length(16, 200)
  refreshToken: string;
}

/** What the console keeps in memory: never the refresh token. */
interface WebSession {
  accessToken: string;
  expiresIn: number;
}

/**
 * Browser sessions for the web console. The access token lives in the page's memory only; the refresh
 * token in an httpOnly, SameSite=Strict cookie (Secure in production) scoped to these routes, so a
 * reload or a new tab restores the session with POST /auth/web/refresh and no script can steal it.
 *
 * CSRF: every route requires the `x-masks-console` header, which a cross-site form or image cannot
 * send and a cross-site script could only send after a CORS preflight this API never grants; the
 * cookie is SameSite=Strict besides; and when the browser names the page's origin, it must be this host.
 */
@Controller(WEB_SESSION_PATH)
@Public()
export class WebSessionController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @Ctx() ctx: RequestContext,
    @Body() body: LoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebSession> {
    checkSameOrigin(req);
    return this.keep(res, await this.auth.login(ctx, body.email, body.password, body.organisationId));
  }

  /** Moves a session opened by GraphQL (sign-up, accepted invitation) into the cookie, rotating it. */
  @Post('adopt')
  @HttpCode(200)
  async adopt(
    @Body() body: AdoptSessionBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebSession> {
    checkSameOrigin(req);
    return this.keep(res, await this.auth.refresh(body.refreshToken));
  }

  /** 200 with a new access token; 204 when the browser holds no session (a visitor, not an error). */
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebSession | undefined> {
    checkSameOrigin(req);
    const token = readCookie(req.headers.cookie, WEB_REFRESH_COOKIE);
    if (!token) {
      res.status(204);
      return undefined;
    }
    try {
      return this.keep(res, await this.auth.refresh(token));
    } catch (error) {
      // A refused token (expired, revoked, replayed) is useless: the browser forgets it.
      res.clearCookie(WEB_REFRESH_COOKIE, this.cookieOptions());
      throw error;
    }
  }

  /** Logs out: revokes the login (every token rotated from it) and clears the cookie. */
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    checkSameOrigin(req);
    const token = readCookie(req.headers.cookie, WEB_REFRESH_COOKIE);
    if (token) await this.auth.revoke(token);
    res.clearCookie(WEB_REFRESH_COOKIE, this.cookieOptions());
  }

  private keep(res: Response, session: Session): WebSession {
    res.set('Cache-Control', 'no-store');
    res.cookie(WEB_REFRESH_COOKIE, session.refreshToken, {
      ...this.cookieOptions(),
      maxAge: this.config.refreshTokenTtlSeconds * 1000,
    });
    return { accessToken: session.accessToken, expiresIn: session.expiresIn };
  }

  private cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: this.config.production,
      path: WEB_SESSION_PATH,
    };
  }
}

function checkSameOrigin(req: Request): void {
  if (req.headers[WEB_CSRF_HEADER] !== '1')
    throw new ForbiddenError(`Console session calls carry the ${WEB_CSRF_HEADER}: 1 header`);
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.headers.host) throw new ForbiddenError('Cross-site request refused');
  }
}
