import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { format, t } from '../../i18n';
import { LoadState } from '../../components/load-state';
import { download } from '../../components/csv';
import { SectionTable } from '../../components/section-table';
import { tokens } from '../../session/token-store';
import { OrderDocument, isTransient, type OrderDetail } from './order-document';
import { vatRate } from './payment-method';
import { BuyerOrderActions } from './buyer-actions';
import { SupplierOrderActions } from './supplier-actions';

export type OrderSide = 'buying' | 'selling';

const text = t.orders.detail;
const POLL_MS = 2_000;

/** One order, for its buyer or its supplier: lines, totals, payment, invoice, history and what to do next. */
export default function OrderPage({ side }: { side: OrderSide }) {
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: OrderDocument, variables: { id } });
  const order = result.data?.order;
  const transient = order ? isTransient(order) : false;

  // While the worker still has to move the order, read it again every few seconds and on focus.
  useEffect(() => {
    const again = () => reexecute({ requestPolicy: 'network-only' });
    window.addEventListener('focus', again);
    const timer = transient ? window.setInterval(again, POLL_MS) : undefined;
    return () => {
      window.removeEventListener('focus', again);
      window.clearInterval(timer);
    };
  }, [transient, reexecute]);

  const back =
    side === 'buying' ? (
      <Anchor component={Link} to="/achats/commandes">
        {text.backBuying}
      </Anchor>
    ) : (
      <Anchor component={Link} to="/ventes/commandes">
        {text.backSelling}
      </Anchor>
    );
  if (!order) {
    return (
      <Stack>
        {back}
        <LoadState error={result.error} />
      </Stack>
    );
  }
  return (
    <Stack>
      {back}
      <Group justify="space-between">
        <Title order={1}>{text.title(order.number)}</Title>
        <Badge size="lg" variant="filled" tt="none">
          {`${text.status} : ${t.orders.statuses[order.status]}`}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {transient ? text.waiting : ''}
      </Text>
      {order.flag && (
        <Alert color="orange" title={text.flag}>
          {order.flag}
        </Alert>
      )}
      <Summary order={order} />
      <Lines order={order} />
      {order.bankTransfer && <BankTransfer order={order} />}
      <InvoiceCard order={order} />
      {side === 'buying' ? <BuyerOrderActions order={order} /> : <SupplierOrderActions order={order} />}
      <Timeline order={order} />
    </Stack>
  );
}

function Summary({ order }: { order: OrderDetail }) {
  const facts: [string, string][] = [
    [text.supplier, order.supplier.name],
    [text.buyer, order.buyer.name],
    [text.placedOn, format.dateTime(order.createdAt)],
    [text.payment, t.orders.paymentMethods[order.paymentMethod]],
    [text.deliveryDepartment, order.deliveryDepartmentCode],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fw={500}>{value}</Text>
        </div>
      ))}
      {order.carrier && order.trackingNumber && (
        <Text>{text.shipping(order.carrier, order.trackingNumber)}</Text>
      )}
      {order.cancellationReason && <Text>{text.cancellationReason(order.cancellationReason)}</Text>}
    </SimpleGrid>
  );
}

