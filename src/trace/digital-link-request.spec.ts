import { translate } from '../common/i18n/message';
import { parseGtinDigitalLink } from './digital-link-request';
import { explicitPreference, preferredLanguages } from './negotiation';

const GTIN = '08930000000019';
const faultOf = (path: string, query = ''): string => {
  const parsed = parseGtinDigitalLink(path, query);
  if (!('fault' in parsed)) throw new Error(`${path}?${query} was accepted`);
  return translate((parsed).fault, 'en');
};

describe('GS1 Digital Link request grammar', () => {
  it('reads every GTIN shape, keeps the canonical path and what to pass on', () => {
    expect(parseGtinDigitalLink(`/01/${GTIN}/22/V1/10/L%2F1/21/S1/`, 'linkType=gs1%3Apip&foo=bar&17=281231')).toEqual({
      gtin: GTIN,
      cpv: 'V1',
      lot: 'L/1',
      serial: 'S1',
      canonicalPath: `/01/${GTIN}/22/V1/10/L%2F1/21/S1`,
      shortGtin: false,
      query: { linkType: 'gs1:pip', passOn: 'foo=bar&17=281231' },
    });
    expect(parseGtinDigitalLink(`/01/${GTIN.slice(1)}`, '')).toMatchObject({ gtin: GTIN, shortGtin: true, canonicalPath: `/01/${GTIN}` });
    expect(parseGtinDigitalLink(`/01/${GTIN}/21/S1`, '')).toMatchObject({ lot: null, serial: 'S1' });
  });

  it('names what the grammar refuses', () => {
    expect(faultOf(`/01/${GTIN}/10/L/21/S/x`)).toBe('the path segment "x" is not part of a GTIN (01) Digital Link');
    expect(faultOf(`/01/${GTIN}/21/S/10/L`)).toMatch(/^AI 10 is out of order/);
    expect(faultOf(`/01/${GTIN}/17/261231`)).toMatch(/^AI 17 is not a key qualifier/);
    expect(faultOf(`/01/${GTIN}/99/x`)).toMatch(/^AI 99 is not a key qualifier/);
    expect(faultOf(`/01/${GTIN}/foo/x`)).toBe('the path segment "foo" is not part of a GTIN (01) Digital Link');
    expect(faultOf(`/01/08930000000018`)).toBe('the GTIN (01) has a wrong check digit');
  });

  it.each([
    ['17=261399', /AI 17/],
    ['17=260230', /AI 17/],
    ['17=270229', /AI 17/],
    ['11=26013', /AI 11/],
    ['422=999', /AI 422/],
    ['423=704999', /AI 423/],
    ['9999=1', /"9999" is not a GS1 Application Identifier/],
    ['10=OTHER', /AI 10 in the query string differs/],
    ['01=08930000000026', /AI 01 in the query string differs/],
    ['x=%E0%A4%A', /percent-encoding/],
  ])('refuses the data attribute %s', (query, detail) => {
    expect(faultOf(`/01/${GTIN}/10/L1`, query)).toMatch(detail);
  });

  it.each([
    '17=281200',
    '17=280229',
    '15=261231',
    '422=704',
    '423=704840',
    '421=704HN-100',
    '3103=000189',
    '10=L1',
    `01=${GTIN}`,
    'context=vn',
  ])('accepts the data attribute %s', (query) => {
    expect(parseGtinDigitalLink(`/01/${GTIN}/10/L1`, query)).not.toHaveProperty('fault');
  });
});

describe('content negotiation', () => {
  const offers = ['application/linkset+json', 'text/html', 'application/json'] as const;

  it('honours q-values and lets only a named type decide', () => {
    expect(explicitPreference('text/html;q=0.5, application/json', offers)).toBe('application/json');
    expect(explicitPreference('application/json, text/html', offers)).toBe('text/html');
    expect(explicitPreference('text/html;q=0, application/json;q=0.1', offers)).toBe('application/json');
    expect(explicitPreference('*/*', offers)).toBeNull();
    expect(explicitPreference('image/*, */*;q=0.1', offers)).toBeNull();
    expect(explicitPreference('application/*;q=0.9, application/linkset+json;q=0', offers)).toBeNull();
  });

  it('orders languages by quality', () => {
    expect(preferredLanguages('fr;q=1, en-GB;q=0.5, vi;q=0.7, *;q=0.1')).toEqual(['fr', 'vi', 'en']);
    expect(preferredLanguages(undefined)).toEqual([]);
  });
});
