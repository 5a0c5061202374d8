import { isIPv4, isIPv6 } from 'node:net';

/**
 * Client addresses as the scan counters see them. One address has many spellings (`::ffff:a.b.c.d`
 * is IPv4; `2001:db8::1` and `2001:0DB8:0:0:0:0:0:1` are one host), so everything is read into one
 * canonical form before it becomes a key. A single IPv6 subscriber gets a /64 at least and often a
 * /56 or /48 (RFC 6177), so a /64 is one client (the rate limit) and a /48 one network (the verdict),
 * just as an IPv4 address is one client and its /24 one network.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Eight 16-bit groups of an IPv6 address, or null. Accepts brackets, a zone id and an embedded IPv4 tail. */
function ipv6Groups(text: string): number[] | null {
  let ip = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  if (!isIPv6(ip)) return null;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (v4) {
    const octets = v4[1].split('.').map(Number);
    tail = [(octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]];
    ip = ip.slice(0, -v4[1].length) + '0:0';
  }
  const [head, rest] = ip.split('::') as [string, string | undefined];
  const parse = (part: string): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const groups = rest === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups.length === 8 ? groups : null;
}

type Parsed = { v4: string } | { v6: number[] } | { other: string };

function parse(address: string): Parsed {
  if (isIPv4(address)) return { v4: address };
  const groups = ipv6Groups(address);
  if (!groups) return { other: address.toLowerCase() };
  // ::ffff:0:0/96 is an IPv4 client seen through a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return { v4: `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}` };
  }
  return { v6: groups };
}

const hex = (groups: number[]): string => groups.map((g) => g.toString(16)).join(':');

/** The address written one way: dotted IPv4, or eight lower-case IPv6 groups without leading zeros. */
export function canonicalAddress(address: string): string {
  const p = parse(address);
  return 'v4' in p ? p.v4 : 'v6' in p ? hex(p.v6) : p.other;
}

/** Who a request comes from, for the rate limit: an IPv4 address or an IPv6 /64. */
export function clientKeyOf(address: string): string {
  // The common case, without building anything.
  if (IPV4.test(address)) return address;
  const p = parse(address);
  return 'v4' in p ? p.v4 : 'v6' in p ? `${hex(p.v6.slice(0, 4))}::/64` : p.other;
}

/** The network a request comes from, for the verdict: an IPv4 /24 or an IPv6 /48. */
export function networkOf(address: string): string {
  const v4 = IPV4.exec(address);
  if (v4 && isIPv4(address)) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const p = parse(address);
  if ('v4' in p) return networkOf(p.v4);
  return 'v6' in p ? `${hex(p.v6.slice(0, 3))}::/48` : p.other;
}
