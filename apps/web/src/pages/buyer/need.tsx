import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { NeedPageQuery, PaymentMethod } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { apiProblem } from '../../components/errors';
import { LoadState } from '../../components/load-state';
import { SectionTable } from '../../components/section-table';
import { PaymentMethodInput } from '../orders/payment-method';
import { OrderForm } from './order-form';

const OfferSummaryFields = graphql(`
  fragment NeedOffer on Offer {
    id
    available
    madeInFrance
    minimumOrderQuantity
    orderIncrement
    warehouseDepartmentCode
    priceTiers {
      minQuantity
      unitPriceMicros
    }
    product {
      id
      brand
      model
    }
    supplier {
      id
      name
    }
  }
`);
void OfferSummaryFields;

const NeedDocument = graphql(`
  query NeedPage($id: ID!) {
    need(id: $id) {
      id
      category
      quantity
      covered
      shortfall
      neededBy
      expiresAt
      status
      deliveryDepartmentCode
      maxUnitPriceMicros
      acceptsEquivalents
      suggestions {
        ranked {
          quantity
          unitPriceMicros
          estimatedDelivery
          score
          offer {
            ...NeedOffer
          }
        }
        excluded {
          offer {
            ...NeedOffer
          }
          reasons {
            code
            message
          }
        }
      }
      proposals {
        id
        createdAt
        explanation
        reason {
          outcome
          priorityTier
          category
          requested
          allocated
          fillRatio
          offersUsed
          lotIncrement
          eligibleOffers
          held
          toHigherTiers
          toSameTier
          toLowerTiers
          tierLowestFill
          tierHighestFill
          categoryOffers
          exclusions {
            code
            offers
          }
        }
        offerId
        orderId
        quantity
        status
        unitPriceMicros
      }
    }
  }
`);

const CancelNeedDocument = graphql(`
  mutation CancelNeed($id: ID!) {
    cancelNeed(id: $id) {
      id
      status
      expiresAt
    }
  }
`);
const ReconfirmNeedDocument = graphql(`
  mutation ReconfirmNeed($id: ID!) {
    reconfirmNeed(id: $id) {
      id
      status
      expiresAt
    }
  }
`);
const AcceptProposalDocument = graphql(`
  mutation AcceptProposal($id: ID!, $paymentMethod: PaymentMethod!, $idempotencyKey: String) {
    acceptProposal(id: $id, paymentMethod: $paymentMethod, idempotencyKey: $idempotencyKey) {
      id
      number
    }
  }
`);
const DeclineProposalDocument = graphql(`
  mutation DeclineProposal($id: ID!) {
    declineProposal(id: $id) {
      id
      status
    }
  }
`);

type Need = NeedPageQuery['need'];
type Proposal = Need['proposals'][number];
type Offer = Need['suggestions']['ranked'][number]['offer'];

const text = t.buyer.need;
const productName = (offer: Offer) => `${offer.product.brand} ${offer.product.model}`;

/** A need: its coverage, the offers that can serve it and why, those that cannot and why not, proposals. */
export default function NeedPage() {
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: NeedDocument, variables: { id } });
  const need = result.data?.need;
  const back = (
    <Anchor component={Link} to="/achats/besoins">
      {text.back}
    </Anchor>
  );
  if (!need)
    return (
      <Stack>
        {back}
        <LoadState error={result.error} />
      </Stack>
    );
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  return (
    <Stack>
      {back}
      <Group justify="space-between">
        <Title order={1}>
          {text.title(t.common.categories[need.category], format.number(need.quantity))}
        </Title>
        <Badge size="lg" variant="filled">
          {t.buyer.needs.statuses[need.status]}
        </Badge>
      </Group>
      <Summary need={need} />
      {need.status === 'OPEN' && <NeedActions need={need} />}
      <Suggestions need={need} onOrdered={refresh} />
      <Excluded need={need} />
      <Proposals need={need} onChanged={refresh} />
    </Stack>
  );
}

