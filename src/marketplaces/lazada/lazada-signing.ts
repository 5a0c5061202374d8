import { createHmac } from 'node:crypto';

/**
 * Lazada Open Platform: sort every parameter but `sign` by name, concatenate key+value, prefix the API
 * path, HMAC-SHA256 with the app secret, uppercase hex.
 */
export function lazadaSignString(apiPath: string, params: Record<string, string>): string {
  return (
    apiPath +
    Object.keys(params)
      .filter((key) => key !== 'sign')
      .sort()
      .map((key) => `${key}${params[key]}`)
      .join('')
  );
}

export function lazadaSign(appSecret: string, apiPath: string, params: Record<string, string>): string {
  return createHmac('sha256', appSecret).update(lazadaSignString(apiPath, params)).digest('hex').toUpperCase();
}

/** Push signature: hex HMAC-SHA256(app_secret, app_key + body). */
export function lazadaPushSign(appSecret: string, appKey: string, body: string): string {
  return createHmac('sha256', appSecret)
    .update(appKey + body)
    .digest('hex');
}
