import { csvCell, toCsv } from './csv-cell';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+cmd', `"'+1+cmd"`],
    ['-1+1+cmd|\' /C calc\'!A0', `"'-1+1+cmd|' /C calc'!A0"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['\n=1', `"'\n=1"`],
    ['＝1+1', `"'＝1+1"`],
  ])('neutralises %j, which a spreadsheet would execute', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['-12', '"-12"'],
    ['+84', '"+84"'],
    ['-0.5', '"-0.5"'],
    ['1.5e3', '"1.5e3"'],
    [-3, '"-3"'],
    ['Vải thiều Thanh Hà', '"Vải thiều Thanh Hà"'],
    ['a=b', '"a=b"'],
    [null, '""'],
  ])('leaves %j as it is: a whole number or plain text', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes a BOM, a header line and CRLF rows through the same cell rule', () => {
    expect(toCsv(['a', 'b'], [{ a: '=1', b: 2 }])).toBe('\uFEFF"a","b"\r\n"\'=1","2"\r\n');
  });
});
