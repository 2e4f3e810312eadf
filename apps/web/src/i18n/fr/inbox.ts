/** The in-app inbox: every notification the platform sends a person (also e-mailed when SMTP is set). */
export const inboxPages = {
  title: 'Notifications',
  caption: 'Vos notifications, les plus récentes d’abord',
  unreadOnly: 'Non lues seulement',
  markAllRead: 'Tout marquer comme lu',
  markRead: 'Marquer comme lu',
  markedAll: (count: number) =>
    count
      ? `${count} notification${count > 1 ? 's' : ''} marquée${count > 1 ? 's' : ''} comme lue${count > 1 ? 's' : ''}`
      : 'Rien de nouveau',
  received: 'Reçue le',
  subject: 'Objet',
  message: 'Message',
  status: 'État',
  unread: 'Non lue',
  read: 'Lue',
  emailed: 'Envoyée par e-mail',
  bell: (unread: number) =>
    unread ? `Notifications : ${unread} non lue${unread > 1 ? 's' : ''}` : 'Notifications',
  exportFile: 'notifications.csv',
};
