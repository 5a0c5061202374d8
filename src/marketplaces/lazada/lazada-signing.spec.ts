import { createHmac } from 'node:crypto';
import { lazadaPushSign, lazadaSign, lazadaSignString } from './lazada-signing';

describe('Lazada signing', () => {
  it('reproduces the test vector from the Lazada documentation', () => {
    const params = { app_key: '123456', timestamp: '1517820392000', sign_method: 'sha256', order_id: '1234', access_token: 'test' };
    expect(lazadaSignString('/order/get', params)).toBe(
      '/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000',
    );
    expect(lazadaSign('helloworld', '/order/get', params)).toBe('4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A');
  });

  it('leaves an existing sign parameter out of the string it signs', () => {
    expect(lazadaSign('s', '/p', { b: '2', a: '1', sign: 'X' })).toBe(lazadaSign('s', '/p', { a: '1', b: '2' }));
  });

  it('signs pushes over app key + body, lowercase hex', () => {
    expect(lazadaPushSign('sec', 'key', '{"a":1}')).toBe(createHmac('sha256', 'sec').update('key{"a":1}').digest('hex'));
  });
});
