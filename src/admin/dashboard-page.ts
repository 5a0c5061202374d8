import type { DashboardData } from '../reports/reports.service';

/** Every stored value goes through here before it reaches the page. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const LABELS: Record<string, string> = {
  householdsRegistered: 'Households registered',
  householdsTrained: 'Households trained in digital skills',
  householdsOnEcommerce: 'Households on e-commerce',
  productsListed: 'Products listed',
  listingsLive: 'Listings live',
  transactions: 'Marketplace transactions',
  labelsPrinted: 'Labels printed',
  scans: 'Scans',
};

function barChart(series: { label: string; value: number }[], title: string): string {
  if (!series.length) return `<p class="empty">No data yet: ${escapeHtml(title)}</p>`;
  const width = 640;
  const height = 160;
  const max = Math.max(1, ...series.map((s) => s.value));
  const bar = width / series.length;
  const bars = series
    .map((s, i) => {
      const h = Math.round((s.value / max) * (height - 20));
      return `<rect x="${(i * bar + 1).toFixed(1)}" y="${height - h}" width="${Math.max(1, bar - 2).toFixed(1)}" height="${h}"><title>${escapeHtml(s.label)}: ${escapeHtml(s.value)}</title></rect>`;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" height="${height}">${bars}<text x="0" y="12">max ${escapeHtml(max)}</text></svg>`;
}

/** The logged-out page: a login form that posts to the API from a tiny inline script, then keeps the token in an HttpOnly cookie. */
export function loginPage(nonce: string, message = ''): string {
  return page(
    'Đăng nhập — nongsan-trace',
    `<h1>nongsan-trace · Sở / HTX dashboard</h1>
<form id="login"><label>Phone <input name="phone" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button></form><p id="msg" role="alert">${escapeHtml(message)}</p>
<script nonce="${nonce}">
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const r = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: f.get('phone'), password: f.get('password') }) });
  if (!r.ok) { document.getElementById('msg').textContent = 'Login failed (' + r.status + ')'; return; }
  const { accessToken } = await r.json();
  const s = await fetch('/admin/session', { method: 'POST', headers: { authorization: 'Bearer ' + accessToken } });
  if (s.ok) location.reload(); else document.getElementById('msg').textContent = 'This page is for the province office and co-op managers';
});
</script>`,
  );
}

export function dashboardPage(data: DashboardData, who: string): string {
  const cards = (Object.entries(data.indicators) as [string, number][])
    .map(([key, value]) => `<div class="card"><div class="n">${escapeHtml(value)}</div><div>${escapeHtml(LABELS[key] ?? key)}</div></div>`)
    .join('');
  const indicatorChart = barChart(
    (Object.entries(data.indicators) as [string, number][]).map(([k, v]) => ({ label: LABELS[k] ?? k, value: v })),
    'Indicators',
  );
  const health = data.syncHealth.length
    ? `<table><tr><th>Marketplace</th><th>Status</th><th>Channels</th></tr>${data.syncHealth
        .map((h) => `<tr><td>${escapeHtml(h.marketplace)}</td><td>${escapeHtml(h.status)}</td><td>${escapeHtml(h.channels)}</td></tr>`)
        .join('')}</table>`
    : '<p class="empty">No listings yet</p>';
  const flags =
    data.flags.length || data.plotFlags.length
      ? `<table><tr><th>Lot / plot</th><th>Flags</th><th>Detail</th></tr>${data.flags
          .map(
            (f) =>
              `<tr><td>${escapeHtml(f.lotCode)}</td><td>${escapeHtml(f.flags.join(', '))}</td><td>${escapeHtml(f.labelsPrinted)} labels, capacity ${escapeHtml(f.capacity)}</td></tr>`,
          )
          .join('')}${data.plotFlags
          .map(
            (p) =>
              `<tr><td>${escapeHtml(p.code)} (${escapeHtml(p.year)})</td><td>${escapeHtml(p.flags.join(', '))}</td><td>${escapeHtml(p.kgPerHa)} kg/ha, max ${escapeHtml(p.maxKgPerHa)}</td></tr>`,
          )
          .join('')}</table>`
      : '<p class="empty">No reconciliation flags</p>';
  return page(
    'Dashboard — nongsan-trace',
    `<h1>nongsan-trace · indicators</h1><p class="who">${escapeHtml(who)}</p>
<section class="cards">${cards}</section>
<h2>Indicators</h2>${indicatorChart}
<h2>Labels printed per day</h2>${barChart(
      data.labelsPrintedByDay.map((d) => ({ label: d.day, value: d.labels })),
      'Labels printed per day',
    )}
<h2>Scans per day</h2>${barChart(
      data.scansByDay.map((d) => ({ label: d.day, value: d.scans })),
      'Scans per day',
    )}
<h2>Listing sync health</h2>${health}
<h2>Reconciliation flags</h2>${flags}`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2a1d;max-width:60rem}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem}.card{border:1px solid #cfdccf;border-radius:.4rem;padding:.6rem}
.n{font-size:1.5rem;font-weight:700}svg rect{fill:#2f7d32}svg text{font-size:11px;fill:#555}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
.empty{color:#777}form label{display:block;margin:.4rem 0}
</style></head><body>${body}</body></html>`;
}
