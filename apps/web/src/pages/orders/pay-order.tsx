import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useLocation, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { format, t } from '../../i18n';
import type { OrderDetail } from './order-document';
import { usePaymentSettings } from './payment-settings';
import { loadStripeJs, type StripeElements, type StripeInstance } from './stripe-js';

const OrderPaymentDocument = graphql(`
  query OrderPayment($id: ID!) {
    order(id: $id) {
      id
      paymentClientSecret
    }
  }
`);

const text = t.orders.pay;
const RETRY_MS = 2_000;

/** The order is paid in the browser (card or SEPA through Stripe) while it awaits that payment. */
export const paysInBrowser = (order: Pick<OrderDetail, 'status' | 'paymentMethod'>) =>
  order.status === 'AWAITING_PAYMENT' &&
  (order.paymentMethod === 'CARD' || order.paymentMethod === 'SEPA_DEBIT');

/**
 * The buyer's payment step, as Stripe intends it: the Payment Element collects the card or the IBAN
 * (the details never reach the platform), confirmPayment sends the buyer through 3-D Secure or the
 * mandate if needed and back to this page, with `redirect_status` in the address. The order itself
 * moves only when Stripe's signed webhook reaches the API; until then the page says the payment is
 * being confirmed (the order page reads the order again while it awaits payment).
 */
export function PayOrder({ order }: { order: OrderDetail }) {
  const [params] = useSearchParams();
  const returned = params.get('redirect_status');
  if (returned === 'succeeded' || returned === 'processing') {
    return (
      <Alert color="blue" role="status" title={text.confirming}>
        <Text>{text.confirmingDetail}</Text>
        {order.paymentMethod === 'SEPA_DEBIT' && <Text mt="xs">{text.confirmingSepa}</Text>}
      </Alert>
    );
  }
  return <PaymentStep order={order} failed={returned === 'failed'} />;
}

function PaymentStep({ order, failed }: { order: OrderDetail; failed: boolean }) {
  const settings = usePaymentSettings();
  const [result, reexecute] = useQuery({
    query: OrderPaymentDocument,
    variables: { id: order.id },
    requestPolicy: 'network-only',
  });
  const secret = result.data?.order.paymentClientSecret;
  // The worker starts the PaymentIntent just after the order is placed: until its secret exists, ask again.
  useEffect(() => {
    if (secret || result.fetching) return;
    const timer = window.setTimeout(() => reexecute({ requestPolicy: 'network-only' }), RETRY_MS);
    return () => window.clearTimeout(timer);
  }, [secret, result.fetching, reexecute]);

  const amount = format.cents(order.totalCents);
  let body: React.ReactNode;
  if (settings && !settings.stripePublishableKey) body = <Alert color="yellow">{text.unavailable}</Alert>;
  else if (!settings || !secret) body = <Text c="dimmed">{text.preparing}</Text>;
  else
    body = (
      <PaymentForm
        publishableKey={settings.stripePublishableKey!}
        stripeJsUrl={settings.stripeJsUrl}
        clientSecret={secret}
        amount={amount}
      />
    );
  return (
    <Card withBorder component="section" aria-labelledby="order-pay">
      <Stack>
        <Title order={2} id="order-pay">
          {text.title}
        </Title>
        <Text>
          {text.intro(amount)}
          {order.reservationExpiresAt
            ? ` ${text.reservedUntil(format.dateTime(order.reservationExpiresAt))}`
            : ''}
        </Text>
        {failed && (
          <Alert color="red" role="alert">
            {text.failed}
          </Alert>
        )}
        {body}
      </Stack>
    </Card>
  );
}

function PaymentForm(props: {
  publishableKey: string;
  stripeJsUrl: string;
  clientSecret: string;
  amount: string;
}) {
  const { publishableKey, stripeJsUrl, clientSecret } = props;
  const location = useLocation();
  const mountPoint = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<{ instance: StripeInstance; elements: StripeElements } | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let gone = false;
    let destroy: (() => void) | undefined;
    loadStripeJs(stripeJsUrl)
      .then((Stripe) => {
        if (gone || !mountPoint.current) return;
        const instance = Stripe(publishableKey);
        const elements = instance.elements({ clientSecret, locale: 'fr' });
        const element = elements.create('payment');
        element.mount(mountPoint.current);
        destroy = () => element.destroy();
        setStripe({ instance, elements });
      })
      .catch(() => {
        if (!gone) setLoadFailed(true);
      });
    return () => {
      gone = true;
      destroy?.();
      setStripe(null);
    };
  }, [publishableKey, stripeJsUrl, clientSecret]);

  const pay = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!stripe) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await stripe.instance.confirmPayment({
        elements: stripe.elements,
        // Back to this very page, without a previous attempt's redirect_status.
        confirmParams: { return_url: `${window.location.origin}${location.pathname}` },
      });
      // Reached only when Stripe refuses at once (incomplete card, declined): otherwise the browser is
      // already on its way to return_url.
      if (outcome.error) setError(outcome.error.message ?? text.failed);
    } catch {
      setError(text.failed);
    } finally {
      setBusy(false);
    }
  };

  if (loadFailed) return <Alert color="red">{text.loadFailed}</Alert>;
  return (
    <form onSubmit={(event) => void pay(event)}>
      <Stack>
        {!stripe && <Text c="dimmed">{text.loading}</Text>}
        <Box ref={mountPoint} />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" disabled={!stripe} loading={busy} w="fit-content">
          {text.submit(props.amount)}
        </Button>
      </Stack>
    </form>
  );
}
