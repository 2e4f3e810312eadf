import { useCallback, useEffect, useMemo, useState } from 'react';
import { useClient, useQuery, type AnyVariables, type TypedDocumentNode } from 'urql';

export interface Connection<Node> {
  edges: { node: Node }[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

/**
 * A list read page by page with the API's cursors. Filters and sorts are variables (the server
 * applies them); changing one starts again from the first page. `loadMore` appends the next page.
 */
export function usePagedQuery<Data, Variables extends AnyVariables & { after?: string | null }, Node>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'after'>,
  select: (data: Data) => Connection<Node>,
  options: { pause?: boolean } = {},
) {
  const client = useClient();
  const key = JSON.stringify(variables);
  const [cursors, setCursors] = useState<{ key: string; list: (string | null)[] }>({ key, list: [null] });
  const [pages, setPages] = useState<{ key: string; byCursor: Record<string, Node[]> }>({
    key,
    byCursor: {},
  });
  const list = useMemo(() => (cursors.key === key ? cursors.list : [null]), [cursors, key]);
  const after = list[list.length - 1];
  const [result, reexecute] = useQuery({
    query,
    variables: { ...variables, after } as unknown as Variables,
    pause: options.pause,
  });
  const connection = result.data ? select(result.data) : null;

  useEffect(() => {
    if (!connection || result.stale) return;
    const nodes = connection.edges.map((edge) => edge.node);
    setPages((current) => ({
      key,
      byCursor: { ...(current.key === key ? current.byCursor : {}), [after ?? '']: nodes },
    }));
  }, [connection, result.stale, key, after]);

  const rows = useMemo(
    () => (pages.key === key ? list.flatMap((cursor) => pages.byCursor[cursor ?? ''] ?? []) : []),
    [pages, key, list],
  );
  const loadMore = useCallback(() => {
    const next = connection?.pageInfo.endCursor;
    if (next) setCursors({ key, list: [...list, next] });
  }, [connection, key, list]);
  /** Reads everything again from the first page (after an action changed the list). */
  const refresh = useCallback(() => {
    setCursors({ key, list: [null] });
    setPages({ key, byCursor: {} });
    reexecute({ requestPolicy: 'network-only' });
  }, [key, reexecute]);

  /**
   * Every row the filters select, read page by page (100 at a time, the API's maximum) for a full
   * export; `onProgress` hears how many are read so far.
   */
  const fetchAll = useCallback(
    async (onProgress: (read: number) => void): Promise<Node[]> => {
      const all: Node[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await client
          .query(query, { ...variables, first: 100, after } as unknown as Variables, {
            requestPolicy: 'network-only',
          })
          .toPromise();
        if (page.error || !page.data) throw page.error ?? new Error('No data');
        const connection = select(page.data);
        all.push(...connection.edges.map((edge) => edge.node));
        onProgress(all.length);
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return all;
        after = connection.pageInfo.endCursor;
      }
    },
    // `variables` and `select` are new objects at each render; `key` says when the filters changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, query, key],
  );

  return {
    rows,
    fetchAll,
    fetching: result.fetching,
    error: result.error,
    hasNextPage: connection?.pageInfo.hasNextPage ?? false,
    loadMore,
    refresh,
  };
}