function Lines({ order }: { order: OrderDetail }) {
  return (
    <SectionTable
      id="order-lines"
      title={text.linesTitle}
      caption={text.linesCaption}
      headers={[text.linesTitle, text.quantity, text.unitPrice, text.lineTotal, text.lots, text.received]}
      foot={
        <>
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {text.subtotal}
            </Table.Th>
            <Table.Td colSpan={3}>{format.cents(order.subtotalCents)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {text.vat(vatRate(order.vatRateBasisPoints))}
            </Table.Th>
            <Table.Td colSpan={3}>{format.cents(order.vatCents)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {text.total}
            </Table.Th>
            <Table.Td colSpan={3} fw={700}>
              {format.cents(order.totalCents)}
            </Table.Td>
          </Table.Tr>
        </>
      }
    >
      {order.lines.map((line, index) => (
        <Table.Tr key={line.id}>
          <Table.Th scope="row">{text.line(index + 1)}</Table.Th>
          <Table.Td>{format.number(line.quantity)}</Table.Td>
          <Table.Td>{format.micros(line.unitPriceMicros)}</Table.Td>
          <Table.Td>{format.cents(line.lineTotalCents)}</Table.Td>
          <Table.Td>{line.lotNumbers.join(', ') || '–'}</Table.Td>
          <Table.Td>
            {line.receivedQuantity === null || line.receivedQuantity === undefined
              ? '–'
              : [
                  text.receivedQuantity(format.number(line.receivedQuantity)),
                  ...(line.receivedLotNumbers?.length
                    ? [text.receivedLots(line.receivedLotNumbers.join(', '))]
                    : []),
                  ...(line.discrepancyNote ? [text.discrepancy(line.discrepancyNote)] : []),
                ].join(' ; ')}
          </Table.Td>
        </Table.Tr>
      ))}
    </SectionTable>
  );
}

/** IBANs read in groups of four, as printed on a bank statement. */
const printableIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

function BankTransfer({ order }: { order: OrderDetail }) {
  const transfer = order.bankTransfer!;
  const rows: [string, string][] = [
    [text.transferReference, transfer.reference],
    [text.transferAmount, format.cents(order.totalCents)],
    ...(transfer.account
      ? ([
          [text.transferHolder, transfer.account.accountHolder],
          [text.transferIban, printableIban(transfer.account.iban)],
          [text.transferBic, transfer.account.bic],
        ] as [string, string][])
      : []),
  ];
  return (
    <Card withBorder component="section" aria-labelledby="order-transfer">
      <Title order={2} id="order-transfer" mb="sm">
        {text.transferTitle}
      </Title>
      {order.paidAt && <Text mb="sm">{text.transferPaid(format.dateTime(order.paidAt))}</Text>}
      <Table>
        <Table.Caption>{text.transferTitle}</Table.Caption>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td ff="monospace">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!transfer.account && (
        <Alert color="yellow" mt="sm">
          {text.transferNoAccount}
        </Alert>
      )}
    </Card>
  );
}

function InvoiceCard({ order }: { order: OrderDetail }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fetchInvoice = async (invoiceNumber: string) => {
    setBusy(true);
    setError(null);
    try {
      const token = tokens.stale ? await tokens.refresh() : tokens.current;
      const response = await fetch(`/orders/${order.id}/invoice.pdf`, {
        headers: { authorization: `Bearer ${token ?? ''}` },
      });
      if (!response.ok) throw new Error(String(response.status));
      download(`${invoiceNumber}.pdf`, await response.blob(), 'application/pdf');
    } catch {
      setError(t.common.errors.INTERNAL_SERVER_ERROR);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="order-invoice">
      <Title order={2} id="order-invoice" mb="sm">
        {text.invoiceTitle}
      </Title>
      {error && (
        <Alert color="red" role="alert" mb="sm">
          {error}
        </Alert>
      )}
      {order.invoice ? (
        <Group>
          <Text>{text.invoice(order.invoice.number, format.dateTime(order.invoice.issuedAt))}</Text>
          <Button variant="default" loading={busy} onClick={() => void fetchInvoice(order.invoice!.number)}>
            {text.downloadInvoice}
          </Button>
        </Group>
      ) : (
        <Text>{text.invoicePending}</Text>
      )}
    </Card>
  );
}

function Timeline({ order }: { order: OrderDetail }) {
  const who = ({ actor, actorName }: OrderDetail['history'][number]) => {
    const side = actor === 'BUYER' ? order.buyer.name : actor === 'SUPPLIER' ? order.supplier.name : '';
    if (actorName && actor !== 'SYSTEM') return t.orders.actorPersons[actor](actorName, side);
    return actor === 'BUYER' || actor === 'SUPPLIER'
      ? t.orders.actors[actor](side)
      : t.orders.actors[actor]();
  };
  return (
    <section aria-labelledby="order-history">
      <Title order={2} id="order-history" mb="sm">
        {text.timelineTitle}
      </Title>
      <List type="ordered" spacing="xs">
        {order.history.map((move) => (
          <List.Item key={move.id}>
            <Text fw={500} span>
              {format.dateTime(move.at)} —{' '}
              {text.timelineEntry(t.orders.actions[move.action ?? 'PLACE'], who(move))}
            </Text>
            <Text size="sm" c="dimmed">
              {move.fromStatus
                ? text.timelineMove(t.orders.statuses[move.fromStatus], t.orders.statuses[move.toStatus])
                : t.orders.statuses[move.toStatus]}
            </Text>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
