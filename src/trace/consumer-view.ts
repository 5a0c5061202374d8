import type { IncomingHttpHeaders } from 'node:http';

/**
 * Self-declared machines: link previews of the chat apps Vietnamese shoppers share links in (Zalo,
 * Facebook/Messenger, Telegram, WhatsApp, Slack), search crawlers, and command-line clients. A
 * `+http…` contact URL or a `…bot/` product token is the convention crawlers follow, so unknown
 * ones are caught too. Phone browsers, in-app browsers (Zalo's own says `Zalo android/…`) and
 * clients that send no User-Agent at all (some scanner apps) are counted.
 */
const NOT_A_SHOPPER =
  /\+https?:|bot\/|facebookexternalhit|facebookcatalog|meta-externalagent|whatsapp\/|telegrambot|twitterbot|slackbot|discordbot|skypeuripreview|zalo[\s_-]?(?:bot|preview|crawler)|crawler|spider|headlesschrome|lighthouse|^curl\/|^wget\/|^python-|^go-http-client|^okhttp\/|^httpie\//i;

/**
 * Whether a resolver request is a person looking at the label: a GET of the page or JSON verdict,
 * not HEAD, not a Digital Link `linkType` or linkset lookup (machines resolving links), not a
 * speculative prefetch (Chrome `Sec-Purpose: prefetch`, older `Purpose`/`X-Moz`, Safari
 * `X-Purpose: preview`), not a link preview or crawler. Only these count as scans and towards the
 * verdict; anything else is answered the same way but leaves no trace.
 */
export function isConsumerView(method: string, headers: IncomingHttpHeaders, linkType: string | undefined): boolean {
  if (method !== 'GET' || linkType !== undefined) return false;
  const accept = headers.accept;
  if (accept && accept.includes('application/linkset+json')) return false;
  const purpose = headers['sec-purpose'] ?? headers.purpose ?? headers['x-moz'] ?? headers['x-purpose'];
  if (purpose && /prefetch|prerender|preview/i.test(String(purpose))) return false;
  const agent = headers['user-agent'];
  return !agent || !NOT_A_SHOPPER.test(agent);
}
