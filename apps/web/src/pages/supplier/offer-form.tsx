import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { MyOffersQuery, OfferTermsInput } from '../../gql/graphql';
import { t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { DEPARTMENT_OPTIONS } from '../../components/geography';

const OfferProductsDocument = graphql(`
  query OfferProducts {
    myProducts(first: 100) {
      edges {
        node {
          id
          brand
          model
          certifiedUntil
        }
      }
    }
  }
`);

const CreateOfferDocument = graphql(`
  mutation CreateOffer($input: OfferInput!) {
    createOffer(input: $input) {
      id
    }
  }
`);

const UpdateOfferTermsDocument = graphql(`
  mutation UpdateOfferTerms($id: ID!, $input: OfferTermsInput!) {
    updateOfferTerms(id: $id, input: $input) {
      id
      minimumOrderQuantity
      orderIncrement
      leadTimeDays
      warehouseDepartmentCode
      fromPriceMicros
      priceTiers {
        minQuantity
        unitPriceMicros
      }
    }
  }
`);

export type SupplierOffer = MyOffersQuery['myOffers']['edges'][number]['node'];

interface Tier {
  minQuantity: number | '';
  /** Euros per mask as typed; the API takes micro-euros. */
  euros: number | '';
}

const text = t.supplier.offers;
const count = (value: string | number) => (typeof value === 'number' ? Math.trunc(value) : 0);
/** YYYY-MM-DD of a date input → the API's DateTime, or null when empty. */
const isoDay = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : null);

