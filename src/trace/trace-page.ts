import { escapeHtml as e } from './html';
import { Language, TEXT } from './i18n';
import type { Verdict } from './verdict';

const COLORS: Record<Verdict, string> = {
  genuine: '#1b7f3b',
  suspicious: '#b26a00',
  voided: '#6b6b6b',
  counterfeit: '#b3261e',
  unknown: '#555',
};
const ICONS: Record<Verdict, string> = { genuine: '✔', suspicious: '⚠', voided: '✖', counterfeit: '✖', unknown: '?' };

// Inline and small: the page must open on a weak 3G connection with no other request.
const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;background:#f4f6f3}main{max-width:560px;margin:0 auto;padding:0 12px 24px}header.v{color:#fff;padding:18px 14px;border-radius:0 0 14px 14px}header.v h1{margin:0;font-size:1.3em}header.v p{margin:.35em 0 0}section{background:#fff;border-radius:12px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 2px #0001}h2{font-size:1.05em;margin:0 0 .5em;color:#2f5d1e}h3{font-size:.95em;margin:.8em 0 .3em}.name{font-size:1.25em;font-weight:700;margin:.1em 0 .4em}dl{display:grid;grid-template-columns:auto 1fr;gap:.25em .8em;margin:0}dt{color:#666}dd{margin:0}ul,ol{margin:0;padding-left:1.1em}.certs li{margin:.3em 0}.certs .expired span{color:#b3261e;font-weight:700}.certs .valid span{color:#1b7f3b}.warn{border:2px solid #b26a00;background:#fff8e6}.timeline li{margin:.4em 0}time{color:#666;font-variant-numeric:tabular-nums}footer{font-size:.85em;color:#666;text-align:center}footer a{color:#2f5d1e}code{font-size:1.05em;letter-spacing:.04em}`;

export interface PageInput {
  lang: Language;
  verdict: Verdict | null;
  serial: string | null;
  scanLine: string | null;
  reason: string | null;
  body: string;
  /** Path of this page, for the language switch. */
  path: string;
}

interface StaticParts {
  /** Document head and the opening of the banner, up to the verdict-specific lines. */
  open: string;
  help: string;
  serialLabel: string;
  switchText: string;
  other: Language;
}

// The constant parts of each (language, verdict) page, escaped once: a scan only adds its own values.
const PARTS = new Map<string, StaticParts>();

function staticParts(lang: Language, verdict: Verdict | null): StaticParts {
  const key = `${lang}|${verdict}`;
  let parts = PARTS.get(key);
  if (parts) return parts;
  const t = TEXT[lang];
  const title = e(verdict ? `${t.verdict[verdict]} · ${t.title}` : t.title);
  const head = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body>`;
  parts = {
    open: verdict
      ? `${head}<header class="v" style="background:${COLORS[verdict]}" data-verdict="${verdict}"><h1>${ICONS[verdict]} ${e(t.verdict[verdict])}</h1>`
      : `${head}<header class="v" style="background:#2f5d1e"><h1>${e(t.title)}</h1>`,
    help: verdict ? `<p>${e(t.verdictHelp[verdict])}</p>` : '',
    serialLabel: e(t.serial),
    switchText: e(t.switchLanguage),
    other: lang === 'vi' ? 'en' : 'vi',
  };
  PARTS.set(key, parts);
  return parts;
}

export function renderTracePage(p: PageInput): string {
  const parts = staticParts(p.lang, p.verdict);
  return `${parts.open}${p.reason ? `<p><b>${e(p.reason)}</b></p>` : ''}${parts.help}${p.scanLine ? `<p>${e(p.scanLine)}</p>` : ''}</header><main>${p.body}<footer>${
    p.serial ? `<p>${parts.serialLabel}: <code>${e(p.serial)}</code></p>` : ''
  }<p><a href="${e(p.path)}?lang=${parts.other}" hreflang="${parts.other}">${parts.switchText}</a></p><p>nongsan-trace</p></footer></main></body></html>`;
}
