import { useState } from 'react';
import { Alert, Button, Card, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { OrderStatus } from '../../gql/graphql';
import { t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { useSession } from '../../session/session';
import { canBuy } from '../buyer/access';
import { CancelOrderForm } from './cancel-order';
import { lotList, type OrderDetail } from './order-document';
import { PayOrder, paysInBrowser } from './pay-order';

const AcknowledgeReceiptDocument = graphql(`
  mutation AcknowledgeReceipt($id: ID!, $input: AcknowledgeReceiptInput!) {
    acknowledgeReceipt(id: $id, input: $input) {
      ...OrderDetail
    }
  }
`);

const text = t.orders.buyerActions;
/** The API's rule (orders/domain/order.states.ts): the buyer cancels until payment, until shipment when at risk. */
const BUYER_CANCELS: OrderStatus[] = ['PLACED', 'AWAITING_PAYMENT', 'INVOICED', 'PAID'];

/** What the buyer may do next on its order: pay by card or SEPA, acknowledge receipt once shipped, cancel while allowed. */
export function BuyerOrderActions({ order }: { order: OrderDetail }) {
  const { viewer } = useSession();
  if (!canBuy(viewer)) return null;
  const receivable = order.status === 'SHIPPED' || order.status === 'DELIVERED';
  const cancellable =
    BUYER_CANCELS.includes(order.status) || (order.status === 'CONFIRMED' && Boolean(order.flag));
  return (
    <>
      {paysInBrowser(order) && <PayOrder order={order} />}
      {receivable && <ReceiptForm order={order} />}
      {cancellable && (
        <CancelOrderForm
          orderId={order.id}
          title={text.cancelTitle}
          reasonLabel={text.cancelReason}
          submitLabel={text.cancel}
          doneMessage={text.cancelled}
        />
      )}
    </>
  );
}

interface LineReceipt {
  quantity: string | number;
  lots: string;
  note: string;
}

function ReceiptForm({ order }: { order: OrderDetail }) {
  const [lines, setLines] = useState<Record<string, LineReceipt>>(() =>
    Object.fromEntries(order.lines.map((line) => [line.id, { quantity: line.quantity, lots: '', note: '' }])),
  );
  const [result, acknowledge] = useMutation(AcknowledgeReceiptDocument);
  const problem = apiProblem(result.error);
  const edit = (lineId: string, change: Partial<LineReceipt>) =>
    setLines((current) => ({ ...current, [lineId]: { ...current[lineId], ...change } }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = await acknowledge({
      id: order.id,
      input: {
        lines: order.lines.map((line) => {
          const entry = lines[line.id];
          const lots = lotList(entry.lots);
          return {
            lineId: line.id,
            receivedQuantity: typeof entry.quantity === 'number' ? entry.quantity : 0,
            ...(lots.length ? { receivedLotNumbers: lots } : {}),
            ...(entry.note.trim() ? { note: entry.note.trim() } : {}),
          };
        }),
      },
    });
    if (!outcome.error) notifications.show({ color: 'green', message: text.receiptDone });
  };

  return (
    <Card withBorder component="section" aria-labelledby="order-receipt">
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={2} id="order-receipt">
            {text.receiptTitle}
          </Title>
          <Text>{text.receiptIntro}</Text>
          {problem && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          {order.lines.map((line, index) => (
            <SimpleGrid key={line.id} cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={text.receivedQuantity(index + 1)}
                value={lines[line.id].quantity}
                onChange={(quantity) => edit(line.id, { quantity })}
                min={0}
                allowDecimal={false}
                required
                error={fieldError(problem, `lines.${index}.receivedQuantity`)}
              />
              <TextInput
                label={text.receivedLots(index + 1)}
                placeholder={line.lotNumbers.join(', ')}
                value={lines[line.id].lots}
                onChange={(event) => edit(line.id, { lots: event.currentTarget.value })}
                error={fieldError(problem, `lines.${index}.receivedLotNumbers`)}
              />
              <TextInput
                label={text.note(index + 1)}
                value={lines[line.id].note}
                onChange={(event) => edit(line.id, { note: event.currentTarget.value })}
                error={fieldError(problem, `lines.${index}.note`)}
              />
            </SimpleGrid>
          ))}
          <Button type="submit" loading={result.fetching} w="fit-content">
            {text.submitReceipt}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
