import { useState } from 'react';
import { Anchor, Badge, Select, Stack, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { OrderSort, OrderStatus, OrdersListQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import type { OrderSide } from './order-page';

const OrdersListDocument = graphql(`
  query OrdersList(
    $first: Int
    $after: String
    $side: OrderSide
    $status: OrderStatus
    $sort: OrderSort!
    $placedFrom: DateTime
    $placedBefore: DateTime
  ) {
    orders(
      first: $first
      after: $after
      side: $side
      status: $status
      sort: $sort
      placedFrom: $placedFrom
      placedBefore: $placedBefore
    ) {
      edges {
        node {
          id
          number
          createdAt
          status
          paymentMethod
          totalCents
          supplier {
            id
            name
          }
          buyer {
            id
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

type OrderRow = OrdersListQuery['orders']['edges'][number]['node'];

const text = t.orders.list;
const STATUS_OPTIONS = Object.entries(t.orders.statuses).map(([value, label]) => ({ value, label }));
const SORT_OPTIONS = Object.entries(text.sorts).map(([value, label]) => ({ value, label }));
/** A date field's day, as the instant it starts in the browser's zone (what the buyer means by "since"). */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : null);

/** The caller's orders on one side of the market: filters and sort applied by the server, paged. */
export default function OrdersListPage({ side }: { side: OrderSide }) {
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [sort, setSort] = useState<OrderSort>('CREATED_AT');
  const [placedFrom, setPlacedFrom] = useState('');
  const [placedBefore, setPlacedBefore] = useState('');
  const list = usePagedQuery(
    OrdersListDocument,
    {
      // The API weighs a page by its size (at most 1,000): 20 orders with both parties fit.
      first: 20,
      side: side === 'buying' ? 'BUYING' : 'SELLING',
      status,
      sort,
      placedFrom: dayStart(placedFrom),
      placedBefore: dayStart(placedBefore),
    },
    (data) => data.orders,
  );
  const base = side === 'buying' ? '/achats/commandes' : '/ventes/commandes';
  const counterpart: Column<OrderRow> =
    side === 'buying'
      ? { key: 'party', header: text.supplier, render: (o) => o.supplier.name, csv: (o) => o.supplier.name }
      : { key: 'party', header: text.buyer, render: (o) => o.buyer.name, csv: (o) => o.buyer.name };
  const columns: Column<OrderRow>[] = [
    {
      key: 'number',
      header: text.number,
      render: (o) => (
        <Anchor component={Link} to={`${base}/${o.id}`} aria-label={text.open(o.number)}>
          {o.number}
        </Anchor>
      ),
      csv: (o) => o.number,
    },
    {
      key: 'date',
      header: text.date,
      render: (o) => format.dateTime(o.createdAt),
      csv: (o) => o.createdAt,
    },
    counterpart,
    {
      key: 'status',
      header: text.status,
      render: (o) => <Badge variant="outline">{t.orders.statuses[o.status]}</Badge>,
      csv: (o) => t.orders.statuses[o.status],
    },
    {
      key: 'payment',
      header: text.payment,
      render: (o) => t.orders.paymentMethods[o.paymentMethod],
      csv: (o) => t.orders.paymentMethods[o.paymentMethod],
    },
    {
      key: 'total',
      header: text.total,
      render: (o) => format.cents(o.totalCents),
      csv: (o) => (o.totalCents / 100).toFixed(2).replace('.', ','),
    },
  ];
  return (
    <Stack>
      <Title order={1}>{side === 'buying' ? text.buyingTitle : text.sellingTitle}</Title>
      <DataTable
        caption={side === 'buying' ? text.buyingCaption : text.sellingCaption}
        columns={columns}
        rows={list.rows}
        rowKey={(o) => o.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.exportFile}
        toolbar={
          <>
            <Select
              label={text.status}
              data={STATUS_OPTIONS}
              value={status}
              onChange={(value) => setStatus(value as OrderStatus | null)}
              clearable
              placeholder={t.common.table.all}
            />
            <Select
              label={text.sort}
              data={SORT_OPTIONS}
              value={sort}
              onChange={(value) => setSort((value as OrderSort | null) ?? 'CREATED_AT')}
              allowDeselect={false}
            />
            <TextInput
              type="date"
              label={text.placedFrom}
              value={placedFrom}
              onChange={(event) => setPlacedFrom(event.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={text.placedBefore}
              value={placedBefore}
              onChange={(event) => setPlacedBefore(event.currentTarget.value)}
            />
          </>
        }
      />
    </Stack>
  );
}
