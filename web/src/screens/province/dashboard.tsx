import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { openQueueBoard } from '../../api/queue-board';
import { currentUser } from '../../session/session';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { Page } from '../../components/page';
import { formatDate, formatNumber, t } from '../../i18n';
import { allPages, Link, Loading, query, useLoad } from '../manager/ui';
import { BarChart, type BarRow } from './charts';
import { groupDaily, type Series } from './series';
import type { AreaActivity, Cooperative, Indicators } from './types';
import './province.css';

interface Filters {
  province: string;
  commune: string;
  cooperativeId: string;
}

const NONE: Filters = { province: '', commune: '', cooperativeId: '' };
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().trim();

function periodLabel(start: string, grain: Series['grain']): string {
  // Written out rather than by Intl: its vi-VN short day and month ("08-12") is not how dates are written here.
  if (grain === 'month') return `${start.slice(5, 7)}/${start.slice(0, 4)}`;
  return `${start.slice(8, 10)}/${start.slice(5, 7)}`;
}

function seriesRows(series: Series): BarRow[] {
  return series.buckets.map((b) => ({ label: periodLabel(b.start, series.grain), value: b.value }));
}

function seriesCaption(series: Series): string {
  if (!series.from || !series.to) return '';
  const from = formatDate(`${series.from}T12:00:00+07:00`);
  if (series.from === series.to) return t('province.series.oneDay', { date: from });
  return t(`province.series.range.${series.grain}`, { from, to: formatDate(`${series.to}T12:00:00+07:00`) });
}

function TimeChart({ title, valueTitle, points }: { title: string; valueTitle: string; points: { day: string; value: number }[] }) {
  const series = groupDaily(points);
  if (!series.buckets.length)
    return (
      <section class="chart">
        <h3>{title}</h3>
        <p>{t('province.series.empty')}</p>
      </section>
    );
  return <BarChart title={title} caption={seriesCaption(series)} rows={seriesRows(series)} categoryTitle={t(`province.series.axis.${series.grain}`)} valueTitle={valueTitle} />;
}

