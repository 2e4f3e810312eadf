import { useState } from 'react';
import { Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import { pagedRows } from './paged-rows';
import { ProductForm, type SupplierProduct } from './product-form';

const MyProductsDocument = graphql(`
  query MyProducts($first: Int, $after: String) {
    myProducts(first: $first, after: $after) {
      edges {
        node {
          id
          brand
          model
          category
          standardCode
          packSize
          ceMarked
          reusable
          declaredWashes
          countryOfProduction
          productionCity
          productionDepartmentCode
          dailyCapacity
          certifiedUntil
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const productName = (product: { brand: string; model: string }) => `${product.brand} ${product.model}`;

export default function ProductsPage() {
  const text = t.supplier.products;
  const list = usePagedQuery(MyProductsDocument, { first: 20 }, (data) => data.myProducts);
  // null: closed; 'new': creating; a product: editing it.
  const [editing, setEditing] = useState<SupplierProduct | 'new' | null>(null);
  const certified = (p: SupplierProduct) => (p.certifiedUntil ? format.date(p.certifiedUntil) : null);
  const columns: Column<SupplierProduct>[] = [
    {
      key: 'product',
      header: text.columns.product,
      render: (p) => (
        <Anchor component={Link} to={`/ventes/produits/${p.id}`} aria-label={text.open(productName(p))}>
          {productName(p)}
        </Anchor>
      ),
      csv: productName,
    },
    {
      key: 'category',
      header: text.columns.category,
      render: (p) => t.common.categories[p.category],
      csv: (p) => t.common.categories[p.category],
    },
    {
      key: 'standard',
      header: text.columns.standard,
      render: (p) => p.standardCode,
      csv: (p) => p.standardCode,
    },
    {
      key: 'certifiedUntil',
      header: text.columns.certifiedUntil,
      render: (p) => certified(p) ?? <Text c="dimmed">{text.notCertified}</Text>,
      csv: (p) => certified(p) ?? text.notCertified,
    },
    {
      key: 'actions',
      header: text.columns.actions,
      render: (p) => (
        <Button
          size="xs"
          variant="default"
          onClick={() => setEditing(p)}
          aria-label={text.edit(productName(p))}
        >
          {text.editButton}
        </Button>
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
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{text.title}</Title>
        <Button onClick={() => setEditing('new')}>{text.create}</Button>
      </Group>
      <Text>{text.intro}</Text>
      <DataTable
        caption={text.caption}
        columns={columns}
        {...pagedRows(list)}
        rowKey={(p) => p.id}
        exportName={text.exportFile}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' || editing === null ? text.createTitle : text.editTitle(productName(editing))
        }
        size="lg"
        closeButtonProps={{ 'aria-label': t.common.actions.close }}
      >
        {editing !== null && <ProductForm product={editing === 'new' ? undefined : editing} onDone={close} />}
      </Modal>
    </Stack>
  );
}
