import { t } from './i18n';
import { refusedCount, waitingCount } from './outbox';
import { navigate } from './router/router';

/** The outbox badge: how many records wait to be sent (or were refused); opens the list. */
export function ShellExtras() {
  const waiting = waitingCount.value;
  const refused = refusedCount.value;
  if (!waiting && !refused) return null;
  const label = [waiting ? t('outbox.badge', { count: waiting }) : '', refused ? t('outbox.badgeRefused', { count: refused }) : '']
    .filter(Boolean)
    .join(', ');
  return (
    <button type="button" class="btn-small outbox-badge" aria-label={label} onClick={() => navigate('/outbox')}>
      <span class="badge" aria-hidden="true">
        {waiting + refused}
      </span>
      <span aria-hidden="true"> {refused ? '!' : '↑'}</span>
    </button>
  );
}