function FilterForm({ coops, applied, onApply }: { coops: Cooperative[]; applied: Filters; onApply: (f: Filters) => void }) {
  const [f, setF] = useState<Filters>(applied);
  const provinces = [...new Set(coops.map((c) => c.province))].sort((a, b) => a.localeCompare(b, 'vi'));
  const inProvince = coops.filter((c) => !f.province || fold(c.province) === fold(f.province));
  const communes = [...new Set(inProvince.map((c) => c.commune))].sort((a, b) => a.localeCompare(b, 'vi'));
  const inArea = inProvince.filter((c) => !f.commune || fold(c.commune) === fold(f.commune));
  const set = (key: keyof Filters) => (value: string) =>
    setF((old) => ({ ...old, [key]: value, ...(key === 'province' ? { commune: '', cooperativeId: '' } : key === 'commune' ? { cooperativeId: '' } : {}) }));
  return (
    <form class="panel filters" onSubmit={(e) => (e.preventDefault(), onApply(f))} aria-label={t('province.filters.title')}>
      <SelectField label={t('province.filters.province')} value={f.province} onValue={set('province')}>
        <option value="">{t('province.filters.allProvinces')}</option>
        {provinces.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </SelectField>
      <TextField label={t('province.filters.commune')} hint={t('province.filters.communeHint', { examples: communes.slice(0, 3).join(', ') || '—' })} value={f.commune} onValue={set('commune')} />
      <SelectField label={t('province.filters.cooperative')} value={f.cooperativeId} onValue={set('cooperativeId')}>
        <option value="">{t('province.filters.allCooperatives')}</option>
        {inArea.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit">{t('province.filters.apply')}</Button>
      <Button variant="secondary" onClick={() => (setF(NONE), onApply(NONE))}>
        {t('province.filters.clear')}
      </Button>
    </form>
  );
}

function Indicator({ label, value }: { label: string; value: number }) {
  return (
    <div class="indicator">
      <dt>{label}</dt>
      <dd>{formatNumber(value)}</dd>
    </div>
  );
}

function FlagList<T>({ title, explain, items, render, id }: { title: string; explain: string; items: T[]; render: (item: T) => preact.ComponentChildren; id: string }) {
  return (
    <section class="flags" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span class={`count ${items.length ? 'count-bad' : 'count-ok'}`}>{formatNumber(items.length)}</span>
      </h3>
      <p class="hint">{explain}</p>
      {items.length ? <ul class="plain">{items.map(render)}</ul> : <p>{t('province.flags.none')}</p>}
    </section>
  );
}

/** A flag about a batch: its lot (a link to its record), its product, and what is wrong. */
function BatchFlag({ flag, children }: { flag: { batchId: string; lotCode: string; product: string }; children: preact.ComponentChildren }) {
  return (
    <li>
      <Link to={`/province/batches/${flag.batchId}`}>{t('province.flags.lot', { lot: flag.lotCode })}</Link> · {flag.product} · {children}
    </li>
  );
}

/** The province office's dashboard: indicators, activity over time and food-safety flags, for an area or a co-op. */
export default function Dashboard() {
  const coops = useLoad(() => allPages<Cooperative>('/api/v1/cooperatives'), []);
  const [filters, setFilters] = useState<Filters>(NONE);
  const qs = query({ province: filters.province, commune: filters.commune.trim(), cooperativeId: filters.cooperativeId });
  const data = useLoad(async () => {
    const [indicators, activity] = await Promise.all([api.get<Indicators>(`/api/v1/reports/indicators${qs}`), api.get<AreaActivity>(`/api/v1/reports/area-activity${qs}`)]);
    return { indicators, activity };
  }, [qs]);
  const coopName = (id: string) => coops.data?.find((c) => c.id === id)?.name ?? '';
  const scope = [filters.province, filters.commune.trim(), filters.cooperativeId && coopName(filters.cooperativeId)].filter(Boolean).join(' › ') || t('province.filters.everywhere');

  return (
    <Page title={t('province.home.title')}>
      <Loading state={coops}>{() => <FilterForm coops={coops.data!} applied={filters} onApply={setFilters} />}</Loading>
      <p class="scope" role="status">
        {t('province.filters.showing', { scope })}
      </p>
      <Loading state={{ ...data, loading: data.loading && !data.data }}>
        {() => {
          const { indicators: i, activity: a } = data.data!;
          const f = a.flags;
          return (
            <div aria-busy={data.loading || undefined}>
              <h2>{t('province.indicators.title')}</h2>
              <dl class="indicators">
                <Indicator label={t('province.indicators.householdsRegistered')} value={i.householdsRegistered} />
                <Indicator label={t('province.indicators.householdsTrained')} value={i.householdsTrained} />
                <Indicator label={t('province.indicators.householdsOnEcommerce')} value={i.householdsOnEcommerce} />
                <Indicator label={t('province.indicators.productsListed')} value={i.productsListed} />
                <Indicator label={t('province.indicators.listingsLive')} value={i.listingsLive} />
                <Indicator label={t('province.indicators.transactions')} value={i.transactions} />
                <Indicator label={t('province.indicators.labelsPrinted')} value={i.labelsPrinted} />
                <Indicator label={t('province.indicators.scans')} value={i.scans} />
              </dl>
              <BarChart
                title={t('province.chart.households')}
                categoryTitle={t('province.chart.householdsAxis')}
                valueTitle={t('province.chart.householdsUnit')}
                rows={[
                  { label: t('province.chart.registered'), value: i.householdsRegistered },
                  { label: t('province.chart.trained'), value: i.householdsTrained },
                  { label: t('province.chart.ecommerce'), value: i.householdsOnEcommerce },
                ]}
              />
              <h2>{t('province.activity.title')}</h2>
              <TimeChart title={t('province.chart.labels')} valueTitle={t('province.chart.labelsUnit')} points={a.labelsPrintedByDay.map((d) => ({ day: d.day, value: d.labels }))} />
              <TimeChart title={t('province.chart.scans')} valueTitle={t('province.chart.scansUnit')} points={a.scansByDay.map((d) => ({ day: d.day, value: d.scans }))} />
              <h2>{t('province.flags.title')}</h2>
              <FlagList
                id="flags-hold"
                title={t('province.flags.phiHolds')}
                explain={t('province.flags.phiHoldsExplain')}
                items={f.phiHolds}
                render={(b) => (
                  <BatchFlag key={b.batchId} flag={b}>
                    {t('province.flags.safeFrom', { date: formatDate(b.safeFrom) })}
                  </BatchFlag>
                )}
              />
              <FlagList
                id="flags-override"
                title={t('province.flags.phiOverrides')}
                explain={t('province.flags.phiOverridesExplain')}
                items={f.phiOverrides}
                render={(b) => (
                  <BatchFlag key={b.batchId} flag={b}>
                    {t('province.flags.overrideReason', { reason: b.reason, date: formatDate(b.at) })}
                  </BatchFlag>
                )}
              />
              <FlagList
                id="flags-cert"
                title={t('province.flags.expiredCertificates')}
                explain={t('province.flags.expiredCertificatesExplain')}
                items={f.expiredCertificates}
                render={(c) => (
                  <li key={`${c.plotId}-${c.scheme}`}>
                    <Link to={`/province/plots/${c.plotId}`}>
                      {c.plotCode} · {c.crop}
                    </Link>{' '}
                    · {c.scheme} {c.number} · {t('province.flags.expiredOn', { date: formatDate(c.validUntil) })}
                  </li>
                )}
              />
              <FlagList
                id="flags-mismatch"
                title={t('province.flags.labelMismatches')}
                explain={t('province.flags.labelMismatchesExplain')}
                items={f.labelMismatches}
                render={(b) => (
                  <BatchFlag key={b.batchId} flag={b}>
                    {t('province.flags.mismatch', { printed: formatNumber(b.labelsPrinted), sold: formatNumber(b.unitsSold), capacity: formatNumber(b.capacity) })}
                  </BatchFlag>
                )}
              />
            </div>
          );
        }}
      </Loading>
      {currentUser.value?.role === 'admin' && <QueueBoardLink />}
    </Page>
  );
}

/** For the province's administrators: the marketplace sync jobs, as the queue board shows them. */
function QueueBoardLink() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const open = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await openQueueBoard();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="queue-board">
      <h2 id="queue-board">{t('province.queueBoard.title')}</h2>
      <p class="hint">{t('province.queueBoard.explain')}</p>
      <Button variant="secondary" busy={busy} onClick={() => void open()}>
        {t('province.queueBoard.open')}
      </Button>
      {failed && <p role="alert">{t('province.queueBoard.failed')}</p>}
    </section>
  );
}