/** A new lot (product, quantity and terms), or new terms for an existing offer (updateOfferTerms). */
export function OfferForm({ offer, onDone }: { offer?: SupplierOffer; onDone: (saved: boolean) => void }) {
  const [products] = useQuery({ query: OfferProductsDocument, pause: !!offer });
  const [created, create] = useMutation(CreateOfferDocument);
  const [updated, update] = useMutation(UpdateOfferTermsDocument);
  const result = offer ? updated : created;
  const problem = apiProblem(result.error);
  const [productId, setProductId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | ''>(10_000);
  const [externalRef, setExternalRef] = useState('');
  const [terms, setTerms] = useState({
    minimumOrderQuantity: offer?.minimumOrderQuantity ?? 1_000,
    orderIncrement: offer?.orderIncrement ?? 1_000,
    leadTimeDays: offer?.leadTimeDays ?? 5,
    warehouseDepartmentCode: offer?.warehouseDepartmentCode ?? null,
    availableFrom: '',
    validUntil: offer?.validUntil?.slice(0, 10) ?? '',
  });
  const [tiers, setTiers] = useState<Tier[]>(
    offer?.priceTiers.map((tier) => ({
      minQuantity: tier.minQuantity,
      euros: tier.unitPriceMicros / 1_000_000,
    })) ?? [{ minQuantity: 1_000, euros: '' }],
  );
  const setTier = (index: number, patch: Partial<Tier>) =>
    setTiers((current) => current.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)));

  const submit = async () => {
    const input: OfferTermsInput = {
      minimumOrderQuantity: terms.minimumOrderQuantity,
      orderIncrement: terms.orderIncrement,
      leadTimeDays: terms.leadTimeDays,
      warehouseDepartmentCode: terms.warehouseDepartmentCode ?? '',
      availableFrom: isoDay(terms.availableFrom),
      validUntil: isoDay(terms.validUntil),
      priceTiers: tiers.map((tier) => ({
        minQuantity: count(tier.minQuantity),
        unitPriceMicros: Math.round(Number(tier.euros || 0) * 1_000_000),
      })),
    };
    const answer = offer
      ? await update({ id: offer.id, input })
      : await create({
          input: {
            ...input,
            productId: productId ?? '',
            quantity: count(quantity),
            externalRef: externalRef.trim() || null,
          },
        });
    if (!answer.error) onDone(true);
  };

  const productOptions = (products.data?.myProducts.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: `${node.brand} ${node.model}`,
  }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack>
        {problem && !Object.keys(problem.fields).length && (
          <Alert color="red" role="alert">
            {problem.message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {!offer && (
            <>
              <Select
                label={text.fields.product}
                description={text.fields.productHint}
                required
                searchable
                data={productOptions}
                value={productId}
                onChange={setProductId}
                error={fieldError(problem, 'productId')}
              />
              <NumberInput
                label={text.fields.quantity}
                required
                min={1}
                allowDecimal={false}
                thousandSeparator=" "
                value={quantity}
                onChange={(value) => setQuantity(typeof value === 'number' ? value : '')}
                error={fieldError(problem, 'quantity')}
              />
            </>
          )}
          <NumberInput
            label={text.fields.minimumOrderQuantity}
            required
            min={1}
            allowDecimal={false}
            thousandSeparator=" "
            value={terms.minimumOrderQuantity}
            onChange={(value) => setTerms({ ...terms, minimumOrderQuantity: count(value) })}
            error={fieldError(problem, 'minimumOrderQuantity')}
          />
          <NumberInput
            label={text.fields.orderIncrement}
            required
            min={1}
            allowDecimal={false}
            thousandSeparator=" "
            value={terms.orderIncrement}
            onChange={(value) => setTerms({ ...terms, orderIncrement: count(value) })}
            error={fieldError(problem, 'orderIncrement')}
          />
          <Select
            label={text.fields.warehouse}
            required
            searchable
            data={DEPARTMENT_OPTIONS}
            value={terms.warehouseDepartmentCode}
            onChange={(value) => setTerms({ ...terms, warehouseDepartmentCode: value })}
            error={fieldError(problem, 'warehouseDepartmentCode')}
          />
          <NumberInput
            label={text.fields.leadTimeDays}
            required
            min={0}
            allowDecimal={false}
            value={terms.leadTimeDays}
            onChange={(value) => setTerms({ ...terms, leadTimeDays: count(value) })}
            error={fieldError(problem, 'leadTimeDays')}
          />
          {!offer && (
            <TextInput
              label={text.fields.externalRef}
              value={externalRef}
              onChange={(e) => setExternalRef(e.currentTarget.value)}
              error={fieldError(problem, 'externalRef')}
            />
          )}
          <TextInput
            type="date"
            label={text.fields.availableFrom}
            value={terms.availableFrom}
            onChange={(e) => setTerms({ ...terms, availableFrom: e.currentTarget.value })}
            error={fieldError(problem, 'availableFrom')}
          />
          <TextInput
            type="date"
            label={text.fields.validUntil}
            value={terms.validUntil}
            onChange={(e) => setTerms({ ...terms, validUntil: e.currentTarget.value })}
            error={fieldError(problem, 'validUntil')}
          />
        </SimpleGrid>
        <Title order={3}>{text.tiersTitle}</Title>
        <Text size="sm">{text.tiersHint}</Text>
        {fieldError(problem, 'priceTiers') && (
          <Text c="red.9" size="sm" role="alert">
            {fieldError(problem, 'priceTiers')}
          </Text>
        )}
        {tiers.map((tier, index) => (
          <Group key={index} align="flex-end" grow>
            <NumberInput
              label={text.tierFrom(index + 1)}
              required
              min={1}
              allowDecimal={false}
              thousandSeparator=" "
              value={tier.minQuantity}
              onChange={(value) => setTier(index, { minQuantity: typeof value === 'number' ? value : '' })}
            />
            <NumberInput
              label={text.tierPrice(index + 1)}
              required
              min={0}
              decimalScale={4}
              decimalSeparator=","
              value={tier.euros}
              onChange={(value) => setTier(index, { euros: typeof value === 'number' ? value : '' })}
            />
            {tiers.length > 1 && (
              <ActionIcon
                variant="default"
                size="lg"
                style={{ flexGrow: 0 }}
                aria-label={text.removeTier(index + 1)}
                onClick={() => setTiers(tiers.filter((_, i) => i !== index))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        <Button
          variant="default"
          w="fit-content"
          onClick={() => setTiers([...tiers, { minQuantity: '', euros: '' }])}
        >
          {text.addTier}
        </Button>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(false)}>
            {t.common.actions.cancel}
          </Button>
          <Button type="submit" loading={result.fetching}>
            {t.common.actions.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
