import { useState } from 'react';
import { Badge, Button, Checkbox, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { InboxQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import { useUnreadCount } from './unread';

const InboxDocument = graphql(`
  query Inbox($first: Int, $after: String, $unreadOnly: Boolean) {
    myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      edges {
        node {
          id
          subject
          body
          createdAt
          readAt
          emailedAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

const MarkAllReadDocument = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

type Item = InboxQuery['myNotifications']['edges'][number]['node'];

export default function InboxPage() {
  const text = t.inbox;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = usePagedQuery(InboxDocument, { first: 50, unreadOnly }, (data) => data.myNotifications);
  const [, markRead] = useMutation(MarkReadDocument);
  const [markingAll, markAllRead] = useMutation(MarkAllReadDocument);
  // The header's bell reads the same query: re-reading it here updates the bell at once.
  const unread = useUnreadCount(true);
  const reload = () => {
    list.refresh();
    unread.refresh();
  };
  const columns: Column<Item>[] = [
    {
      key: 'received',
      header: text.received,
      render: (n) => format.dateTime(n.createdAt),
      csv: (n) => n.createdAt,
    },
    {
      key: 'subject',
      header: text.subject,
      render: (n) => <Text fw={n.readAt ? 400 : 700}>{n.subject}</Text>,
      csv: (n) => n.subject,
    },
    {
      key: 'message',
      header: text.message,
      render: (n) => (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {n.body}
        </Text>
      ),
      csv: (n) => n.body,
    },
    {
      key: 'status',
      header: text.status,
      render: (n) => (
        <Stack gap={4} align="flex-start">
          {n.readAt ? (
            <Text size="sm">{text.read}</Text>
          ) : (
            <>
              <Badge color="blue" variant="filled">
                {text.unread}
              </Badge>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => void markRead({ ids: [n.id] }).then(reload)}
              >
                {text.markRead}
              </Button>
            </>
          )}
          {n.emailedAt && (
            <Text size="xs" c="dimmed">
              {text.emailed}
            </Text>
          )}
        </Stack>
      ),
      csv: (n) => (n.readAt ? text.read : text.unread),
    },
  ];
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <DataTable
        caption={text.caption}
        columns={columns}
        rows={list.rows}
        rowKey={(n) => n.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.exportFile}
        toolbar={
          <>
            <Checkbox
              label={text.unreadOnly}
              checked={unreadOnly}
              onChange={(event) => setUnreadOnly(event.currentTarget.checked)}
            />
            <Button
              variant="light"
              loading={markingAll.fetching}
              onClick={() =>
                void markAllRead({}).then((result) => {
                  notifications.show({ message: text.markedAll(result.data?.markAllNotificationsRead ?? 0) });
                  reload();
                })
              }
            >
              {text.markAllRead}
            </Button>
          </>
        }
      />
    </Stack>
  );
}
