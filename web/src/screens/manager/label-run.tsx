import { useEffect, useState } from 'preact/hooks';
import { api, request } from '../../api/client';
import { downloadFile, fileUrl } from '../../api/files';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextArea } from '../../components/text-area';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { formatNumber, t } from '../../i18n';
import type { RouteParams } from '../../router/router';
import type { Label, LabelRun } from './types';
import { FormError, FormSubmit, Link, Loading, useLoad } from './ui';

const POLL_MS = 1000;

/** One label of the run as the printer will print it. */
function Preview({ runId }: { runId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [serial, setSerial] = useState<string | null>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const { error, run: show } = useSubmit(async () => {
    const page = await api.get<{ items: Label[] }>(`/api/v1/labels?labelRunId=${runId}&limit=1`);
    const first = page.items[0];
    if (!first) return;
    setSerial(first.serial);
    setUrl(await fileUrl(`/api/v1/labels/${encodeURIComponent(first.serial)}/image?format=svg`));
  });
  return (
    <>
      {!url && (
        <Button variant="secondary" onClick={() => void show()}>
          {t('manager.run.preview')}
        </Button>
      )}
      <FormError error={error} />
      {url && serial && (
        <figure class="label-preview">
          <img src={url} alt={t('manager.run.previewAlt', { serial })} />
          <figcaption>{t('manager.run.serial', { serial })}</figcaption>
        </figure>
      )}
    </>
  );
}

function VoidRun({ run, onDone }: { run: LabelRun; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run: submit } = useSubmit(async () => {
    const body: Record<string, unknown> = { labelRunId: run.id };
    if (reason.trim()) body.reason = reason.trim();
    await request('/api/v1/labels/void', { method: 'POST', body });
    onDone();
  });
  if (!open)
    return (
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('manager.run.void')}
      </Button>
    );
  return (
    <form noValidate class="panel danger" onSubmit={handleSubmit(submit)}>
      <p>{t('manager.run.voidExplain', { quantity: formatNumber(run.quantity) })}</p>
      <TextArea label={t('manager.run.voidReason')} hint={t('manager.run.voidReasonHint')} value={reason} onValue={setReason} />
      <FormSubmit error={error} variant="danger" busy={busy}>
        {t('manager.run.voidConfirm')}
      </FormSubmit>
      <Button variant="secondary" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}

/** A label run: its progress while the worker renders, then the file, a preview and voiding. */
export default function LabelRunScreen({ params }: { params: RouteParams }) {
  const run = useLoad(() => api.get<LabelRun>(`/api/v1/label-runs/${params.id}`), [params.id]);
  const [voided, setVoided] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const unfinished = run.data && (run.data.status === 'queued' || run.data.status === 'rendering');
  useEffect(() => {
    if (!unfinished) return;
    const timer = setTimeout(run.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [run.data, unfinished, run.reload]);

  return (
    <Page title={t('manager.run.title')} back={run.data ? `/manager/batches/${run.data.batchId}` : '/manager/batches'}>
      <Loading state={{ ...run, loading: run.loading && !run.data }}>
        {() => {
          const r = run.data!;
          return (
            <>
              <p>
                {t('manager.run.summary', { quantity: formatNumber(r.quantity), format: r.format.toUpperCase(), layout: t(`manager.labels.layout.${r.layout}`) })}
              </p>
              <div class="progress-row">
                <label for="run-progress">{t(`manager.run.status.${r.status}`)}</label>
                <progress id="run-progress" max={100} value={r.progress} aria-valuetext={`${r.progress}%`} />
                <span aria-hidden="true">{r.progress}%</span>
              </div>
              <p role="status" class="sr-only">
                {t('manager.run.progressText', { progress: r.progress })}
              </p>
              {r.status === 'failed' && <Alert tone="error">{r.error ?? t('manager.run.failed')}</Alert>}
              {voided && <Alert tone="success">{t('manager.run.voided')}</Alert>}
              {r.status === 'done' && (
                <>
                  <Button
                    onClick={() =>
                      void downloadFile(`/api/v1/label-runs/${r.id}/file`, `tem-${r.id}.${r.format}`).then(
                        () => setDownloadError(null),
                        setDownloadError,
                      )
                    }
                  >
                    {t('manager.run.download', { format: r.format.toUpperCase() })}
                  </Button>
                  <FormError error={downloadError} />
                  <Preview runId={r.id} />
                </>
              )}
              {!voided && r.status !== 'queued' && <VoidRun run={r} onDone={() => setVoided(true)} />}
              <p>
                <Link to={`/manager/batches/${r.batchId}`}>{t('manager.run.toBatch')}</Link>
              </p>
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
