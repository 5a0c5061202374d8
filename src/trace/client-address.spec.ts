import { clientKeyOf, canonicalAddress, networkOf } from './client-address';

describe('client addresses', () => {
  it('reads an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(canonicalAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(canonicalAddress('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(canonicalAddress('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('::ffff:203.0.113.7')).toBe(networkOf('203.0.113.200'));
  });

  it('writes every textual form of one IPv6 address the same way', () => {
    const forms = [
      '2001:db8:0:1::1',
      '2001:0db8:0000:0001:0000:0000:0000:0001',
      '2001:DB8::1:0:0:0:1',
      '2001:db8:0:1:0:0:0:1',
      '[2001:db8:0:1::1]',
      '2001:db8:0:1::1%eth0',
    ];
    for (const form of forms) expect(canonicalAddress(form)).toBe('2001:db8:0:1:0:0:0:1');
  });

  it('limits IPv6 clients per /64 and groups them per /48', () => {
    expect(clientKeyOf('2001:db8:aa:1::1')).toBe(clientKeyOf('2001:0db8:00aa:0001:ffff:ffff:ffff:ffff'));
    expect(clientKeyOf('2001:db8:aa:1::1')).not.toBe(clientKeyOf('2001:db8:aa:2::1'));
    expect(networkOf('2001:db8:aa:1::1')).toBe(networkOf('2001:db8:aa:ffff::1'));
    expect(networkOf('2001:db8:aa::1')).not.toBe(networkOf('2001:db8:ab::1'));
    // Zero compression may swallow the third group: 2001:db8::1 lies in 2001:db8:0::/48.
    expect(networkOf('2001:db8::1')).toBe(networkOf('2001:db8:0:5::1'));
  });

  it('limits IPv4 clients per address and groups them per /24', () => {
    expect(clientKeyOf('203.0.113.7')).not.toBe(clientKeyOf('203.0.113.8'));
    expect(networkOf('203.0.113.7')).toBe(networkOf('203.0.113.8'));
    expect(networkOf('203.0.113.7')).not.toBe(networkOf('203.0.114.7'));
  });

  it('keeps something that is not an address as itself, never throws', () => {
    for (const junk of ['', 'unknown', ':::', '1.2.3', '2001:db8::1::2', '300.1.1.1', 'a'.repeat(200)]) {
      expect(typeof clientKeyOf(junk)).toBe('string');
      expect(typeof networkOf(junk)).toBe('string');
    }
    expect(networkOf('300.1.1.1')).not.toBe(networkOf('300.1.1.2'));
  });
});
