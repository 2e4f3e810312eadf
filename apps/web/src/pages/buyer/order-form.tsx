import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { PaymentMethod } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { DEPARTMENT_OPTIONS } from '../../components/geography';
import { useSession } from '../../session/session';
import { PaymentMethodInput, vatRate } from '../orders/payment-method';
import { lineCents, unitPriceAt } from './access';

const PlacedOrderFields = graphql(`
  fragment PlacedOrder on Order {
    id
    number
    status
    subtotalCents
    vatCents
    vatRateBasisPoints
    totalCents
  }
`);

const PlaceOrderDocument = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {
    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {
      ...PlacedOrder
    }
  }
`);

const OrderForNeedDocument = graphql(`
  mutation OrderForNeed($needId: ID!, $input: OrderForNeedInput!, $idempotencyKey: String) {
    orderForNeed(needId: $needId, input: $input, idempotencyKey: $idempotencyKey) {
      ...PlacedOrder
    }
  }
`);
void PlacedOrderFields;

interface OrderableOffer {
  id: string;
  available: number;
  minimumOrderQuantity: number;
  orderIncrement: number;
  priceTiers: { minQuantity: number; unitPriceMicros: number }[];
  product: { brand: string; model: string };
  supplier: { name: string };
}

const text = t.buyer.orderForm;

/**
 * Orders from one offer: quantity, payment, delivery department. The idempotency key is made once per
 * form, so a double click or a retry after a lost answer places one order. With `needId` the order is
 * placed for that need (it counts toward its coverage).
 */
export function OrderForm(props: {
  offer: OrderableOffer;
  initialQuantity: number;
  needId?: string;
  deliveryDepartmentCode?: string;
  onClose: () => void;
  onPlaced?: () => void;
}) {
  const { offer } = props;
  const { viewer } = useSession();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [quantity, setQuantity] = useState<string | number>(props.initialQuantity);
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>('BANK_TRANSFER');
  const [department, setDepartment] = useState<string | null>(
    props.deliveryDepartmentCode ?? viewer?.organisation?.departmentCode ?? null,
  );
  const [placing, place] = useMutation(PlaceOrderDocument);
  const [forNeed, placeForNeed] = useMutation(OrderForNeedDocument);
  const result = props.needId ? forNeed : placing;
  const problem = apiProblem(result.error);
  const order =
    result.data && ('placeOrder' in result.data ? result.data.placeOrder : result.data.orderForNeed);
  const units = typeof quantity === 'number' ? quantity : 0;
  const unitPrice = unitPriceAt(offer.priceTiers, units);
  const productName = `${offer.product.brand} ${offer.product.model}`;
  const minimum = format.number(offer.minimumOrderQuantity);
  const step = format.number(offer.orderIncrement);
  // placeOrder names the line (`lines[0].quantity`); orderForNeed's own checks name `quantity`.
  const quantityRefusal = fieldError(problem, 'lines[0].quantity') ?? fieldError(problem, 'quantity');
  const quantityError = quantityRefusal && `${text.quantityRefused(minimum, step)} ${quantityRefusal}`;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = props.needId
      ? await placeForNeed({
          needId: props.needId,
          idempotencyKey,
          input: { offerId: offer.id, quantity: units, paymentMethod },
        })
      : await place({
          idempotencyKey,
          input: {
            paymentMethod,
            deliveryDepartmentCode: department ?? '',
            lines: [{ offerId: offer.id, quantity: units, expectedUnitPriceMicros: unitPrice }],
          },
        });
    if (!outcome.error) props.onPlaced?.();
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={text.title}
      size="lg"
      closeButtonProps={{ 'aria-label': t.common.actions.close }}
    >
      {order ? (
        <Stack>
          <Alert color="green" role="status">
            {text.placed(order.number)}
          </Alert>
          <Table>
            <Table.Caption>{text.placed(order.number)}</Table.Caption>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{text.subtotal}</Table.Th>
                <Table.Td>{format.cents(order.subtotalCents)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{text.vat(vatRate(order.vatRateBasisPoints))}</Table.Th>
                <Table.Td>{format.cents(order.vatCents)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{text.total}</Table.Th>
                <Table.Td fw={700}>{format.cents(order.totalCents)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Button component={Link} to={`/achats/commandes/${order.id}`} w="fit-content">
            {text.seeOrder}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <Stack>
            <Text fw={500}>{text.offer(productName, offer.supplier.name)}</Text>
            {problem && !quantityError && (
              <Alert color="red" role="alert">
                {fieldError(problem, 'lines[0].expectedUnitPriceMicros')
                  ? text.priceChanged
                  : problem.message}
              </Alert>
            )}
            <NumberInput
              label={text.quantity}
              description={text.quantityHint(minimum, step, format.number(offer.available))}
              value={quantity}
              onChange={setQuantity}
              min={1}
              step={offer.orderIncrement}
              allowDecimal={false}
              required
              error={quantityError}
            />
            <PaymentMethodInput
              label={text.paymentMethod}
              value={paymentMethod}
              onChange={setPaymentMethod}
              error={fieldError(problem, 'paymentMethod')}
            />
            {!props.needId && (
              <Select
                label={text.deliveryDepartment}
                data={DEPARTMENT_OPTIONS}
                value={department}
                onChange={setDepartment}
                searchable
                required
                error={fieldError(problem, 'deliveryDepartmentCode')}
              />
            )}
            <Text size="sm">
              {text.estimate(format.micros(unitPrice), format.cents(lineCents(unitPrice, units)))}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                {t.common.actions.cancel}
              </Button>
              <Button type="submit" loading={result.fetching}>
                {text.submit}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
