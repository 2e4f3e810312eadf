import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { useUnreadCount } from './unread';

/** The header's bell: the unread count, and the way to the inbox. */
export function UnreadBell() {
  const { count } = useUnreadCount(true);
  return (
    <Indicator label={count} size={18} disabled={!count} color="red" offset={4}>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        size="lg"
        aria-label={t.inbox.bell(count)}
      >
        <IconBell size={22} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
