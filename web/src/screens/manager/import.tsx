import { useId, useState } from 'preact/hooks';
import { postForm } from '../../api/files';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { t } from '../../i18n';
import type { ImportResult } from './types';
import { FormError, Link } from './ui';

/** Households from a CSV file (or an Excel sheet saved as CSV), with the server's line-by-line report. */
export default function Import() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { busy, error, run: upload } = useSubmit(async () => {
    if (!file) throw new Error(t('manager.import.pickFile'));
    setResult(null);
    const form = new FormData();
    form.append('file', file, file.name);
    setResult(await postForm<ImportResult>('/api/v1/households/import', form));
  });

  return (
    <Page title={t('manager.import.title')} back="/manager/households">
      <p>{t('manager.import.explain')}</p>
      <p class="hint">{t('manager.import.columns')}</p>
      <form onSubmit={handleSubmit(upload)}>
        <div class="field">
          <label for={id}>{t('manager.import.file')}</label>
          <input id={id} type="file" accept=".csv,.txt,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        {error instanceof Error && error.message === t('manager.import.pickFile') ? <Alert tone="error">{error.message}</Alert> : <FormError error={error} />}
        <Button type="submit" busy={busy}>
          {t('manager.import.send')}
        </Button>
      </form>
      {result && (
        <section aria-live="polite">
          <h2>{t('manager.import.report')}</h2>
          <Alert tone={result.rejected.length ? 'warning' : 'success'}>
            {t('manager.import.summary', { created: result.created, rejected: result.rejected.length })}
          </Alert>
          {result.ignoredColumns.length > 0 && <p>{t('manager.import.ignored', { columns: result.ignoredColumns.join(', ') })}</p>}
          {result.rejected.length > 0 && (
            <ul class="cards" aria-label={t('manager.import.rejectedRows')}>
              {result.rejected.map((row) => (
                <li key={row.line} class="card">
                  <h3>{t('manager.import.line', { line: row.line })}</h3>
                  <ul>
                    {row.errors.map((e) => (
                      <li key={e.field}>
                        <strong>{e.field}</strong>: {e.message}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <Link to="/manager/households">{t('manager.import.toList')}</Link>
        </section>
      )}
    </Page>
  );
}
