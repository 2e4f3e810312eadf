import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { apiProblem } from '../../components/errors';
import { usePagedQuery } from '../../components/paged-query';
import { pagedRows } from './paged-rows';
import { OfferForm, type SupplierOffer } from './offer-form';
import { productName } from './products';
import { STATUS_COLOR } from './status-colors';

const MyOffersDocument = graphql(`
  query MyOffers($first: Int, $after: String) {
    myOffers(first: $first, after: $after) {
      edges {
        node {
          id
          status
          withdrawnReason
          externalRef
          fromPriceMicros
          minimumOrderQuantity
          orderIncrement
          leadTimeDays
          warehouseDepartmentCode
          validUntil
          priceTiers {
            minQuantity
            unitPriceMicros
          }
          product {
            id
            brand
            model
          }
          stock {
            onHand
            reserved
            available
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

const WithdrawOfferDocument = graphql(`
  mutation WithdrawOffer($id: ID!, $reason: String) {
    withdrawOffer(id: $id, reason: $reason) {
      id
      status
      withdrawnReason
    }
  }
`);

const RepublishOfferDocument = graphql(`
  mutation RepublishOffer($id: ID!) {
    republishOffer(id: $id) {
      id
      status
      withdrawnReason
    }
  }
`);

const text = t.supplier.offers;
const nameOf = (offer: SupplierOffer) =>
  productName(offer.product) + (offer.externalRef ? ` (${offer.externalRef})` : '');
const stock = (offer: SupplierOffer, key: 'onHand' | 'reserved' | 'available') =>
  offer.stock ? offer.stock[key] : null;

export default function OffersPage() {
  const list = usePagedQuery(MyOffersDocument, { first: 20 }, (data) => data.myOffers);
  const [editing, setEditing] = useState<SupplierOffer | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<SupplierOffer | null>(null);
  const [reason, setReason] = useState('');
  const [withdrawal, withdraw] = useMutation(WithdrawOfferDocument);
  const [republication, republish] = useMutation(RepublishOfferDocument);
  const problem = apiProblem(withdrawal.error ?? republication.error);

  const quantityColumn = (
    key: 'onHand' | 'reserved' | 'available',
    header: string,
  ): Column<SupplierOffer> => ({
    key,
    header,
    render: (o) => {
      const value = stock(o, key);
      return value === null ? '–' : format.number(value);
    },
    csv: (o) => stock(o, key),
  });
  const columns: Column<SupplierOffer>[] = [
    {
      key: 'product',
      header: text.columns.product,
      render: (o) => (
        <Anchor component={Link} to={`/ventes/offres/${o.id}`} aria-label={text.ledger(nameOf(o))}>
          {nameOf(o)}
        </Anchor>
      ),
      csv: nameOf,
    },
    {
      key: 'status',
      header: text.columns.status,
      render: (o) => (
        <Stack gap={4}>
          <Badge
            color={o.status === 'ACTIVE' ? STATUS_COLOR.good : STATUS_COLOR.neutral}
            variant="filled"
            w="max-content"
          >
            {text.status[o.status]}
          </Badge>
          {o.status === 'WITHDRAWN' && o.withdrawnReason && (
            <Text size="sm">{text.withdrawnBecause(o.withdrawnReason)}</Text>
          )}
        </Stack>
      ),
      csv: (o) =>
        o.status === 'WITHDRAWN' && o.withdrawnReason
          ? `${text.status[o.status]} (${text.withdrawnBecause(o.withdrawnReason)})`
          : text.status[o.status],
    },
    {
      key: 'price',
      header: text.columns.price,
      render: (o) => format.micros(o.fromPriceMicros),
      csv: (o) => format.micros(o.fromPriceMicros),
    },
    {
      key: 'moq',
      header: text.columns.moq,
      render: (o) => text.moq(format.number(o.minimumOrderQuantity), format.number(o.orderIncrement)),
      csv: (o) => text.moq(format.number(o.minimumOrderQuantity), format.number(o.orderIncrement)),
    },
    {
      key: 'warehouse',
      header: text.columns.warehouse,
      render: (o) => o.warehouseDepartmentCode,
      csv: (o) => o.warehouseDepartmentCode,
    },
    {
      key: 'leadTime',
      header: text.columns.leadTime,
      render: (o) => text.leadTimeDays(o.leadTimeDays),
      csv: (o) => o.leadTimeDays,
    },
    quantityColumn('onHand', text.columns.onHand),
    quantityColumn('reserved', text.columns.reserved),
    quantityColumn('available', text.columns.available),
    {
      key: 'actions',
      header: text.columns.actions,
      render: (o) => (
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={() => setEditing(o)}
            aria-label={text.editTerms(nameOf(o))}
          >
            {t.supplier.products.editButton}
          </Button>
          {o.status === 'ACTIVE' ? (
            <Button
              size="xs"
              variant="default"
              color="red"
              onClick={() => setWithdrawing(o)}
              aria-label={text.withdraw(nameOf(o))}
            >
              {text.withdrawButton}
            </Button>
          ) : (
            <Button
              size="xs"
              variant="default"
              aria-label={text.republish(nameOf(o))}
              onClick={() =>
                void republish({ id: o.id }).then((answer) => {
                  if (!answer.error) notifications.show({ color: 'green', message: text.republished });
                })
              }
            >
              {text.republishButton}
            </Button>
          )}
        </Group>
      ),
    },
  ];
  const close = (saved: boolean) => {
    if (saved) {
      notifications.show({ color: 'green', message: editing === 'new' ? text.created : text.updated });
      list.refresh();
    }
    setEditing(null);
  };
  const confirmWithdrawal = async () => {
    if (!withdrawing) return;
    const answer = await withdraw({ id: withdrawing.id, reason: reason.trim() || null });
    if (!answer.error) {
      notifications.show({ color: 'green', message: text.withdrawn });
      setWithdrawing(null);
      setReason('');
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{text.title}</Title>
        <Button onClick={() => setEditing('new')}>{text.create}</Button>
      </Group>
      <Text>{text.intro}</Text>
      {problem && (
        <Text c="red.9" role="alert">
          {problem.message}
        </Text>
      )}
      <DataTable
        caption={text.caption}
        columns={columns}
        {...pagedRows(list)}
        rowKey={(o) => o.id}
        exportName={text.exportFile}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' || editing === null ? text.createTitle : text.editTitle}
        size="lg"
        closeButtonProps={{ 'aria-label': t.common.actions.close }}
      >
        {editing !== null && <OfferForm offer={editing === 'new' ? undefined : editing} onDone={close} />}
      </Modal>
      <Modal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={text.withdrawTitle}
        closeButtonProps={{ 'aria-label': t.common.actions.close }}
      >
        <Stack>
          <Text>{withdrawing ? nameOf(withdrawing) : ''}</Text>
          <TextInput
            label={text.withdrawReason}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWithdrawing(null)}>
              {t.common.actions.cancel}
            </Button>
            <Button color="red" loading={withdrawal.fetching} onClick={() => void confirmWithdrawal()}>
              {t.common.actions.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
