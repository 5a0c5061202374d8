import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';

function subnets(family: 'ipv4' | 'ipv6', list: [network: string, prefix: number][]): BlockList {
  const blocked = new BlockList();
  for (const [network, prefix] of list) blocked.addSubnet(network, prefix, family);
  return blocked;
}

/**
 * IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry): this network,
 * private, carrier-grade NAT, loopback, link-local (cloud metadata), IETF protocol assignments,
 * documentation, benchmarking, multicast, reserved and broadcast.
 */
const NON_PUBLIC_V4 = subnets('ipv4', [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
]);

/**
 * IPv6 ranges refused whole: unspecified and loopback, discard-only, local-use NAT64 (RFC 8215), Teredo
 * (its client address is obfuscated, so what it reaches cannot be told), documentation, ULA, link- and
 * site-local, multicast.
 */
const NON_PUBLIC_V6 = subnets('ipv6', [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['64:ff9b:1::', 48],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
]);

/** The 16 bytes of an IPv6 address (zone id dropped, an embedded dotted quad accepted), or null when it is not one. */
function ipv6Bytes(address: string): number[] | null {
  const text = address.replace(/%.*$/, '');
  if (isIP(text) !== 6) return null;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a, b, c, d] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

const startsWith = (bytes: number[], prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/**
 * The IPv4 address an IPv6 address carries to the IPv4 internet, when it carries one: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 well-known prefix (64:ff9b::/96) and 6to4 (2002::/16).
 */
function embeddedIpv4(bytes: number[]): string | null {
  const v4 = (at: number): string => bytes.slice(at, at + 4).join('.');
  const zeros = (n: number): number[] => new Array<number>(n).fill(0);
  if (startsWith(bytes, [...zeros(10), 0xff, 0xff])) return v4(12);
  if (startsWith(bytes, zeros(12)) && !startsWith(bytes, zeros(15))) return v4(12);
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, ...zeros(8)])) return v4(12);
  if (startsWith(bytes, [0x20, 0x02])) return v4(2);
  return null;
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address.replace(/%.*$/, ''));
  if (family === 4) return NON_PUBLIC_V4.check(address, 'ipv4');
  if (family !== 6) return false;
  const bytes = ipv6Bytes(address);
  if (!bytes) return true;
  const v4 = embeddedIpv4(bytes);
  if (v4) return NON_PUBLIC_V4.check(v4, 'ipv4');
  const canonical = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16)).join(':');
  return NON_PUBLIC_V6.check(canonical, 'ipv6');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that answers only public addresses: the check is on the address connected to, so DNS rebinding gains nothing. */
function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const allowed = addresses.filter((a) => !isPrivateAddress(a.address));
    if (allowed.length === 0) return callback(refusal(hostname), []);
    if (options.all) return callback(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
}

function refusal(host: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${host} is on a private network; images are fetched from public addresses only`), { code: 'EPRIVATE' });
}

/**
 * An undici connector that refuses private addresses, for URLs a user supplied (listing images): a
 * URL naming an internal service (Redis, PostgreSQL, the cloud metadata endpoint) is never fetched,
 * whether it names it by address, by a host name resolving to it, or by a redirect.
 */
export function publicOnlyConnector(): buildConnector.connector {
  const connect = buildConnector({ lookup: publicLookup });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isPrivateAddress(host)) return callback(refusal(host), null);
    return connect(options, callback);
  };
}
