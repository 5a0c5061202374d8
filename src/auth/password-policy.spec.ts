import { weakPasswordReason } from './password-policy';
import { throttleKeyOf } from './login-throttle';

describe('weakPasswordReason', () => {
  it.each([
    ['matkhau123', null],
    ['MatKhau 123', null],
    ['password1234', null],
    ['0912345678', null],
    ['12 34 56 78 90', null],
    ['zzzzzzzzzzzz', null],
    ['vai0912345678', '0912345678'],
    ['+84 912 345 678 ok', '0912345678'],
  ])('refuses %p', (password, phone) => {
    expect(weakPasswordReason(password, phone)).toEqual(expect.stringMatching(/^auth\.password/));
  });

  it.each(['vai-thieu-chin-do', 'manager-password', 'quanly-thanhha-2026', 'Hai Phong mua vai 2026'])('accepts %p', (password) => {
    expect(weakPasswordReason(password, '0912345678')).toBeNull();
  });
});

describe('throttleKeyOf', () => {
  it('keeps IPv4 addresses, unwraps IPv4-mapped IPv6 and groups IPv6 by /64', () => {
    expect(throttleKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleKeyOf('2001:db8:7:1::1')).toBe('2001:db8:7:1::/64');
    expect(throttleKeyOf('2001:0DB8:0007:0001:ffff:1:2:3')).toBe('2001:db8:7:1::/64');
    expect(throttleKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});
