import { Fragment, type ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Page as ListPage } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { describeError } from '../../components/errors';
import { SelectField, TextField } from '../../components/field';
import { t } from '../../i18n';
import { BASE, navigate } from '../../router/router';
import type { Product } from './types';
import './manager.css';

/** A UUID v4 made on the phone: sent as the new record's id, so a create sent twice makes one record. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `?a=1&b=x` from the parameters that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** An in-app link: a real anchor (opens in a new tab, read as a link) that moves without reloading. */
export function Link({ to, children, class: className }: { to: string; children: ComponentChildren; class?: string }) {
  return (
    <a
      href={`${BASE}${to}`}
      class={className ?? 'mlink'}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  set: (data: T) => void;
}

/** Loads something for a screen; `reload` loads it again (after a change). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (value) => live && (setData(value), setError(null), setLoading(false)),
      (caught: unknown) => live && (setError(caught), setLoading(false)),
    );
    return () => void (live = false);
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((n) => n + 1), []), set: setData };
}

export interface Paged<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  more: (() => void) | null;
  reload: () => void;
}

/** A list read page by page (`nextCursor`); `more` is null on the last page. */
export function usePaged<T>(path: string | null, deps: unknown[] = []): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (after: string | null, replace: boolean) => {
      if (!path) return;
      const mine = ++generation.current;
      setLoading(true);
      try {
        const separator = path.includes('?') ? '&' : '?';
        const page = await api.get<ListPage<T>>(`${path}${after ? `${separator}cursor=${encodeURIComponent(after)}` : ''}`);
        if (mine !== generation.current) return;
        setItems((previous) => (replace ? page.items : [...previous, ...page.items]));
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        if (mine === generation.current) setError(caught);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [path],
  );

  useEffect(() => {
    void fetchPage(null, true);
  }, [path, tick, ...deps]);

  return {
    items,
    error,
    loading,
    more: cursor ? () => void fetchPage(cursor, false) : null,
    reload: () => setTick((n) => n + 1),
  };
}

/** Every page of a list (for pickers and counts), at most `cap` items. */
export async function allPages<T>(path: string, cap = 2000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page: ListPage<T> = await api.get<ListPage<T>>(`${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < cap);
  return out;
}

/** The loading line, the error with a retry, or the content. */
export function Loading({ state, children }: { state: { loading: boolean; error: unknown; reload: () => void }; children: () => ComponentChildren }) {
  if (state.error)
    return (
      <>
        <Alert tone="error">{describeError(state.error)}</Alert>
        <Button variant="secondary" onClick={state.reload}>
          {t('common.retry')}
        </Button>
      </>
    );
  if (state.loading) return <p role="status">{t('common.loading')}</p>;
  return <>{children()}</>;
}

/** The error of a form: the server's detail, unless every problem is already shown under its field. */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError && error.problem.errors?.length && error.problem.errors.every((e) => fields.includes(e.field))) {
    return <Alert tone="error">{t('manager.form.fixFields')}</Alert>;
  }
  return <Alert tone="error">{describeError(error)}</Alert>;
}

/** The end of a form: its error (unless shown under the fields) and the button that sends it. */
export function FormSubmit({ error, fields, busy, variant, children }: { error: unknown; fields?: string[]; busy: boolean; variant?: 'danger'; children: ComponentChildren }) {
  return (
    <>
      <FormError error={error} fields={fields} />
      <Button type="submit" variant={variant} busy={busy}>
        {children}
      </Button>
    </>
  );
}

/** The product a batch or a listing is of, picked from the co-op's catalogue. */
export function ProductSelect({ products, value, onValue, error }: { products: Product[]; value: string; onValue: (id: string) => void; error?: string }) {
  return (
    <SelectField label={t('manager.batch.product')} value={value} onValue={onValue} error={error} required>
      <option value="">{t('manager.choose')}</option>
      {products.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The message for one field of a refused form. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label class="choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {label}
    </label>
  );
}

export function Tag({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'info'; children: ComponentChildren }) {
  return <span class={`tag tag-${tone}`}>{children}</span>;
}

/**
 * A paged list of cards: the first page's loading line or error, the cards (or what to say when there are
 * none), and "more" while pages remain. A later page's loading shows on its button, the cards stay.
 */
export function PagedList<T extends { id: string }>({ list, empty, label, children }: { list: Paged<T>; empty: ComponentChildren; label?: string; children: (item: T) => ComponentChildren }) {
  return (
    <>
      <Loading state={{ ...list, loading: list.loading && !list.items.length }}>
        {() =>
          list.items.length ? (
            <ul class="cards" aria-label={label}>
              {list.items.map((item) => (
                <li key={item.id} class="card">
                  {children(item)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{empty}</p>
          )
        }
      </Loading>
      {list.more && (
        <Button variant="secondary" busy={list.loading} onClick={list.more}>
          {t('manager.list.more')}
        </Button>
      )}
    </>
  );
}

/** A list's search box: the query settles 300 ms after the last key, or at once on Enter. */
export function useSearch(): { typed: string; setTyped: (text: string) => void; q: string; settle: () => void } {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  return { typed, setTyped, q, settle: () => setQ(typed.trim()) };
}

export function SearchForm({ search, label, hint }: { search: ReturnType<typeof useSearch>; label: string; hint?: string }) {
  return (
    <form role="search" onSubmit={(e) => (e.preventDefault(), search.settle())}>
      <TextField label={label} hint={hint} type="search" value={search.typed} onValue={search.setTyped} />
    </form>
  );
}

/** Keys of a 412's `current` record that differ from what the person typed. */
export interface ConflictRow {
  label: string;
  mine: string;
  theirs: string;
}

/** One side of a conflict, the fields that differ from the other side marked. */
function ConflictVersion({ title, rows, side }: { title: string; rows: ConflictRow[]; side: 'mine' | 'theirs' }) {
  return (
    <div class="card">
      <h3>{title}</h3>
      <dl class="facts">
        {rows.map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd class={row.mine !== row.theirs ? 'changed' : undefined}>{row[side] || '—'}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

/**
 * A stale edit (412): both versions side by side, the person chooses. "Keep mine" sends their edit again onto
 * the version now on the server; "use theirs" drops it.
 */
export function Conflict({ rows, onKeepMine, onUseTheirs, busy }: { rows: ConflictRow[]; onKeepMine: () => void; onUseTheirs: () => void; busy?: boolean }) {
  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('manager.conflict.title')}</h2>
      <p>{t('manager.conflict.explain')}</p>
      <div class="versions">
        <ConflictVersion title={t('manager.conflict.mine')} rows={rows} side="mine" />
        <ConflictVersion title={t('manager.conflict.theirs')} rows={rows} side="theirs" />
      </div>
      <Button busy={busy} onClick={onKeepMine}>
        {t('manager.conflict.keepMine')}
      </Button>
      <Button variant="secondary" onClick={onUseTheirs}>
        {t('manager.conflict.useTheirs')}
      </Button>
    </section>
  );
}

/** Days from today (in Viet Nam) to a YYYY-MM-DD date; negative when it has passed. */
export function daysUntil(isoDate: string, today: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
