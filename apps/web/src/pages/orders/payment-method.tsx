import { Group, Radio } from '@mantine/core';
import type { PaymentMethod } from '../../gql/graphql';
import { format, t } from '../../i18n';

const METHODS = Object.keys(t.orders.paymentMethods) as PaymentMethod[];

/** How the buyer pays: a radio group (every choice visible, one label each). */
export function PaymentMethodInput(props: {
  label: string;
  value: PaymentMethod;
  onChange: (method: PaymentMethod) => void;
  error?: string;
}) {
  return (
    <Radio.Group
      label={props.label}
      value={props.value}
      onChange={(value) => props.onChange(value as PaymentMethod)}
      error={props.error}
    >
      <Group mt="xs">
        {METHODS.map((method) => (
          <Radio key={method} value={method} label={t.orders.paymentMethods[method]} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/** "5,5 %" from basis points. */
export const vatRate = (basisPoints: number) => `${format.number(basisPoints / 100)} %`;
