import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { StockMovementKind, StockMovementsQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { apiProblem, fieldError } from '../../components/errors';
import { usePagedQuery } from '../../components/paged-query';
import { pagedRows } from './paged-rows';
import { productName } from './products';

const OfferStockDocument = graphql(`
  query OfferStock($id: ID!) {
    offer(id: $id) {
      id
      externalRef
      product {
        id
        brand
        model
      }
      stock {
        onHand
        reserved
        available
      }
    }
  }
`);

const StockMovementsDocument = graphql(`
  query StockMovements($offerId: ID!, $first: Int, $after: String) {
    stockMovements(offerId: $offerId, first: $first, after: $after) {
      edges {
        node {
          id
          at
          kind
          onHandDelta
          reservedDelta
          reason
          reference
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const RecordStockMovementDocument = graphql(`
  mutation RecordStockMovement($input: StockMovementInput!) {
    recordStockMovement(input: $input) {
      onHand
      reserved
      available
    }
  }
`);

type Movement = StockMovementsQuery['stockMovements']['edges'][number]['node'];

const text = t.supplier.stock;
/** A supplier records goods in and corrections; reservations, releases and sales come from orders. */
const RECORDABLE: StockMovementKind[] = ['RECEIPT', 'ADJUSTMENT'];
const signed = (value: number) => (value > 0 ? `+${format.number(value)}` : format.number(value));

/** An offer's stock: levels, a movement to record, and the ledger (paged, exported as CSV). */
export default function OfferStockPage() {
  const { id = '' } = useParams();
  const [offer, refetchOffer] = useQuery({ query: OfferStockDocument, variables: { id } });
  const ledger = usePagedQuery(
    StockMovementsDocument,
    { offerId: id, first: 50 },
    (data) => data.stockMovements,
  );
  const [recorded, record] = useMutation(RecordStockMovementDocument);
  const [kind, setKind] = useState<StockMovementKind>('RECEIPT');
  const [quantity, setQuantity] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const problem = apiProblem(recorded.error);
  const loadProblem = apiProblem(offer.error);
  const current = offer.data?.offer;
  const levels = recorded.data?.recordStockMovement ?? current?.stock;

  const submit = async () => {
    if (quantity === '') return;
    const answer = await record({ input: { offerId: id, kind, quantity, reason: reason.trim() || null } });
    if (!answer.error) {
      notifications.show({ color: 'green', message: text.recorded });
      setQuantity('');
      setReason('');
      ledger.refresh();
      refetchOffer({ requestPolicy: 'network-only' });
    }
  };
  const columns: Column<Movement>[] = [
    { key: 'at', header: text.columns.at, render: (m) => format.dateTime(m.at), csv: (m) => m.at },
    {
      key: 'kind',
      header: text.columns.kind,
      render: (m) => text.kinds[m.kind],
      csv: (m) => text.kinds[m.kind],
    },
    {
      key: 'onHand',
      header: text.columns.onHand,
      render: (m) => signed(m.onHandDelta),
      csv: (m) => m.onHandDelta,
    },
    {
      key: 'reserved',
      header: text.columns.reserved,
      render: (m) => signed(m.reservedDelta),
      csv: (m) => m.reservedDelta,
    },
    { key: 'reason', header: text.columns.reason, render: (m) => m.reason ?? '–', csv: (m) => m.reason },
    {
      key: 'reference',
      header: text.columns.reference,
      render: (m) => {
        // An order's movements link to it; other references (an ERP batch) read as they are.
        const orderId = /^order:(.+)$/.exec(m.reference ?? '')?.[1];
        return orderId ? (
          <Anchor component={Link} to={`/ventes/commandes/${orderId}`}>
            {text.columns.theOrder}
          </Anchor>
        ) : (
          (m.reference ?? '–')
        );
      },
      csv: (m) => m.reference,
    },
  ];
  return (
    <Stack>
      <Anchor component={Link} to="/ventes/offres" w="fit-content">
        {text.back}
      </Anchor>
      <Title order={1}>{text.title(current ? productName(current.product) : '…')}</Title>
      {loadProblem && (
        <Alert color="red" role="alert">
          {loadProblem.message}
        </Alert>
      )}
      {levels && (
        <Text fw={500} aria-live="polite">
          {text.levels(
            format.number(levels.onHand),
            format.number(levels.reserved),
            format.number(levels.available),
          )}
        </Text>
      )}
      <Card withBorder>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h4">
              {text.recordTitle}
            </Title>
            {problem && !Object.keys(problem.fields).length && (
              <Alert color="red" role="alert">
                {problem.message}
              </Alert>
            )}
            <Group align="flex-start" grow>
              <Select
                label={text.kind}
                data={RECORDABLE.map((value) => ({ value, label: text.kinds[value] }))}
                value={kind}
                allowDeselect={false}
                onChange={(value) => value && setKind(value as StockMovementKind)}
              />
              <NumberInput
                label={text.quantity}
                description={text.quantityHint}
                required
                allowDecimal={false}
                allowNegative={kind === 'ADJUSTMENT'}
                thousandSeparator=" "
                value={quantity}
                onChange={(value) => setQuantity(typeof value === 'number' ? value : '')}
                error={fieldError(problem, 'quantity')}
              />
              <TextInput
                label={text.reason}
                description={text.reasonHint}
                required={kind === 'ADJUSTMENT'}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldError(problem, 'reason')}
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={recorded.fetching} disabled={quantity === ''}>
                {text.record}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <DataTable
        caption={text.ledgerCaption}
        columns={columns}
        {...pagedRows(ledger)}
        rowKey={(m) => m.id}
        exportName={text.exportFile}
      />
    </Stack>
  );
}
