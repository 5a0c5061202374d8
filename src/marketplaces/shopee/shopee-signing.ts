import { createHmac } from 'node:crypto';

/**
 * Shopee Open Platform v2: sign = lowercase hex HMAC-SHA256(partner_key, partner_id + api_path +
 * timestamp + access_token + shop_id); public calls sign partner_id + api_path + timestamp.
 */
export function shopeeSign(
  partnerKey: string,
  partnerId: string,
  apiPath: string,
  timestamp: number,
  accessToken = '',
  shopId = '',
): string {
  return createHmac('sha256', partnerKey).update(`${partnerId}${apiPath}${timestamp}${accessToken}${shopId}`).digest('hex');
}

/** Push (webhook) signature: hex HMAC-SHA256(partner_key, url + "|" + body), in the Authorization header. */
export function shopeePushSign(partnerKey: string, url: string, body: string): string {
  return createHmac('sha256', partnerKey).update(`${url}|${body}`).digest('hex');
}
