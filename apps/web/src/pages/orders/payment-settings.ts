import { useQuery } from 'urql';
import { graphql } from '../../gql';

export const PaymentSettingsDocument = graphql(`
  query PaymentSettings {
    paymentSettings {
      stripePublishableKey
      stripeJsUrl
    }
  }
`);

/**
 * Whether the platform takes card and SEPA payments (Stripe configured), and how the browser reaches
 * Stripe.js. `undefined` while it loads.
 */
export function usePaymentSettings() {
  const [result] = useQuery({ query: PaymentSettingsDocument });
  return result.data?.paymentSettings;
}
