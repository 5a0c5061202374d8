import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits lines and fields, numbering records by the line they start on', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps counting lines', () => {
    const records = parseCsv('name,note\n"Nguyễn, Văn A","nói ""xin chào""\nvà tạm biệt"\nB,plain\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Nguyễn, Văn A', 'nói "xin chào"\nvà tạm biệt'] },
      { line: 4, fields: ['B', 'plain'] },
    ]);
  });

  it('accepts CRLF line ends and a missing final newline', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('skips a UTF-8 byte-order mark and blank lines', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,2\n   \n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv('a,,c,\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('reports an unclosed quote with the line where its record starts', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\n2,3\n');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });
});