function Summary({ need }: { need: Need }) {
  const facts: [string, string][] = [
    [text.neededBy, format.date(need.neededBy)],
    [text.deliveryDepartment, need.deliveryDepartmentCode],
    [text.covered, format.number(need.covered)],
    [text.shortfall, format.number(need.shortfall)],
    [text.expiresAt, format.date(need.expiresAt)],
    [text.maxPrice, need.maxUnitPriceMicros ? format.micros(need.maxUnitPriceMicros) : text.none],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} aria-label={text.summary}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fw={500}>{value}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function NeedActions({ need }: { need: Need }) {
  const [cancelling, cancel] = useMutation(CancelNeedDocument);
  const [reconfirming, reconfirm] = useMutation(ReconfirmNeedDocument);
  const problem = apiProblem(cancelling.error ?? reconfirming.error);
  return (
    <Stack gap="xs">
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      <Group>
        <Button
          variant="default"
          loading={reconfirming.fetching}
          onClick={() =>
            void reconfirm({ id: need.id }).then(
              (outcome) =>
                !outcome.error && notifications.show({ color: 'green', message: text.reconfirmed }),
            )
          }
        >
          {text.reconfirm}
        </Button>
        <Button
          color="red"
          variant="outline"
          loading={cancelling.fetching}
          onClick={() =>
            void cancel({ id: need.id }).then(
              (outcome) => !outcome.error && notifications.show({ color: 'green', message: text.cancelled }),
            )
          }
        >
          {text.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

function Suggestions({ need, onOrdered }: { need: Need; onOrdered: () => void }) {
  const [ordering, setOrdering] = useState<Need['suggestions']['ranked'][number] | null>(null);
  const ranked = need.suggestions.ranked;
  return (
    <>
      <SectionTable
        id="need-suggestions"
        title={text.suggestionsTitle}
        caption={text.suggestionsCaption}
        minWidth={700}
        empty={ranked.length === 0 && text.suggestionsEmpty}
        headers={[
          text.rank,
          text.offer,
          text.quantity,
          text.unitPrice,
          text.delivery,
          text.why,
          ...(need.status === 'OPEN' ? [text.actions] : []),
        ]}
      >
        {ranked.map((suggestion, index) => (
          <Table.Tr key={suggestion.offer.id}>
            <Table.Td>{index + 1}</Table.Td>
            <Table.Td>
              <Text fw={500}>{productName(suggestion.offer)}</Text>
              <Text size="sm">{suggestion.offer.supplier.name}</Text>
            </Table.Td>
            <Table.Td>{format.number(suggestion.quantity)}</Table.Td>
            <Table.Td>{format.micros(suggestion.unitPriceMicros)}</Table.Td>
            <Table.Td>{format.date(suggestion.estimatedDelivery)}</Table.Td>
            <Table.Td>
              {text.whySuggested({
                price: format.micros(suggestion.unitPriceMicros),
                quantity: format.number(suggestion.quantity),
                delivery: format.date(suggestion.estimatedDelivery),
                warehouse: suggestion.offer.warehouseDepartmentCode,
                sameDepartment: suggestion.offer.warehouseDepartmentCode === need.deliveryDepartmentCode,
                madeInFrance: suggestion.offer.madeInFrance,
              })}
            </Table.Td>
            {need.status === 'OPEN' && (
              <Table.Td>
                <Button
                  size="xs"
                  onClick={() => setOrdering(suggestion)}
                  aria-label={text.orderSuggestionOf(productName(suggestion.offer))}
                >
                  {text.orderSuggestion}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </SectionTable>
      {ordering && (
        <OrderForm
          key={ordering.offer.id}
          offer={ordering.offer}
          initialQuantity={ordering.quantity}
          needId={need.id}
          onClose={() => setOrdering(null)}
          onPlaced={onOrdered}
        />
      )}
    </>
  );
}

function Excluded({ need }: { need: Need }) {
  const excluded = need.suggestions.excluded;
  return (
    <SectionTable
      id="need-excluded"
      title={text.excludedTitle}
      caption={text.excludedCaption}
      empty={excluded.length === 0 && text.excludedEmpty}
      headers={[text.offer, text.whyNot]}
    >
      {excluded.map(({ offer, reasons }) => (
        <Table.Tr key={offer.id}>
          <Table.Td>
            <Text fw={500}>{productName(offer)}</Text>
            <Text size="sm">{offer.supplier.name}</Text>
          </Table.Td>
          <Table.Td>
            {reasons.map((reason) => text.exclusions[reason.code] ?? reason.message).join(' ; ')}
          </Table.Td>
        </Table.Tr>
      ))}
    </SectionTable>
  );
}

function Proposals({ need, onChanged }: { need: Need; onChanged: () => void }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>('BANK_TRANSFER');
  const [accepting, accept] = useMutation(AcceptProposalDocument);
  const [declining, decline] = useMutation(DeclineProposalDocument);
  const problem = apiProblem(accepting.error ?? declining.error);
  const pending = need.proposals.some((proposal) => proposal.status === 'PROPOSED');
  const before = (
    <>
      {problem && (
        <Alert color="red" role="alert" mb="sm">
          {problem.message}
        </Alert>
      )}
      {pending && (
        <PaymentMethodInput label={text.paymentMethod} value={paymentMethod} onChange={setPaymentMethod} />
      )}
    </>
  );
  return (
    <SectionTable
      id="need-proposals"
      title={text.proposalsTitle}
      caption={text.proposalsCaption}
      minWidth={700}
      empty={need.proposals.length === 0 && text.proposalsEmpty}
      headers={[
        text.proposedOn,
        text.quantity,
        text.unitPrice,
        text.proposalWhy,
        t.buyer.needs.status,
        text.actions,
      ]}
      before={before}
    >
      {need.proposals.map((proposal) => {
        const quantity = format.number(proposal.quantity);
        return (
          <Table.Tr key={proposal.id}>
            <Table.Td>{format.dateTime(proposal.createdAt)}</Table.Td>
            <Table.Td>{quantity}</Table.Td>
            <Table.Td>{format.micros(proposal.unitPriceMicros)}</Table.Td>
            <ProposalReasonCell proposal={proposal} />
            <Table.Td>{text.proposalStatuses[proposal.status]}</Table.Td>
            <Table.Td>
              {proposal.status === 'PROPOSED' && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    loading={accepting.fetching}
                    aria-label={text.acceptProposal(quantity)}
                    onClick={() =>
                      void accept({
                        id: proposal.id,
                        paymentMethod,
                        idempotencyKey: `${idempotencyKey}-${proposal.id}`,
                      }).then((outcome) => {
                        if (outcome.data)
                          notifications.show({
                            color: 'green',
                            message: text.accepted(outcome.data.acceptProposal.number),
                          });
                        onChanged();
                      })
                    }
                  >
                    {text.accept}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    loading={declining.fetching}
                    aria-label={text.declineProposal(quantity)}
                    onClick={() =>
                      void decline({ id: proposal.id }).then((outcome) => {
                        if (outcome.data) notifications.show({ color: 'green', message: text.declined });
                        onChanged();
                      })
                    }
                  >
                    {text.decline}
                  </Button>
                </Group>
              )}
              {proposal.orderId && (
                <Anchor component={Link} to={`/achats/commandes/${proposal.orderId}`}>
                  {text.seeOrder}
                </Anchor>
              )}
            </Table.Td>
          </Table.Tr>
        );
      })}
    </SectionTable>
  );
}

/** Rounded down like the API's own wording: a need short of a few masks never reads 100 %. */
const fillPercent = (ratio: number) => `${format.number(Math.floor(ratio * 100 + 1e-9))} %`;

/** The run's figures in words; proposals made before the figures were kept show the API's English sentence. */
function ProposalReasonCell({ proposal }: { proposal: Proposal }) {
  const { reason } = proposal;
  if (!reason) return <Table.Td lang="en">{proposal.explanation}</Table.Td>;
  return (
    <Table.Td>
      {text.proposalReason(
        { ...reason, category: reason.category && t.common.categories[reason.category] },
        format.number,
        fillPercent,
        (code) => text.exclusions[code] ?? code,
      )}
    </Table.Td>
  );
}
