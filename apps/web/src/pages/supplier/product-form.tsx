import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { MaskCategory, MyProductsQuery, ProductInput } from '../../gql/graphql';
import { t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { DEPARTMENT_OPTIONS } from '../../components/geography';

export const MaskStandardsDocument = graphql(`
  query MaskStandards {
    maskStandards {
      code
      name
      category
      kind
      thresholds
      validUntil
    }
  }
`);

const CreateProductDocument = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

const UpdateProductDocument = graphql(`
  mutation UpdateProduct($id: ID!, $input: ProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      brand
      model
      packSize
      ceMarked
      reusable
      declaredWashes
      countryOfProduction
      productionCity
      productionDepartmentCode
      dailyCapacity
    }
  }
`);

export type SupplierProduct = MyProductsQuery['myProducts']['edges'][number]['node'];

export const CATEGORY_OPTIONS = Object.entries(t.common.categories).map(([value, label]) => ({
  value,
  label,
}));

const EMPTY: ProductInput = {
  brand: '',
  model: '',
  category: 'FFP2',
  standardCode: '',
  packSize: 50,
  ceMarked: true,
  reusable: false,
  declaredWashes: null,
  countryOfProduction: 'FR',
  productionCity: '',
  productionDepartmentCode: null,
  dailyCapacity: 0,
};

function inputOf(product: SupplierProduct): ProductInput {
  return {
    brand: product.brand,
    model: product.model,
    category: product.category,
    standardCode: product.standardCode,
    packSize: product.packSize,
    ceMarked: product.ceMarked,
    reusable: product.reusable,
    declaredWashes: product.declaredWashes ?? null,
    countryOfProduction: product.countryOfProduction,
    productionCity: product.productionCity ?? '',
    productionDepartmentCode: product.productionDepartmentCode ?? null,
    dailyCapacity: product.dailyCapacity,
  };
}

const int = (value: string | number) => (typeof value === 'number' ? Math.trunc(value) : 0);

/** Creates a product, or edits one (its category and standard then stay as they are, as the API says). */
export function ProductForm({
  product,
  onDone,
}: {
  product?: SupplierProduct;
  onDone: (saved: boolean) => void;
}) {
  const [input, setInput] = useState<ProductInput>(product ? inputOf(product) : EMPTY);
  const [standards] = useQuery({ query: MaskStandardsDocument });
  const [created, create] = useMutation(CreateProductDocument);
  const [updated, update] = useMutation(UpdateProductDocument);
  const result = product ? updated : created;
  const problem = apiProblem(result.error);
  const text = t.supplier.products.fields;
  const set = (patch: Partial<ProductInput>) => setInput((current) => ({ ...current, ...patch }));
  const standardOptions = (standards.data?.maskStandards ?? [])
    .filter((standard) => standard.category === input.category)
    .map((standard) => ({ value: standard.code, label: `${standard.code} — ${standard.name}` }));
  const france = input.countryOfProduction.trim().toUpperCase() === 'FR';

  const submit = async () => {
    const payload: ProductInput = {
      ...input,
      countryOfProduction: input.countryOfProduction.trim().toUpperCase(),
      productionCity: input.productionCity?.trim() || null,
      productionDepartmentCode: france ? input.productionDepartmentCode : null,
      declaredWashes: input.reusable ? input.declaredWashes : null,
    };
    const answer = product
      ? await update({ id: product.id, input: payload })
      : await create({ input: payload });
    if (!answer.error) onDone(true);
  };

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
          <TextInput
            label={text.brand}
            required
            value={input.brand}
            onChange={(e) => set({ brand: e.currentTarget.value })}
            error={fieldError(problem, 'brand')}
          />
          <TextInput
            label={text.model}
            required
            value={input.model}
            onChange={(e) => set({ model: e.currentTarget.value })}
            error={fieldError(problem, 'model')}
          />
          <Select
            label={text.category}
            required
            data={CATEGORY_OPTIONS}
            value={input.category}
            disabled={!!product}
            description={product ? text.categoryLocked : undefined}
            allowDeselect={false}
            onChange={(value) => value && set({ category: value as MaskCategory, standardCode: '' })}
            error={fieldError(problem, 'category')}
          />
          <Select
            label={text.standard}
            required
            data={standardOptions}
            value={input.standardCode || null}
            disabled={!!product}
            description={product ? undefined : text.standardHint}
            onChange={(value) => set({ standardCode: value ?? '' })}
            error={fieldError(problem, 'standardCode')}
          />
          <NumberInput
            label={text.packSize}
            required
            min={1}
            allowDecimal={false}
            value={input.packSize}
            onChange={(value) => set({ packSize: int(value) })}
            error={fieldError(problem, 'packSize')}
          />
          <NumberInput
            label={text.dailyCapacity}
            min={0}
            allowDecimal={false}
            thousandSeparator=" "
            value={input.dailyCapacity ?? 0}
            onChange={(value) => set({ dailyCapacity: int(value) })}
            error={fieldError(problem, 'dailyCapacity')}
          />
          <TextInput
            label={text.countryOfProduction}
            required
            maxLength={2}
            value={input.countryOfProduction}
            onChange={(e) => set({ countryOfProduction: e.currentTarget.value })}
            error={fieldError(problem, 'countryOfProduction')}
          />
          <TextInput
            label={text.productionCity}
            value={input.productionCity ?? ''}
            onChange={(e) => set({ productionCity: e.currentTarget.value })}
            error={fieldError(problem, 'productionCity')}
          />
          {france && (
            <Select
              label={text.productionDepartment}
              data={DEPARTMENT_OPTIONS}
              searchable
              clearable
              value={input.productionDepartmentCode ?? null}
              onChange={(value) => set({ productionDepartmentCode: value })}
              error={fieldError(problem, 'productionDepartmentCode')}
            />
          )}
        </SimpleGrid>
        <Group>
          <Checkbox
            label={text.ceMarked}
            checked={input.ceMarked}
            onChange={(e) => set({ ceMarked: e.currentTarget.checked })}
          />
          <Checkbox
            label={text.reusable}
            checked={input.reusable}
            onChange={(e) => set({ reusable: e.currentTarget.checked })}
          />
        </Group>
        {input.reusable && (
          <NumberInput
            label={text.declaredWashes}
            required
            min={1}
            allowDecimal={false}
            value={input.declaredWashes ?? ''}
            onChange={(value) =>
              set({ declaredWashes: typeof value === 'number' ? Math.trunc(value) : null })
            }
            error={fieldError(problem, 'declaredWashes')}
          />
        )}
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
