import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';

const UnreadCountDocument = graphql(`
  query UnreadNotificationCount {
    myUnreadNotificationCount
  }
`);

/** How often the header re-reads the unread count while the page is open. */
const POLL_MS = 30_000;

/** The signed-in person's unread notifications, kept fresh while the tab is visible. */
export function useUnreadCount(enabled: boolean): { count: number; refresh: () => void } {
  const [result, reexecute] = useQuery({ query: UnreadCountDocument, pause: !enabled });
  useEffect(() => {
    if (!enabled) return;
    const refresh = () => {
      if (document.visibilityState === 'visible') reexecute({ requestPolicy: 'network-only' });
    };
    const timer = setInterval(refresh, POLL_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [enabled, reexecute]);
  return {
    count: result.data?.myUnreadNotificationCount ?? 0,
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
  };
}
