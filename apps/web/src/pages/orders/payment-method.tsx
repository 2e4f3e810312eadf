import { Group, Radio } from '@mantine/core';
import type { PaymentMethod } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { usePaymentSettings } from './payment-settings';

const METHODS = Object.keys(t.orders.paymentMethods) as PaymentMethod[];

/**
 * How the buyer pays: a radio group (every choice visible, one label each). Card and SEPA only when the
 * platform takes them (Stripe configured), else the buyer would be left with an order it cannot pay.
 */
export function PaymentMethodInput(props: {
  label: string;
  value: PaymentMethod;
  onChange: (method: PaymentMethod) => void;
  error?: string;
}) {
  const settings = usePaymentSettings();
  const inBrowser = Boolean(settings?.stripePublishableKey);
  const methods = METHODS.filter((method) => method === 'BANK_TRANSFER' || inBrowser);
  return (
    <Radio.Group
      label={props.label}
      value={props.value}
      onChange={(value) => props.onChange(value as PaymentMethod)}
      error={props.error}
      description={settings && !inBrowser ? t.orders.paymentUnavailable : undefined}
    >
      <Group mt="xs">
        {methods.map((method) => (
          <Radio key={method} value={method} label={t.orders.paymentMethods[method]} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/** "5,5 %" from basis points. */
export const vatRate = (basisPoints: number) => `${format.number(basisPoints / 100)} %`;
