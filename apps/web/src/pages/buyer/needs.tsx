import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { MaskCategory, NeedStatus, NeedsListQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { apiProblem, fieldError } from '../../components/errors';
import { DEPARTMENT_OPTIONS } from '../../components/geography';
import { usePagedQuery } from '../../components/paged-query';
import { useSession } from '../../session/session';

const NeedsListDocument = graphql(`
  query NeedsList($first: Int, $after: String, $status: NeedStatus) {
    needsList(first: $first, after: $after, status: $status) {
      edges {
        node {
          id
          category
          quantity
          covered
          neededBy
          expiresAt
          status
          deliveryDepartmentCode
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const PostNeedDocument = graphql(`
  mutation PostNeed($input: NeedInput!, $idempotencyKey: String) {
    postNeed(input: $input, idempotencyKey: $idempotencyKey) {
      id
    }
  }
`);

type NeedRow = NeedsListQuery['needsList']['edges'][number]['node'];

const text = t.buyer.needs;
const CATEGORY_OPTIONS = Object.entries(t.common.categories).map(([value, label]) => ({ value, label }));
const STATUS_OPTIONS = Object.entries(text.statuses).map(([value, label]) => ({ value, label }));

/** The buyer's needs, and the form to post one (its page then shows what can serve it). */
export default function NeedsPage() {
  const [status, setStatus] = useState<NeedStatus | null>(null);
  const list = usePagedQuery(NeedsListDocument, { first: 50, status }, (data) => data.needsList);
  const columns: Column<NeedRow>[] = [
    {
      key: 'need',
      header: text.need,
      render: (need) => (
        <Anchor
          component={Link}
          to={`/achats/besoins/${need.id}`}
          aria-label={text.openNeed(t.common.categories[need.category], format.number(need.quantity))}
        >
          {`${t.common.categories[need.category]} — ${format.number(need.quantity)}`}
        </Anchor>
      ),
      csv: (need) => `${need.category} ${need.quantity}`,
    },
    {
      key: 'neededBy',
      header: text.neededBy,
      render: (need) => format.date(need.neededBy),
      csv: (need) => need.neededBy,
    },
    {
      key: 'coverage',
      header: text.coverage,
      render: (need) => text.covered(format.number(need.covered), format.number(need.quantity)),
      csv: (need) => need.covered,
    },
    {
      key: 'status',
      header: text.status,
      render: (need) => <Badge variant="outline">{text.statuses[need.status]}</Badge>,
      csv: (need) => text.statuses[need.status],
    },
    {
      key: 'expires',
      header: text.expiresAt,
      render: (need) => format.date(need.expiresAt),
      csv: (need) => need.expiresAt,
    },
  ];
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <PostNeedForm />
      <DataTable
        caption={text.caption}
        columns={columns}
        rows={list.rows}
        rowKey={(need) => need.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.exportFile}
        toolbar={
          <Select
            label={text.status}
            data={STATUS_OPTIONS}
            value={status}
            onChange={(value) => setStatus(value as NeedStatus | null)}
            clearable
            placeholder={t.common.table.all}
          />
        }
      />
    </Stack>
  );
}

function PostNeedForm() {
  const { viewer } = useSession();
  const navigate = useNavigate();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [category, setCategory] = useState<MaskCategory | null>(null);
  const [quantity, setQuantity] = useState<string | number>('');
  const [neededBy, setNeededBy] = useState('');
  const [department, setDepartment] = useState<string | null>(viewer?.organisation?.departmentCode ?? null);
  const [maxPrice, setMaxPrice] = useState<string | number>('');
  const [acceptsEquivalents, setAcceptsEquivalents] = useState(true);
  const [notes, setNotes] = useState('');
  const [result, post] = useMutation(PostNeedDocument);
  const problem = apiProblem(result.error);
  const fields = [
    'category',
    'quantity',
    'neededBy',
    'deliveryDepartmentCode',
    'maxUnitPriceMicros',
    'notes',
  ];
  const general = problem && !fields.some((field) => fieldError(problem, field));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = await post({
      idempotencyKey,
      input: {
        category: category as MaskCategory,
        quantity: typeof quantity === 'number' ? quantity : 0,
        // The end of the chosen day in the browser's zone: "by the 12th" includes the 12th.
        neededBy: neededBy ? new Date(`${neededBy}T23:59:59`).toISOString() : '',
        deliveryDepartmentCode: department ?? '',
        acceptsEquivalents,
        ...(typeof maxPrice === 'number' ? { maxUnitPriceMicros: Math.round(maxPrice * 1_000_000) } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      },
    });
    const posted = outcome.data?.postNeed;
    if (posted) {
      notifications.show({ color: 'green', message: text.posted });
      void navigate(`/achats/besoins/${posted.id}`);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="post-need">
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={2} id="post-need">
            {text.formTitle}
          </Title>
          {general && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={text.category}
              data={CATEGORY_OPTIONS}
              value={category}
              onChange={(value) => setCategory(value as MaskCategory | null)}
              required
              error={fieldError(problem, 'category')}
            />
            <NumberInput
              label={text.quantity}
              value={quantity}
              onChange={setQuantity}
              min={1}
              allowDecimal={false}
              thousandSeparator=" "
              required
              error={fieldError(problem, 'quantity')}
            />
            <TextInput
              type="date"
              label={text.neededBy}
              value={neededBy}
              onChange={(event) => setNeededBy(event.currentTarget.value)}
              required
              error={fieldError(problem, 'neededBy')}
            />
            <Select
              label={text.deliveryDepartment}
              data={DEPARTMENT_OPTIONS}
              value={department}
              onChange={setDepartment}
              searchable
              required
              error={fieldError(problem, 'deliveryDepartmentCode')}
            />
            <NumberInput
              label={text.maxPrice}
              value={maxPrice}
              onChange={setMaxPrice}
              min={0}
              decimalScale={4}
              decimalSeparator=","
              error={fieldError(problem, 'maxUnitPriceMicros')}
            />
            <TextInput
              label={text.notes}
              value={notes}
              onChange={(event) => setNotes(event.currentTarget.value)}
              error={fieldError(problem, 'notes')}
            />
          </SimpleGrid>
          <Checkbox
            label={text.equivalents}
            checked={acceptsEquivalents}
            onChange={(event) => setAcceptsEquivalents(event.currentTarget.checked)}
          />
          <Button type="submit" loading={result.fetching} w="fit-content">
            {text.submit}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
