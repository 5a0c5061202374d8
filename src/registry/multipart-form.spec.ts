import { PassThrough } from 'node:stream';
import { InvalidInputError } from '../common/errors/domain-errors';
import { boundaryOf, MultipartForm, MultipartFormParser, MultipartLimits, readMultipartForm } from './multipart-form';

const LIMITS: MultipartLimits = { fileBytes: 1000, fieldBytes: 16, fields: 3, headerBytes: 256 };
const B = '----WebKitFormBoundary7MA4YWxkTrZu0gW';

/** A form body as a browser writes it. */
function form(parts: { name: string; filename?: string; type?: string; data: string | Buffer }[], boundary = B): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.type) chunks.push(Buffer.from(`Content-Type: ${part.type}\r\n`));
    chunks.push(Buffer.from('\r\n'), Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function parse(body: Buffer, chunkSize = body.length, limits = LIMITS): MultipartForm {
  const parser = new MultipartFormParser(B, limits);
  for (let i = 0; i < body.length; i += chunkSize) parser.write(body.subarray(i, i + chunkSize));
  return parser.end();
}

const CSV = '\uFEFFHọ và tên;Số điện thoại\r\nNguyễn Văn An;0912345678\r\n';

describe('multipart form parser', () => {
  it('reads one file and a text field, whatever the chunking (down to one byte)', () => {
    const body = form([
      { name: 'cooperativeId', data: 'abc' },
      { name: 'file', filename: 'hộ dân.csv', type: 'text/csv', data: CSV },
    ]);
    for (const size of [1, 2, 7, 41, body.length]) {
      const result = parse(body, size);
      expect(result.fields).toEqual({ cooperativeId: 'abc' });
      expect(result.file?.filename).toBe('hộ dân.csv');
      expect(result.file?.contentType).toBe('text/csv');
      expect(result.file?.data.toString('utf8')).toBe(CSV);
    }
  });

  it('keeps bytes that look like a boundary but are not one, and binary data as it is', () => {
    const tricky = Buffer.concat([Buffer.from(`a\r\n--${B.slice(0, -1)}x\r\n--\r\n`), Buffer.from([0, 255, 13, 10, 45, 45])]);
    const result = parse(form([{ name: 'file', filename: 'x.csv', data: tricky }]), 3);
    expect(result.file?.data.equals(tricky)).toBe(true);
  });

  it('tolerates a preamble and an epilogue, and a form with no file (the route answers that)', () => {
    const body = Buffer.concat([Buffer.from('This is a preamble.\r\n'), form([{ name: 'note', data: 'x' }]), Buffer.from('epilogue')]);
    expect(parse(body)).toEqual(new MultipartForm(null, { note: 'x' }));
  });

  it('reads the boundary from the content type, quoted or not', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    for (const bad of [
      undefined,
      'multipart/form-data',
      'multipart/form-data; boundary=',
      `multipart/form-data; boundary=${'x'.repeat(71)}`,
    ]) {
      expect(() => boundaryOf(bad)).toThrow(InvalidInputError);
    }
  });

  it.each([
    ['no boundary at all', Buffer.from('just some text that is not a form')],
    ['a body cut short', form([{ name: 'file', filename: 'a.csv', data: CSV }]).subarray(0, 120)],
    ['no closing boundary', Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`)],
    ['garbage after a boundary', Buffer.from(`--${B}XYZ\r\n`)],
    ['a part without headers', Buffer.from(`--${B}\r\n\r\nabc\r\n--${B}--`)],
    ['a header line without a colon', Buffer.from(`--${B}\r\nnonsense\r\n\r\nabc\r\n--${B}--`)],
    ['a part that is not form-data', Buffer.from(`--${B}\r\nContent-Disposition: attachment; name="file"\r\n\r\nabc\r\n--${B}--`)],
    ['a part without a name', Buffer.from(`--${B}\r\nContent-Disposition: form-data; filename="a.csv"\r\n\r\nabc\r\n--${B}--`)],
    ['an unclosed quote in the disposition', Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file\r\n\r\nabc\r\n--${B}--`)],
    [
      'a header block over its limit',
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="f"\r\nX-Pad: ${'p'.repeat(400)}\r\n\r\nv\r\n--${B}--`),
    ],
    [
      'two files',
      form([
        { name: 'file', filename: 'a.csv', data: 'a' },
        { name: 'file', filename: 'b.csv', data: 'b' },
      ]),
    ],
    ['a file in another field', form([{ name: 'upload', filename: 'a.csv', data: 'a' }])],
    ['a text field over 16 bytes', form([{ name: 'cooperativeId', data: 'x'.repeat(17) }])],
    ['too many fields', form([1, 2, 3, 4].map((n) => ({ name: `f${n}`, data: 'x' })))],
    [
      'a repeated field',
      form([
        { name: 'f', data: 'x' },
        { name: 'f', data: 'y' },
      ]),
    ],
    ['a text field that is not UTF-8', form([{ name: 'f', data: Buffer.from([0xc3, 0x28]) }])],
    ['a long preamble', Buffer.concat([Buffer.alloc(5000, 'a'), form([{ name: 'f', data: 'x' }])])],
    ['a long epilogue', Buffer.concat([form([{ name: 'f', data: 'x' }]), Buffer.alloc(5000, 'a')])],
  ])('refuses %s with a 400 (InvalidInputError), in one chunk or byte by byte', (_label, body) => {
    for (const size of [body.length, 1]) expect(() => parse(body, size)).toThrow(InvalidInputError);
  });

  it('refuses a file over its limit with 413 as soon as the limit is crossed', () => {
    const parser = new MultipartFormParser(B, LIMITS);
    parser.write(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n`));
    parser.write(Buffer.alloc(900, 'a'));
    let error: unknown;
    try {
      parser.write(Buffer.alloc(200, 'a'));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('reads a stream, and stops listening (without destroying it) once it refuses the body', async () => {
    const ok = new PassThrough();
    const reading = readMultipartForm(ok, `multipart/form-data; boundary=${B}`, LIMITS);
    const body = form([{ name: 'file', filename: 'a.csv', data: CSV }]);
    ok.write(body.subarray(0, 10));
    ok.end(body.subarray(10));
    expect((await reading).file?.data.toString()).toBe(CSV);

    const bad = new PassThrough();
    const refused = readMultipartForm(bad, `multipart/form-data; boundary=${B}`, LIMITS);
    bad.write(Buffer.from('no boundary here '.repeat(100)));
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    expect(bad.listenerCount('data')).toBe(0);
    expect(bad.destroyed).toBe(false);

    await expect(readMultipartForm(new PassThrough(), 'multipart/form-data', LIMITS)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
