import { escapeHtml as e } from './html';
import { Headline, Language, TEXT } from './i18n';
import { contactHtml, PublicContact } from './trace-view';
import type { Verdict } from './verdict';

// Each banner its own colour: a recall (crimson) is not a misprint (grey) nor a forgery (red).
const COLORS: Record<Headline, string> = {
  genuine: '#1b7f3b',
  suspicious: '#b26a00',
  voided: '#6b6b6b',
  counterfeit: '#b3261e',
  unknown: '#555',
  recalled: '#7a1240',
  expired: '#6d4c1f',
  onHold: '#c2410c',
  caution: '#c2410c',
};
const ICONS: Record<Headline, string> = {
  genuine: '✔',
  suspicious: '⚠',
  voided: '✖',
  counterfeit: '✖',
  unknown: '?',
  recalled: '⚠',
  expired: '⚠',
  onHold: '⚠',
  caution: '⚠',
};

// Inline and small: the page must open on a weak 3G connection with no other request.
const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;background:#f4f6f3}main{max-width:560px;margin:0 auto;padding:0 12px 24px}header.v{color:#fff;padding:18px 14px;border-radius:0 0 14px 14px}header.v h1{margin:0;font-size:1.3em}header.v p{margin:.35em 0 0}section{background:#fff;border-radius:12px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 2px #0001}h2{font-size:1.05em;margin:0 0 .5em;color:#2f5d1e}h3{font-size:.95em;margin:.8em 0 .3em}.name{font-size:1.25em;font-weight:700;margin:.1em 0 .4em}dl{display:grid;grid-template-columns:auto 1fr;gap:.25em .8em;margin:0}dt{color:#666}dd{margin:0}ul,ol{margin:0;padding-left:1.1em}.certs li{margin:.3em 0}.certs .expired span{color:#b3261e;font-weight:700}.certs .valid span{color:#1b7f3b}.warn{border:2px solid #b26a00;background:#fff8e6}.certs .revoked span,.certs .unverified span{color:#b26a00;font-weight:700}.certs .expiring span{color:#1b7f3b}.timeline li{margin:.4em 0}form{display:flex;gap:8px;margin-top:.5em}input{flex:1;min-width:0;font:inherit;padding:8px;border:1px solid #888;border-radius:8px;text-transform:uppercase}button{font:inherit;padding:8px 14px;border:0;border-radius:8px;background:#2f5d1e;color:#fff}time{color:#666;font-variant-numeric:tabular-nums}footer{font-size:.85em;color:#666;text-align:center}footer a{color:#2f5d1e}code{font-size:1.05em;letter-spacing:.04em}`;

export interface PageInput {
  lang: Language;
  verdict: Verdict | null;
  /** The banner: the verdict, refined by the lot's state (recalled, past best-before, on hold). */
  headline: Headline | null;
  serial: string | null;
  scanLine: string | null;
  reason: string | null;
  /** A dated line under the banner: "Recalled on …", "Best before: …". */
  stateLine?: string | null;
  body: string;
  /** Path of this page, for the language switch and the serial form. */
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

function staticParts(lang: Language, verdict: Verdict | null, headline: Headline | null): StaticParts {
  const key = `${lang}|${verdict}|${headline}`;
  let parts = PARTS.get(key);
  if (parts) return parts;
  const t = TEXT[lang];
  const title = e(headline ? `${t.headline[headline]} · ${t.title}` : t.title);
  const head = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body>`;
  parts = {
    open: headline
      ? `${head}<header class="v" style="background:${COLORS[headline]}"${verdict ? ` data-verdict="${verdict}"` : ''} data-status="${headline}"><h1>${ICONS[headline]} ${e(t.headline[headline])}</h1>`
      : `${head}<header class="v" style="background:#2f5d1e"><h1>${e(t.title)}</h1>`,
    help: headline ? `<p>${e(t.headlineHelp[headline])}</p>` : '',
    serialLabel: e(t.serial),
    switchText: e(t.switchLanguage),
    other: lang === 'vi' ? 'en' : 'vi',
  };
  PARTS.set(key, parts);
  return parts;
}

export function renderTracePage(p: PageInput): string {
  const parts = staticParts(p.lang, p.verdict, p.headline);
  return `${parts.open}${p.reason ? `<p><b>${e(p.reason)}</b></p>` : ''}${p.stateLine ? `<p>${e(p.stateLine)}</p>` : ''}${parts.help}${p.scanLine ? `<p>${e(p.scanLine)}</p>` : ''}</header><main>${p.body}<footer>${
    p.serial ? `<p>${parts.serialLabel}: <code>${e(p.serial)}</code></p>` : ''
  }<p><a href="${e(p.path)}?lang=${parts.other}" hreflang="${parts.other}">${parts.switchText}</a></p><p>nongsan-trace</p></footer></main></body></html>`;
}

/**
 * The box under a counterfeit or unknown answer: what to do next, who to call, and a form to type the
 * serial printed under the code (a typo is not a counterfeit). The form is a plain GET to this page
 * with `?serial=`: the server answers it, no script needed.
 */
export function renderNextSteps(
  lang: Language,
  kind: 'counterfeit' | 'unknown',
  path: string,
  producer: { cooperative: string; contact: PublicContact | null } | null,
  helpLine: string | null,
  problem: string | null = null,
): string {
  const t = TEXT[lang];
  const reach = producer ? contactHtml(producer.contact) : null;
  const contact = producer ? `<h3>${e(t.producer)}</h3><p>${e(producer.cooperative)}${reach ? `<br>${reach}` : ''}</p>` : '';
  const line = helpLine ? `<h3>${e(t.reportTo)}</h3><p>${e(helpLine)}</p>` : '';
  return `<section class="next">${problem ? `<p><b>${e(problem)}</b></p>` : ''}<h2>${e(t.nextSteps)}</h2><ul>${t.advice[kind]
    .map((a) => `<li>${e(a)}</li>`)
    .join(
      '',
    )}</ul><p><label for="serial">${e(t.typeSerial)}</label></p><form method="get" action="${e(path)}"><input type="hidden" name="lang" value="${lang}"><input id="serial" name="serial" maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false" required><button>${e(t.check)}</button></form>${contact}${line}</section>`;
}
