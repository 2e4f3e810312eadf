import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { OrderStatus } from '../../gql/graphql';
import { t } from '../../i18n';
import { apiProblem, fieldError, type ApiProblem } from '../../components/errors';
import { allows, useSession } from '../../session/session';
import { SUPPLIER_ACTS } from './access';
import { CancelOrderForm } from './cancel-order';
import { lotList, type OrderDetail } from './order-document';

const RecordPaymentDocument = graphql(`
  mutation RecordOrderPayment($id: ID!, $reference: String!) {
    recordOrderPayment(id: $id, reference: $reference) {
      ...OrderDetail
    }
  }
`);
const ConfirmOrderDocument = graphql(`
  mutation ConfirmOrder($id: ID!) {
    confirmOrder(id: $id) {
      ...OrderDetail
    }
  }
`);
const ShipOrderDocument = graphql(`
  mutation ShipOrder($id: ID!, $input: ShipOrderInput!) {
    shipOrder(id: $id, input: $input) {
      ...OrderDetail
    }
  }
`);
const MarkDeliveredDocument = graphql(`
  mutation MarkOrderDelivered($id: ID!) {
    markOrderDelivered(id: $id) {
      ...OrderDetail
    }
  }
`);

const text = t.orders.supplierActions;
const UNPAID: OrderStatus[] = ['PLACED', 'AWAITING_PAYMENT', 'INVOICED'];
/** The API's rule (orders/domain/order.states.ts): the supplier cancels until shipment. */
const SUPPLIER_CANCELS: OrderStatus[] = [...UNPAID, 'PAID', 'CONFIRMED'];

/** The supplier's next step on an incoming order, one at a time as the order moves. */
export function SupplierOrderActions({ order }: { order: OrderDetail }) {
  const { viewer } = useSession();
  if (!allows(viewer, SUPPLIER_ACTS)) return null;
  return (
    <>
      {UNPAID.includes(order.status) && order.paymentMethod === 'BANK_TRANSFER' && (
        <PaymentForm order={order} />
      )}
      {order.status === 'PAID' && <ConfirmAction order={order} />}
      {order.status === 'CONFIRMED' && <ShipForm order={order} />}
      {order.status === 'SHIPPED' && <DeliverAction order={order} />}
      {SUPPLIER_CANCELS.includes(order.status) && (
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

/** A titled card holding one step's form, with the API's refusal that no field explains. */
function Step(props: {
  id: string;
  title: string;
  problem: ApiProblem | null;
  fields?: string[];
  onSubmit: () => Promise<{ error?: CombinedError }>;
  done: string;
  children: ReactNode;
}) {
  const general = props.problem && !(props.fields ?? []).some((field) => fieldError(props.problem, field));
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = await props.onSubmit();
    if (!outcome.error) notifications.show({ color: 'green', message: props.done });
  };
  return (
    <Card withBorder component="section" aria-labelledby={props.id}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={2} id={props.id}>
            {props.title}
          </Title>
          {general && (
            <Alert color="red" role="alert">
              {props.problem?.message}
            </Alert>
          )}
          {props.children}
        </Stack>
      </form>
    </Card>
  );
}

function PaymentForm({ order }: { order: OrderDetail }) {
  const [reference, setReference] = useState(order.bankTransfer?.reference ?? '');
  const [result, record] = useMutation(RecordPaymentDocument);
  const problem = apiProblem(result.error);
  return (
    <Step
      id="order-payment"
      title={text.paymentTitle}
      problem={problem}
      fields={['reference']}
      onSubmit={() => record({ id: order.id, reference: reference.trim() })}
      done={text.paymentRecorded}
    >
      <TextInput
        label={text.paymentReference}
        value={reference}
        onChange={(event) => setReference(event.currentTarget.value)}
        required
        error={fieldError(problem, 'reference')}
      />
      <Button type="submit" loading={result.fetching} w="fit-content">
        {text.recordPayment}
      </Button>
    </Step>
  );
}

function ConfirmAction({ order }: { order: OrderDetail }) {
  const [result, confirm] = useMutation(ConfirmOrderDocument);
  return (
    <Step
      id="order-confirm"
      title={text.confirm}
      problem={apiProblem(result.error)}
      onSubmit={() => confirm({ id: order.id })}
      done={text.confirmed}
    >
      <Button type="submit" loading={result.fetching} w="fit-content">
        {text.confirm}
      </Button>
    </Step>
  );
}

function DeliverAction({ order }: { order: OrderDetail }) {
  const [result, deliver] = useMutation(MarkDeliveredDocument);
  return (
    <Step
      id="order-deliver"
      title={text.deliver}
      problem={apiProblem(result.error)}
      onSubmit={() => deliver({ id: order.id })}
      done={text.delivered}
    >
      <Button type="submit" loading={result.fetching} w="fit-content">
        {text.deliver}
      </Button>
    </Step>
  );
}

function ShipForm({ order }: { order: OrderDetail }) {
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [lots, setLots] = useState<Record<string, string>>({});
  const [result, ship] = useMutation(ShipOrderDocument);
  const problem = apiProblem(result.error);
  return (
    <Step
      id="order-ship"
      title={text.shipTitle}
      problem={problem}
      fields={['carrier', 'trackingNumber', 'lines']}
      onSubmit={() =>
        ship({
          id: order.id,
          input: {
            carrier: carrier.trim(),
            trackingNumber: trackingNumber.trim(),
            lines: order.lines.map((line) => ({ lineId: line.id, lotNumbers: lotList(lots[line.id] ?? '') })),
          },
        })
      }
      done={text.shipped}
    >
      <Group grow align="flex-start">
        <TextInput
          label={text.carrier}
          value={carrier}
          onChange={(event) => setCarrier(event.currentTarget.value)}
          required
          error={fieldError(problem, 'carrier')}
        />
        <TextInput
          label={text.trackingNumber}
          value={trackingNumber}
          onChange={(event) => setTrackingNumber(event.currentTarget.value)}
          required
          error={fieldError(problem, 'trackingNumber')}
        />
      </Group>
      {order.lines.map((line, index) => (
        <TextInput
          key={line.id}
          label={text.lots(index + 1)}
          value={lots[line.id] ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setLots((current) => ({ ...current, [line.id]: value }));
          }}
          required
          error={
            fieldError(problem, `lines.${index}`) ?? (index === 0 ? fieldError(problem, 'lines') : undefined)
          }
        />
      ))}
      <Button type="submit" loading={result.fetching} w="fit-content">
        {text.ship}
      </Button>
    </Step>
  );
}
