import { sessionApi, type AccessToken } from './session-api';

type Listener = (token: string | null) => void;

/**
 * The access token, in memory only. Refreshes are shared: the pages' concurrent requests that find the
 * token expired wait for one refresh instead of each rotating the refresh token (a second rotation of
 * the same token would be taken for a replay and close the session).
 */
class TokenStore {
  private token: string | null = null;
  private expiresAt = 0;
  private pending: Promise<string | null> | null = null;
  private readonly listeners = new Set<Listener>();

  get current(): string | null {
    return this.token;
  }

  /** True when the token is missing or expires within 30 s: refresh before sending. */
  get stale(): boolean {
    return !this.token || Date.now() > this.expiresAt - 30_000;
  }

  set(session: AccessToken | null): void {
    this.token = session?.accessToken ?? null;
    this.expiresAt = session ? Date.now() + session.expiresIn * 1000 : 0;
    for (const listener of this.listeners) listener(this.token);
  }

  /** Exchanges the cookie for a new access token; null when there is no (valid) session. */
  refresh(): Promise<string | null> {
    this.pending ??= sessionApi
      .refresh()
      .then((session) => {
        this.set(session);
        return session?.accessToken ?? null;
      })
      .catch(() => {
        this.set(null);
        return null;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const tokens = new TokenStore();
