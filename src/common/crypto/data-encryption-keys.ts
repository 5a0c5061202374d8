export interface DataEncryptionKey {
  kid: string;
  secret: string;
}

const KEY_LIST = /^[A-Za-z0-9]{1,16}:[^,\s]{32,}(,[A-Za-z0-9]{1,16}:[^,\s]{32,})*$/;
const SINGLE_SECRET = /^[^,\s]{32,}$/;

/** The shapes DATA_ENCRYPTION_KEY may take: `kid:secret[,kid:secret...]`, or one secret (key id `1`). */
export const DATA_ENCRYPTION_KEY_FORMAT = new RegExp(`${KEY_LIST.source}|${SINGLE_SECRET.source}`);

/**
 * The keys in DATA_ENCRYPTION_KEY, the one that encrypts first. Throws a message (for the
 * configuration error) when a key id appears twice.
 */
export function parseDataEncryptionKeys(value: string): DataEncryptionKey[] {
  if (!KEY_LIST.test(value)) return [{ kid: '1', secret: value }];
  const keys = value.split(',').map((entry) => {
    const at = entry.indexOf(':');
    return { kid: entry.slice(0, at), secret: entry.slice(at + 1) };
  });
  const kids = keys.map((k) => k.kid);
  const repeated = kids.find((kid, i) => kids.indexOf(kid) !== i);
  if (repeated !== undefined) throw new Error(`the key id ${repeated} appears twice`);
  return keys;
}
