/**
 * The console's session calls (REST, see WebSessionController): the refresh token stays in an httpOnly
 * cookie; the access token returned here is kept in memory only.
 */
export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call(path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`/auth/web/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-masks-console': '1' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const payload = (await response.json().catch(() => ({}))) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = payload.errors?.[0];
    throw new SessionError(
      error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      error?.message ?? response.statusText,
    );
  }
  return response;
}

export const sessionApi = {
  login: async (email: string, password: string): Promise<AccessToken> =>
    (await call('login', { email, password })).json() as Promise<AccessToken>,
  /** After sign-up or an accepted invitation: moves their session into the cookie. */
  adopt: async (refreshToken: string): Promise<AccessToken> =>
    (await call('adopt', { refreshToken })).json() as Promise<AccessToken>,
  /** Null when the browser holds no session. */
  refresh: async (): Promise<AccessToken | null> => {
    const response = await call('refresh');
    return response.status === 204 ? null : ((await response.json()) as AccessToken);
  },
  logout: async (): Promise<void> => {
    await call('logout');
  },
};
