import { createHmac } from 'node:crypto';

/** Tiki pushes carry X-Tiki-Signature = hex HMAC-SHA256(client_secret, body). */
export function tikiPushSign(clientSecret: string, body: string): string {
  return createHmac('sha256', clientSecret).update(body).digest('hex');
}

export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}
