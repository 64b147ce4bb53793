import { Link } from 'react-router';
import { describeError } from '@/api';
import { RequireAuth } from '@/features/auth';
import { Alert, Avatar, Button, ButtonLink, LoadMore, Spinner, timeAgo, useDocumentTitle, useToast } from '@/ui';
import { actionPhrase, actorName, actorsPhrase, linkOf, notificationSentence, targetName } from './notification-text';
import { useMarkRead, useNotifications, useUnreadCount } from './notifications.hooks';
import type { Notification } from './notifications.types';
import './notifications.css';

export function NotificationsPage() {
  useDocumentTitle('Notifications');
  return (
    <RequireAuth>
      <Notifications />
    </RequireAuth>
  );
}

function Notifications() {
  const list = useNotifications();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const notify = useToast();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const newest = items[0]?.at;

  return (
    <section className="notification-page" aria-labelledby="notifications-title">
      <header className="notification-head">
        <div>
          <h1 id="notifications-title">Notifications</h1>
          <p className="muted" aria-live="polite">
            {unread === 0 ? 'You have read everything.' : `${unread} unread`}
          </p>
        </div>
        <Button
          variant="secondary"
          size="sm"
          disabled={unread === 0}
          pending={markRead.isPending}
          pendingLabel="Marking…"
          onClick={() =>
            markRead.mutate(newest, {
              onError: (error) => notify(describeError(error, []).formError ?? 'That did not work.', 'error'),
            })
          }
        >
          Mark all read
        </Button>
      </header>

      {list.isPending ? (
        <Spinner label="Loading notifications…" />
      ) : list.isError && items.length === 0 ? (
        <Alert tone="error" title="Your notifications didn't load.">
          <p>{describeError(list.error, []).formError}</p>
          <Button variant="secondary" size="sm" pending={list.isFetching} onClick={() => void list.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <div className="notification-empty">
          <p className="empty-glyph" aria-hidden="true">
            ✓
          </p>
          <h2>No notifications yet</h2>
          <p className="muted">
            When someone follows you, likes or reposts your tracks, or comments on them, you'll hear about it here.
          </p>
          <ButtonLink to="/feed" variant="secondary">
            Go to your feed
          </ButtonLink>
        </div>
      ) : (
        <>
          <ol className="notification-list">
            {items.map((n) => (
              <NotificationRow key={n.id} n={n} />
            ))}
          </ol>
          <LoadMore pages={list} className="notification-more" />
        </>
      )}
    </section>
  );
}

function NotificationRow({ n }: { n: Notification }) {
  const { named, others } = actorsPhrase(n);
  const target = targetName(n.target);
  const link = linkOf(n);
  const first = n.actors[0];
  return (
    <li className={`notification-item ${n.read ? '' : 'notification-unread'}`}>
      <span className="notification-kind" aria-hidden="true">
        {KIND_GLYPH[n.kind]}
      </span>
      {first && <Avatar name={actorName(first)} src={first.avatarUrl} size={40} decorative />}
      <p className="notification-text">
        <span className="visually-hidden">{n.read ? '' : 'Unread: '}</span>
        {named.map((a, i) => (
          <span key={a.id}>
            {i > 0 && ' and '}
            <Link to={`/u/${encodeURIComponent(a.username)}`} className="notification-actor">
              {actorName(a)}
            </Link>
          </span>
        ))}
        {others > 0 && ` and ${others} ${others === 1 ? 'other' : 'others'}`} {actionPhrase(n)}
        {target &&
          (link && n.target.type !== 'user' ? (
            <>
              {' '}
              <Link to={link} className="notification-target">
                {target}
              </Link>
            </>
          ) : (
            <span className="notification-gone"> {target}</span>
          ))}
        <span className="visually-hidden">. {notificationSentence(n)}</span>
      </p>
      <time className="notification-time" dateTime={n.at} title={new Date(n.at).toLocaleString()}>
        {timeAgo(n.at)}
      </time>
    </li>
  );
}

const KIND_GLYPH: Record<Notification['kind'], string> = {
  follow: '+',
  like: '♥',
  repost: '↻',
  comment: '✎',
  reply: '↩',
};
