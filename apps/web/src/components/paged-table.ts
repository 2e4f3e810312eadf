/** The DataTable props of a list read with usePagedQuery: `<DataTable {...pagedRows(list)} … />`. */
export function pagedRows<Row, Error>(list: {
  rows: Row[];
  fetching: boolean;
  error: Error;
  hasNextPage: boolean;
  loadMore: () => void;
}) {
  return {
    rows: list.rows,
    fetching: list.fetching,
    error: list.error,
    hasNextPage: list.hasNextPage,
    onLoadMore: list.loadMore,
  };
}
