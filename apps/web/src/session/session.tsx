import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { OrganisationKind, Role, ViewerQuery } from '../gql/graphql';
import { graphqlClient } from './client';
import { sessionApi, type AccessToken } from './session-api';
import { tokens } from './token-store';

const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      roles
      filiereCode
      user {
        id
        email
        fullName
      }
      organisation {
        id
        name
        kinds
        departmentCode
        regionCode
      }
    }
  }
`);

export type Viewer = ViewerQuery['me'];

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; viewer: Viewer };

interface SessionValue {
  state: SessionState;
  viewer: Viewer | null;
  login(email: string, password: string): Promise<void>;
  /** Takes over a session opened by GraphQL (sign-up, accepted invitation). */
  adopt(refreshToken: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function readViewer(): Promise<Viewer | null> {
  const result = await graphqlClient.query(ViewerDocument, {}, { requestPolicy: 'network-only' }).toPromise();
  return result.data?.me ?? null;
}

/** Restores the session from the refresh cookie at load, and keeps who is signed in. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const open = useCallback(async (session: AccessToken) => {
    tokens.set(session);
    const viewer = await readViewer();
    setState(viewer ? { status: 'signed-in', viewer } : { status: 'anonymous' });
  }, []);

  useEffect(() => {
    void tokens.refresh().then(async (token) => {
      const viewer = token ? await readViewer() : null;
      setState(viewer ? { status: 'signed-in', viewer } : { status: 'anonymous' });
    });
    // A refresh refused later (revoked elsewhere, expired) ends the session in this tab too.
    return tokens.subscribe((token) => {
      if (!token) setState((current) => (current.status === 'signed-in' ? { status: 'anonymous' } : current));
    });
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      state,
      viewer: state.status === 'signed-in' ? state.viewer : null,
      login: async (email, password) => open(await sessionApi.login(email, password)),
      adopt: async (refreshToken) => open(await sessionApi.adopt(refreshToken)),
      logout: async () => {
        await sessionApi.logout().catch(() => undefined);
        tokens.set(null);
        setState({ status: 'anonymous' });
      },
    }),
    [state, open],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Who may open a page: any of `roles`, and when given, an organisation of one of `kinds`. */
export interface AccessRule {
  roles: Role[];
  kinds?: OrganisationKind[];
}

export function allows(viewer: Viewer | null, rule: AccessRule): boolean {
  if (!viewer) return false;
  const roleOk = rule.roles.some((role) => viewer.roles.includes(role));
  const kindOk = !rule.kinds || rule.kinds.some((kind) => (viewer.organisation?.kinds ?? []).includes(kind));
  return roleOk && kindOk;
}
