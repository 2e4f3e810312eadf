import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { graphql } from '../../gql';
import type { MaskCategory, OfferSearchQuery, OfferSort } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { DEPARTMENT_OPTIONS } from '../../components/geography';
import { CategoryFilter, RegionFilter } from '../../components/filters';
import { usePagedQuery } from '../../components/paged-query';
import { useSession } from '../../session/session';
import { canBuy, unitPriceAt } from './access';
import { OrderForm } from './order-form';

const OfferSearchDocument = graphql(`
  query OfferSearch(
    $first: Int
    $after: String
    $category: MaskCategory
    $regionCode: String
    $departmentCode: String
    $quantity: Int
    $maxUnitPriceMicros: Int
    $maxLeadTimeDays: Int
    $madeInFrance: Boolean
    $acceptEquivalents: Boolean!
    $sort: OfferSort!
  ) {
    offers(
      first: $first
      after: $after
      category: $category
      regionCode: $regionCode
      departmentCode: $departmentCode
      quantity: $quantity
      maxUnitPriceMicros: $maxUnitPriceMicros
      maxLeadTimeDays: $maxLeadTimeDays
      madeInFrance: $madeInFrance
      acceptEquivalents: $acceptEquivalents
      sort: $sort
    ) {
      edges {
        node {
          id
          category
          available
          fromPriceMicros
          leadTimeDays
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
            standardCode
          }
          supplier {
            id
            name
            city
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export type SearchedOffer = OfferSearchQuery['offers']['edges'][number]['node'];

const text = t.buyer.offers;
const SORT_OPTIONS = Object.entries(text.sorts).map(([value, label]) => ({ value, label }));
const whole = (value: string | number) => (typeof value === 'number' && value > 0 ? value : null);

export const productName = (offer: Pick<SearchedOffer, 'product'>) =>
  `${offer.product.brand} ${offer.product.model}`;

export default function OffersPage() {
  const { viewer } = useSession();
  const [category, setCategory] = useState<MaskCategory | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [departmentCode, setDepartmentCode] = useState<string | null>(null);
  const [quantityInput, setQuantity] = useState<string | number>('');
  const [maxPriceInput, setMaxPrice] = useState<string | number>('');
  const [maxLeadInput, setMaxLead] = useState<string | number>('');
  const [madeInFrance, setMadeInFrance] = useState(false);
  const [acceptEquivalents, setAcceptEquivalents] = useState(true);
  const [sort, setSort] = useState<OfferSort>('PRICE');
  const [ordering, setOrdering] = useState<SearchedOffer | null>(null);
  // Typed numbers reach the server once the buyer pauses, not at each keystroke.
  const [quantity] = useDebouncedValue(whole(quantityInput), 400);
  const [maxPrice] = useDebouncedValue(whole(maxPriceInput), 400);
  const [maxLeadTimeDays] = useDebouncedValue(whole(maxLeadInput), 400);
  const list = usePagedQuery(
    OfferSearchDocument,
    {
      // The API weighs a page by its size (at most 1,000): 20 offers with their product and supplier fit.
      first: 20,
      // An absent filter is left out: the API reads an explicit null as "equal to null".
      category: category ?? undefined,
      regionCode: regionCode ?? undefined,
      departmentCode: departmentCode ?? undefined,
      quantity: quantity ?? undefined,
      maxUnitPriceMicros: maxPrice === null ? undefined : Math.round(maxPrice * 1_000_000),
      maxLeadTimeDays: maxLeadTimeDays ?? undefined,
      madeInFrance: madeInFrance || undefined,
      acceptEquivalents,
      sort,
    },
    (data) => data.offers,
  );
  const price = (offer: SearchedOffer) =>
    quantity
      ? format.micros(unitPriceAt(offer.priceTiers, quantity))
      : text.fromPrice(format.micros(offer.fromPriceMicros));
  const columns: Column<SearchedOffer>[] = [
    {
      key: 'product',
      header: text.product,
      render: (offer) => (
        <Stack gap={2}>
          <Text fw={500}>{productName(offer)}</Text>
          <Group gap={4}>
            <Badge variant="outline">{t.common.categories[offer.category]}</Badge>
            {offer.madeInFrance && <Badge variant="outline">{text.madeInFranceBadge}</Badge>}
          </Group>
        </Stack>
      ),
      csv: productName,
    },
    {
      key: 'supplier',
      header: text.supplier,
      render: (offer) => [offer.supplier.name, offer.supplier.city].filter(Boolean).join(', '),
      csv: (offer) => offer.supplier.name,
    },
    { key: 'price', header: text.price, render: price, csv: price },
    {
      key: 'available',
      header: text.available,
      render: (offer) => text.units(format.number(offer.available)),
      csv: (offer) => offer.available,
    },
    {
      key: 'terms',
      header: text.terms,
      render: (offer) =>
        text.minimum(format.number(offer.minimumOrderQuantity), format.number(offer.orderIncrement)),
      csv: (offer) => offer.minimumOrderQuantity,
    },
    {
      key: 'lead',
      header: text.leadTime,
      render: (offer) => text.days(offer.leadTimeDays),
      csv: (offer) => offer.leadTimeDays,
    },
    {
      key: 'warehouse',
      header: text.warehouse,
      render: (offer) => offer.warehouseDepartmentCode,
      csv: (offer) => offer.warehouseDepartmentCode,
    },
  ];
  if (canBuy(viewer))
    columns.push({
      key: 'action',
      header: text.action,
      render: (offer) => (
        <Button
          size="xs"
          onClick={() => setOrdering(offer)}
          aria-label={text.orderOffer(productName(offer), offer.supplier.name)}
        >
          {text.order}
        </Button>
      ),
    });

  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <Group align="flex-end" wrap="wrap">
        <CategoryFilter label={text.category} value={category} onChange={setCategory} />
        <RegionFilter label={text.region} value={regionCode} onChange={setRegionCode} />
        <Select
          label={text.department}
          data={DEPARTMENT_OPTIONS}
          value={departmentCode}
          onChange={setDepartmentCode}
          clearable
          searchable
          placeholder={t.common.table.all}
        />
        <NumberInput
          label={text.quantity}
          value={quantityInput}
          onChange={setQuantity}
          min={1}
          allowDecimal={false}
          thousandSeparator=" "
        />
        <NumberInput
          label={text.maxPrice}
          value={maxPriceInput}
          onChange={setMaxPrice}
          min={0}
          decimalScale={4}
          decimalSeparator=","
        />
        <NumberInput
          label={text.maxLeadTime}
          value={maxLeadInput}
          onChange={setMaxLead}
          min={0}
          allowDecimal={false}
        />
        <Select
          label={text.sort}
          data={SORT_OPTIONS}
          value={sort}
          onChange={(value) => setSort((value as OfferSort | null) ?? 'PRICE')}
          allowDeselect={false}
        />
      </Group>
      <Group>
        <Checkbox
          label={text.madeInFrance}
          checked={madeInFrance}
          onChange={(event) => setMadeInFrance(event.currentTarget.checked)}
        />
        <Checkbox
          label={text.equivalents}
          checked={acceptEquivalents}
          onChange={(event) => setAcceptEquivalents(event.currentTarget.checked)}
        />
      </Group>
      <DataTable
        caption={text.caption}
        columns={columns}
        rows={list.rows}
        rowKey={(offer) => offer.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.exportFile}
      />
      {ordering && (
        <OrderForm
          key={ordering.id}
          offer={ordering}
          initialQuantity={quantity ?? ordering.minimumOrderQuantity}
          onClose={() => setOrdering(null)}
        />
      )}
    </Stack>
  );
}
