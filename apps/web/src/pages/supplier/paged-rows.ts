import type { CombinedError } from 'urql';

/** A usePagedQuery result as DataTable's props: the rows so far, their state and "show more". */
export function pagedRows<Row>(list: {
  rows: Row[];
  fetching: boolean;
  error?: CombinedError;
  hasNextPage: boolean;
  loadMore: () => void;
}) {
  const { rows, fetching, error, hasNextPage, loadMore } = list;
  return { rows, fetching, error, hasNextPage, onLoadMore: loadMore };
}
