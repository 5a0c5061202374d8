import { isConsumerView } from './consumer-view';

const PHONES = [
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  // Zalo's in-app browser, where most Vietnamese shoppers land after scanning with Zalo.
  'Mozilla/5.0 (Linux; Android 13; CPH2387) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 Zalo android/12100636 ZaloTheme/light ZaloLanguage/vn',
  // Facebook's in-app browser.
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/450.0]',
  // A phone brand whose name ends in "bot".
  'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
];
const MACHINES = [
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Mozilla/5.0 (compatible; ZaloBot/1.0; +https://zalo.me)',
  'Zalo-Preview/1.0',
  'TelegramBot (like TwitterBot)',
  'WhatsApp/2.23.20.0 A',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0 Safari/537.36',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'curl/8.5.0',
  'Wget/1.21.4',
  'python-requests/2.32.0',
  'Go-http-client/1.1',
];

describe('isConsumerView', () => {
  it.each(PHONES)('counts a GET from %s', (agent) => {
    expect(isConsumerView('GET', { 'user-agent': agent, accept: 'text/html' }, undefined)).toBe(true);
    expect(isConsumerView('GET', { 'user-agent': agent, accept: 'application/json' }, undefined)).toBe(true);
  });

  it.each(MACHINES)('does not count %s', (agent) => {
    expect(isConsumerView('GET', { 'user-agent': agent }, undefined)).toBe(false);
  });

  it('counts a client that sends no user agent (scanner apps), but not HEAD, linkType, linkset or prefetch', () => {
    expect(isConsumerView('GET', {}, undefined)).toBe(true);
    const phone = { 'user-agent': PHONES[0] };
    expect(isConsumerView('HEAD', phone, undefined)).toBe(false);
    expect(isConsumerView('GET', phone, 'gs1:certificationInfo')).toBe(false);
    expect(isConsumerView('GET', phone, 'all')).toBe(false);
    expect(isConsumerView('GET', { ...phone, accept: 'application/linkset+json' }, undefined)).toBe(false);
    expect(isConsumerView('GET', { ...phone, 'sec-purpose': 'prefetch' }, undefined)).toBe(false);
    expect(isConsumerView('GET', { ...phone, 'sec-purpose': 'prefetch;prerender' }, undefined)).toBe(false);
    expect(isConsumerView('GET', { ...phone, purpose: 'prefetch' }, undefined)).toBe(false);
    expect(isConsumerView('GET', { ...phone, 'x-moz': 'prefetch' }, undefined)).toBe(false);
    expect(isConsumerView('GET', { ...phone, 'x-purpose': 'preview' }, undefined)).toBe(false);
  });
});
