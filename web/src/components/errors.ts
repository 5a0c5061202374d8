import { ApiError, NetworkError } from '../api/client';
import { t } from '../i18n';

/** What to tell the person about a failed call, in their language (the server's own detail when it gave one). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || t('error.unexpected', { status: error.status });
  if (error instanceof NetworkError) return t('error.network');
  return t('error.unexpected', { status: '?' });
}
